package dev.dashmech.dashctl.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dashmech.dashctl.BadInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping of a parsed YAML document, with its path ({@code market.allocation}) so that every error names where
 * it is. Jackson parses; this class only walks the tree strictly: a key it was not told about is an error.
 */
final class YamlNode {

    private final String file;
    private final String path;
    private final JsonNode node;

    private YamlNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The mapping {@code node} at {@code path}, accepting only the {@code allowed} keys. */
    static YamlNode mapping(String file, String path, JsonNode node, Set<String> allowed) {
        YamlNode n = new YamlNode(file, path, node);
        if (node == null || !node.isObject()) {
            throw n.bad(path.isEmpty() ? "the document" : path, "must be a mapping of keys to values, was "
                    + describe(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw n.bad(n.at(key), "unknown key '" + key + "'; the keys here are " + new TreeSet<>(allowed));
            }
        }
        return n;
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The path of {@code key} under this mapping. */
    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    YamlNode mapping(String key, Set<String> allowed) {
        return mapping(file, at(key), require(key), allowed);
    }

    double number(String key) {
        return number(at(key), require(key));
    }

    double number(String key, double dflt) {
        return has(key) ? number(key) : dflt;
    }

    long integer(String key) {
        JsonNode v = require(key);
        double d = number(at(key), v);
        if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
            throw bad(at(key), "must be a whole number, was " + v.asText());
        }
        return (long) d;
    }

    long integer(String key, long dflt) {
        return has(key) ? integer(key) : dflt;
    }

    String text(String key) {
        JsonNode v = require(key);
        if (!v.isTextual()) {
            throw bad(at(key), "must be a word, was " + describe(v));
        }
        return v.asText();
    }

    String text(String key, String dflt) {
        return has(key) ? text(key) : dflt;
    }

    List<Double> numbers(String key) {
        JsonNode v = require(key);
        if (!v.isArray()) {
            throw bad(at(key), "must be a list of numbers, e.g. [0.3, 0.2], was " + describe(v));
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(number(at(key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    JsonNode require(String key) {
        if (!has(key)) {
            throw bad(at(key), "missing; this key is required");
        }
        return node.get(key);
    }

    double number(String where, JsonNode v) {
        if (v == null || !v.isNumber()) {
            throw bad(where, "must be a number, was " + describe(v));
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw bad(where, "must be a finite number, was " + v.asText());
        }
        return d;
    }

    BadInputException bad(String where, String message) {
        return new BadInputException(file + ": " + where + ": " + message);
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "empty";
        }
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.asText();
    }
}
