package dev.dashmech.mechanism.algorithm.internal;

/**
 * Argument checks for the per-stage calls. They allocate nothing unless they throw, so the hot paths can afford
 * them on every call.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Checks that every value is finite and non-negative (values are inferred values in {@code [0, vmax]}).
     *
     * @throws IllegalArgumentException naming the first bad agent and value
     */
    public static void values(String algorithm, double[] values) {
        valuesExcept(algorithm, values, -1);
    }

    /** As {@link #values}, but agent {@code skip}'s entry is not looked at (a counterfactual curve replaces it). */
    public static void valuesExcept(String algorithm, double[] values, int skip) {
        if (values.length == 0) {
            throw new IllegalArgumentException(algorithm + ": a stage needs at least one agent, was given no values");
        }
        for (int i = 0; i < values.length; i++) {
            if (i == skip) {
                continue;
            }
            double v = values[i];
            if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(algorithm + ": value of agent " + i
                        + " must be finite and >= 0 (an inferred value in [0, vmax]), was " + v);
            }
        }
    }

    /** Checks that an output array has one entry per agent. */
    public static void sameLength(String algorithm, String what, int length, double[] values) {
        if (length != values.length) {
            throw new IllegalArgumentException(algorithm + ": " + what + " must have one entry per agent ("
                    + values.length + "), has " + length);
        }
    }

    /** Checks that {@code i} names an agent of the profile. */
    public static void agent(String algorithm, int i, double[] values) {
        if (i < 0 || i >= values.length) {
            throw new IllegalArgumentException(algorithm + ": agent index " + i + " is outside the profile of "
                    + values.length + " agents");
        }
    }

    /** Checks a temperature: finite and positive. */
    public static double temperature(String algorithm, double tau) {
        if (!(tau > 0) || tau == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(algorithm + ": temperature tau must be finite and > 0, was " + tau
                    + " (a small tau approaches the welfare-maximizing argmax, a large one uniform allocation)");
        }
        return tau;
    }

    /** Checks a reserve: finite and non-negative. */
    public static double reserve(String algorithm, double reserve) {
        if (!(reserve >= 0) || reserve == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(algorithm + ": reserve must be finite and >= 0, was " + reserve
                    + " (the reserve is the value of the outside option: nobody wins)");
        }
        return reserve;
    }
}
