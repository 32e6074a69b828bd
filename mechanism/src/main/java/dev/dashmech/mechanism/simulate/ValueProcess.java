package dev.dashmech.mechanism.simulate;

import java.util.random.RandomGenerator;

/**
 * How an agent's true per-stage value evolves: static (Sections 5 and 7), a random walk or a jump (the dynamic
 * environments of Section 6). A process is a description; {@link #path} starts one realization of it.
 */
public sealed interface ValueProcess permits ValueProcess.Static, ValueProcess.RandomWalk, ValueProcess.Jump {

    /** The largest value the process can take before any clamping to the market's {@code vmax}. */
    double maxValue();

    /** True when the value never changes. */
    default boolean isStatic() {
        return false;
    }

    /**
     * A realization of this process in {@code [0, vmax]}, drawing from {@code rng} only (one generator per
     * agent keeps an agent's path independent of the other agents).
     */
    ValuePath path(double vmax, RandomGenerator rng);

    /** A realization: the value at successive stages {@code 1, 2, ...}. */
    interface ValuePath {
        /** The value at the next stage; the first call gives stage 1. */
        double next();
    }

    /** A value that never changes. */
    record Static(double value) implements ValueProcess {
        public Static {
            requireValue("value", value);
        }

        @Override
        public double maxValue() {
            return value;
        }

        @Override
        public boolean isStatic() {
            return true;
        }

        @Override
        public ValuePath path(double vmax, RandomGenerator rng) {
            return () -> value;
        }
    }

    /**
     * A Gaussian random walk: {@code v_1 = start}, {@code v_{s+1} = v_s + step·N(0,1)}, reflected at 0 and
     * {@code vmax} (and clamped there should one step cross the whole range).
     */
    record RandomWalk(double start, double step) implements ValueProcess {
        public RandomWalk {
            requireValue("start", start);
            requireValue("step", step);
        }

        @Override
        public double maxValue() {
            return start;
        }

        @Override
        public ValuePath path(double vmax, RandomGenerator rng) {
            return new ValuePath() {
                private double value = start;
                private boolean started;

                @Override
                public double next() {
                    if (started) {
                        value = reflect(value + step * rng.nextGaussian(), vmax);
                    }
                    started = true;
                    return value;
                }
            };
        }

        static double reflect(double v, double vmax) {
            double r = v < 0 ? -v : v;
            r = r > vmax ? 2 * vmax - r : r;
            return Math.min(vmax, Math.max(0, r));
        }
    }

    /** A value {@code before} up to stage {@code atStage - 1}, then {@code after} from stage {@code atStage} on. */
    record Jump(double before, double after, long atStage) implements ValueProcess {
        public Jump {
            requireValue("before", before);
            requireValue("after", after);
            if (atStage < 1) {
                throw new IllegalArgumentException("atStage: a jump happens at a stage >= 1, was " + atStage);
            }
        }

        @Override
        public double maxValue() {
            return Math.max(before, after);
        }

        @Override
        public ValuePath path(double vmax, RandomGenerator rng) {
            return new ValuePath() {
                private long stage;

                @Override
                public double next() {
                    stage++;
                    return stage < atStage ? before : after;
                }
            };
        }
    }

    private static void requireValue(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + ": a value must be a finite number >= 0, was " + v);
        }
    }
}
