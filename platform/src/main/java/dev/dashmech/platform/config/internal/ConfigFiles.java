package dev.dashmech.platform.config.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.dashmech.platform.config.ServiceConfigException;

/**
 * Reads a service configuration file into flat dotted keys: YAML ({@code .yaml}, {@code .yml}), where nested
 * mappings join their keys with dots and lists become comma-separated values, or Java properties
 * ({@code .properties}).
 */
public final class ConfigFiles {

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ConfigFiles() {
    }

    /** The settings of {@code file}, keys in file order; a YAML {@code null} value leaves its key unset. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ServiceConfigException("config file " + file + " does not exist or is not a file; "
                    + "check the path given with --config");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return readYaml(file);
        }
        if (name.endsWith(".properties")) {
            return readProperties(file);
        }
        throw new ServiceConfigException("config file " + file + " has an unknown type; "
                + "name it *.yaml, *.yml or *.properties");
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = YAML.readTree(reader);
        } catch (JsonProcessingException e) {
            throw new ServiceConfigException("config file " + file + " is not valid YAML: "
                    + e.getOriginalMessage() + locationOf(e), e);
        } catch (IOException e) {
            throw new ServiceConfigException("could not read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return settings;
        }
        if (!root.isObject()) {
            throw new ServiceConfigException("config file " + file + " must hold a YAML mapping of settings "
                    + "(key: value lines), not a " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        flatten("", root, settings, file);
        return settings;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> settings, Path file) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, settings, file);
            } else if (value.isNull()) {
                continue;
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isValueNode() || item.isNull()) {
                        throw new ServiceConfigException("config file " + file + ": '" + key + "' is a list of "
                                + item.getNodeType().name().toLowerCase(Locale.ROOT) + "s; a list setting holds plain "
                                + "values (strings or numbers)");
                    }
                    items.add(item.asText());
                }
                put(settings, key, String.join(",", items), file);
            } else {
                put(settings, key, value.asText(), file);
            }
        }
    }

    private static void put(Map<String, String> settings, String key, String value, Path file) {
        if (settings.putIfAbsent(key, value) != null) {
            throw new ServiceConfigException("config file " + file + " sets '" + key + "' twice (once nested, once "
                    + "with dots); keep one");
        }
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ServiceConfigException("could not read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
