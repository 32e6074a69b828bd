package dev.dashmech.mechanism.simulate;

/**
 * How a simulated agent bids each stage. Following the dashboard is the strategy the paper's guarantees are
 * about; shading and the truthful baseline are the comparisons.
 */
public sealed interface Strategy permits Strategy.Follow, Strategy.Shade, Strategy.TruthfulBaseline {

    /** The name used in scenario files and reports. */
    String label();

    /** Bid what the dashboard recommends for the agent's true value (the bid strategy of eq. 3 / eq. 6). */
    record Follow() implements Strategy {
        @Override
        public String label() {
            return "follow";
        }
    }

    /** Ignore the dashboard and bid {@code factor × true value}. */
    record Shade(double factor) implements Strategy {
        public Shade {
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("shade: the factor must be a finite number >= 0, was " + factor);
            }
        }

        @Override
        public String label() {
            return "shade " + factor;
        }
    }

    /**
     * The reference of Definition 6: bid the true value in the sequential truthful mechanism. The agent's
     * inferred value is its bid and it pays the truthful payment, so its outstanding balance stays 0.
     */
    record TruthfulBaseline() implements Strategy {
        @Override
        public String label() {
            return "truthful-baseline";
        }
    }
}
