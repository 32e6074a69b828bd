package dev.dashmech.mechanism.simulate;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;
import dev.dashmech.mechanism.algorithm.AllocationAlgorithms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which allocation algorithm a market runs (MECHANISM.md §2) and its parameters: {@code softmax} and
 * {@code slots} use the temperature {@code τ} and the reserve {@code r} (the outside option); {@code proportional}
 * uses the reserve; {@code slots} needs its click-through rates {@code α_1 ≥ ... ≥ α_k}.
 */
public record AllocationSpec(String type, double temperature, double reserve, List<Double> ctrs) {

    /** The temperature when a scenario gives none. */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    public AllocationSpec {
        if (type == null) {
            throw new IllegalArgumentException("type: an allocation needs a type: softmax, proportional or slots");
        }
        if (!AllocationAlgorithms.names().contains(type)) {
            throw new IllegalArgumentException("type: unknown allocation algorithm '" + type + "': use one of "
                    + AllocationAlgorithms.names());
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be a finite number > 0, was " + temperature);
        }
        if (!Double.isFinite(reserve) || reserve < 0) {
            throw new IllegalArgumentException("reserve: must be a finite number >= 0, was " + reserve);
        }
        ctrs = ctrs == null ? List.of() : List.copyOf(ctrs);
        if (type.equals("slots") && ctrs.isEmpty()) {
            throw new IllegalArgumentException("ctrs: a slots allocation needs the click-through rate of each slot,"
                    + " e.g. ctrs: [0.3, 0.2, 0.1]");
        }
        if (!type.equals("slots") && !ctrs.isEmpty()) {
            throw new IllegalArgumentException("ctrs: only a slots allocation takes click-through rates, not " + type);
        }
        for (int j = 0; j < ctrs.size(); j++) {
            double a = ctrs.get(j);
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("ctrs: a click-through rate must be in [0, 1], slot " + (j + 1)
                        + " has " + a);
            }
            if (j > 0 && a > ctrs.get(j - 1)) {
                throw new IllegalArgumentException("ctrs: click-through rates must be non-increasing by slot, slot "
                        + (j + 1) + " has " + a + " after " + ctrs.get(j - 1));
            }
        }
        try {
            build(type, temperature, reserve, ctrs); // the algorithm's own argument checks, now rather than mid-run
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type: " + type + " rejects its parameters: " + e.getMessage(), e);
        }
    }

    /**
     * The algorithm this spec names, built by {@link AllocationAlgorithms#of}.
     *
     * @throws IllegalArgumentException if the algorithm rejects a parameter
     */
    public AllocationAlgorithm algorithm() {
        return build(type, temperature, reserve, ctrs);
    }

    private static AllocationAlgorithm build(String type, double temperature, double reserve, List<Double> ctrs) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("reserve", reserve);
        if (!type.equals("proportional")) {
            params.put("tau", temperature);
        }
        if (!ctrs.isEmpty()) {
            params.put("ctrs", ctrs);
        }
        return AllocationAlgorithms.of(type, params);
    }

    /** Softmax with temperature {@code τ} and reserve {@code r}. */
    public static AllocationSpec softmax(double temperature, double reserve) {
        return new AllocationSpec("softmax", temperature, reserve, List.of());
    }

    /** Proportional share with reserve {@code r}. */
    public static AllocationSpec proportional(double reserve) {
        return new AllocationSpec("proportional", DEFAULT_TEMPERATURE, reserve, List.of());
    }

    /** Position slots with the given click-through rates, Plackett–Luce ranking at temperature {@code τ}. */
    public static AllocationSpec slots(double temperature, double reserve, List<Double> ctrs) {
        return new AllocationSpec("slots", temperature, reserve, ctrs);
    }
}
