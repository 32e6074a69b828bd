package dev.dashmech.platform.broker.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads and writes Kafka {@code server.properties} files, keeping the order of the keys so people can read them. */
public final class PropertiesFiles {

    private PropertiesFiles() {
    }

    /** Writes {@code properties} in their order, after {@code comments} (one {@code #} line each). */
    public static void write(Path file, Map<String, String> properties, List<String> comments) {
        StringBuilder text = new StringBuilder();
        for (String comment : comments) {
            text.append("# ").append(comment).append('\n');
        }
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            text.append(escaped(entry.getKey(), entry.getValue()));
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The properties of {@code file}, sorted by key. */
    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> ordered.put(key, properties.getProperty(key)));
        return ordered;
    }

    // one key=value line with java.util.Properties' own escaping, without the date comment store() adds
    private static String escaped(String key, String value) {
        Properties one = new Properties();
        one.setProperty(key, value);
        Writer out = new StringWriter();
        try {
            one.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder line = new StringBuilder();
        out.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> line.append(l).append('\n'));
        return line.toString();
    }
}
