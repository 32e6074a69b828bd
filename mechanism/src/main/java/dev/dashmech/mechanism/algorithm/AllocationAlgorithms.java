package dev.dashmech.mechanism.algorithm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds an {@link AllocationAlgorithm} by name and parameters, as a scenario file or a market config names it.
 *
 * <table>
 *   <caption>Names and parameters</caption>
 *   <tr><th>name</th><th>required</th><th>optional (default)</th></tr>
 *   <tr><td>{@code softmax}</td><td>{@code tau}</td><td>{@code reserve} (0), {@code qualities} (all 1)</td></tr>
 *   <tr><td>{@code proportional}</td><td>{@code reserve}</td><td></td></tr>
 *   <tr><td>{@code slots}</td><td>{@code ctrs}, {@code tau}</td><td>{@code reserve} (0),
 *   {@code exactWorkLimit} ({@value Slots#DEFAULT_EXACT_WORK_LIMIT}), {@code monteCarloSamples}
 *   ({@value Slots#DEFAULT_MONTE_CARLO_SAMPLES}), {@code monteCarloSeed}</td></tr>
 * </table>
 *
 * <p>A parameter value may be a {@link Number} or a {@link String} holding one; a list ({@code qualities},
 * {@code ctrs}) may be a {@code double[]}, a {@link List} of numbers, or a string of numbers separated by
 * {@code /}, {@code ,}, {@code ;} or spaces. Unknown parameters are errors (a typo must not silently fall back
 * to a default). Each algorithm's {@code toString()} is a spec that {@link #parse} reads back.
 */
public final class AllocationAlgorithms {

    private static final Map<String, Set<String>> PARAMETERS = new LinkedHashMap<>();

    static {
        PARAMETERS.put(Softmax.NAME, Set.of("tau", "reserve", "qualities"));
        PARAMETERS.put(Proportional.NAME, Set.of("reserve"));
        PARAMETERS.put(Slots.NAME, Set.of("ctrs", "tau", "reserve", "exactWorkLimit", "monteCarloSamples",
                "monteCarloSeed"));
    }

    private AllocationAlgorithms() {
    }

    /** The names {@link #of} accepts: {@code softmax}, {@code proportional}, {@code slots}. */
    public static List<String> names() {
        return List.copyOf(PARAMETERS.keySet());
    }

    /**
     * The algorithm {@code name} with the given parameters (see the class comment).
     *
     * @throws IllegalArgumentException naming the problem if the name is unknown, a parameter is unknown, missing
     *     or malformed, or the algorithm rejects a value
     */
    public static AllocationAlgorithm of(String name, Map<String, ?> params) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Set<String> accepted = PARAMETERS.get(key);
        if (accepted == null) {
            throw new IllegalArgumentException("unknown allocation algorithm '" + name + "'; use one of " + names());
        }
        for (String p : params.keySet()) {
            if (!accepted.contains(p)) {
                throw new IllegalArgumentException(key + ": unknown parameter '" + p + "'; accepted: "
                        + new TreeSet<>(accepted));
            }
        }
        Params p = new Params(key, params);
        switch (key) {
            case Softmax.NAME: {
                double tau = p.number("tau");
                double reserve = p.number("reserve", 0);
                return params.containsKey("qualities") ? Softmax.of(tau, reserve, p.list("qualities"))
                        : Softmax.of(tau, reserve);
            }
            case Proportional.NAME:
                return Proportional.of(p.number("reserve"));
            case Slots.NAME: {
                Slots slots = Slots.of(p.list("ctrs"), p.number("tau"), p.number("reserve", 0));
                if (params.containsKey("exactWorkLimit")) {
                    slots = slots.withExactWorkLimit(p.integer("exactWorkLimit"));
                }
                if (params.containsKey("monteCarloSamples") || params.containsKey("monteCarloSeed")) {
                    long samples = p.integer("monteCarloSamples", Slots.DEFAULT_MONTE_CARLO_SAMPLES);
                    if (samples > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException(key + ": monteCarloSamples must be at most "
                                + Integer.MAX_VALUE + ", was " + samples);
                    }
                    slots = slots.withMonteCarlo((int) samples,
                            p.integer("monteCarloSeed", Slots.DEFAULT_MONTE_CARLO_SEED));
                }
                return slots;
            }
            default:
                throw new AssertionError(key);
        }
    }

    /**
     * Parses a one-line spec {@code name[:key=value,key=value...]}, list values separated by {@code /}, e.g.
     * {@code softmax:tau=1,reserve=0} or {@code slots:ctrs=0.3/0.2/0.1,tau=2}.
     *
     * @throws IllegalArgumentException naming the problem if the spec is malformed or {@link #of} rejects it
     */
    public static AllocationAlgorithm parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty allocation algorithm spec; expected e.g. "
                    + "'softmax:tau=1,reserve=0'");
        }
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0 && !spec.substring(colon + 1).isBlank()) {
            for (String pair : spec.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("malformed parameter '" + pair.trim() + "' in allocation "
                            + "algorithm spec '" + spec + "'; expected key=value");
                }
                String k = pair.substring(0, eq).trim();
                if (params.put(k, pair.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("parameter '" + k + "' given twice in allocation algorithm "
                            + "spec '" + spec + "'");
                }
            }
        }
        return of(name, params);
    }

    /** Formats a list as the specs write it: {@code 0.3/0.2/0.1}. */
    static String list(double[] xs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            s.append(i == 0 ? "" : "/").append(xs[i]);
        }
        return s.toString();
    }

    /** Typed access to the parameters of one algorithm, with errors that name the algorithm and the key. */
    private static final class Params {
        private final String algorithm;
        private final Map<String, ?> values;

        Params(String algorithm, Map<String, ?> values) {
            this.algorithm = algorithm;
            this.values = values;
        }

        double number(String key) {
            Object v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException(algorithm + ": missing required parameter '" + key + "'");
            }
            return toDouble(key, v);
        }

        double number(String key, double fallback) {
            Object v = values.get(key);
            return v == null ? fallback : toDouble(key, v);
        }

        long integer(String key) {
            Object v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException(algorithm + ": missing required parameter '" + key + "'");
            }
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue(); // exactly: seeds need all 64 bits
            }
            if (v instanceof String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    // not a plain integer; maybe "1e6"
                }
            }
            double x = toDouble(key, v);
            if (x != Math.rint(x) || Math.abs(x) >= 0x1p63) {
                throw new IllegalArgumentException(algorithm + ": parameter '" + key + "' must be an integer, was "
                        + v);
            }
            return (long) x;
        }

        long integer(String key, long fallback) {
            return values.containsKey(key) ? integer(key) : fallback;
        }

        double[] list(String key) {
            Object v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException(algorithm + ": missing required parameter '" + key + "'");
            }
            if (v instanceof double[] xs) {
                return xs.clone();
            }
            if (v instanceof List<?> items) {
                double[] xs = new double[items.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = toDouble(key, items.get(i));
                }
                return xs;
            }
            if (v instanceof String s) {
                String[] parts = s.trim().isEmpty() ? new String[0] : s.trim().split("[/,;\\s]+");
                return Arrays.stream(parts).mapToDouble(part -> toDouble(key, part)).toArray();
            }
            if (v instanceof Number n) {
                return new double[] {n.doubleValue()};
            }
            throw new IllegalArgumentException(algorithm + ": parameter '" + key + "' must be a list of numbers, was "
                    + v + " (" + v.getClass().getSimpleName() + ")");
        }

        private double toDouble(String key, Object v) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(algorithm + ": parameter '" + key + "' must be a number, was '"
                            + s + "'", e);
                }
            }
            throw new IllegalArgumentException(algorithm + ": parameter '" + key + "' must be a number, was " + v
                    + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")"));
        }
    }
}
