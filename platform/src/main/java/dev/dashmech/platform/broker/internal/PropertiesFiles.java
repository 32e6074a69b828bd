package dev.dashmech.platform.broker.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> ordered.put(key, properties.getProperty(key)));
        return ordered;
    }

    // one key=value line that java.util.Properties reads back as written; unlike Properties.store it leaves ':' and
    // '=' in values alone (they are literal after the first separator), so listeners read as people write them
    private static String escaped(String key, String value) {
        if (key.isEmpty() || !key.chars().allMatch(c -> c > ' ' && c != '=' && c != ':' && c != '\\' && c != '#'
                && c != '!')) {
            throw new IllegalArgumentException("property key '" + key + "' cannot be written plainly");
        }
        StringBuilder line = new StringBuilder(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case ' ' -> line.append(i == 0 ? "\\ " : " ");
                default -> line.append(c);
            }
        }
        return line.append('\n').toString();
    }
}
