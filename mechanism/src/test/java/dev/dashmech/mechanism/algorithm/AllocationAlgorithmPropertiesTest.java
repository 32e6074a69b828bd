package dev.dashmech.mechanism.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import dev.dashmech.mechanism.testing.Cases;
import dev.dashmech.mechanism.testing.Draw;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Properties every built-in algorithm must have (Section 2: monotone and continuous in each agent's value), over
 * random parameters and profiles. Slots here run with exact enumeration (at most 6 agents, 3 slots).
 */
class AllocationAlgorithmPropertiesTest {

    /**
     * An algorithm, a profile, an agent of it, a Lipschitz bound of x_i in that agent's value, the capacity,
     * and, for the properties that need them, a raise of the agent's value and a seed for sampling.
     */
    record Case(AllocationAlgorithm algorithm, double[] values, int agent, double lipschitz, double capacity,
            double increment, long seed) {
        @Override
        public String toString() {
            return algorithm + " on " + Arrays.toString(values) + ", agent " + agent + ", increment " + increment
                    + ", seed " + seed;
        }
    }

    /** Softmax, proportional and slots in equal parts, 1 to 6 agents with values of 4 decimals in [0, 10]. */
    static Case cases(Draw d) {
        double[] values = d.doubles(d.between(1, 6), e -> e.decimal(0, 10, 4));
        int agent = d.between(0, values.length - 1);
        double increment = d.decimal(1e-6, 5, 7);
        long seed = d.nextLong();
        switch (d.index(3)) {
            case 0 -> {
                double tau = d.between(0.1, 5);
                double reserve = d.between(0, 5);
                return new Case(Softmax.of(tau, reserve), values, agent, 1 / (4 * tau), 1, increment, seed);
            }
            case 1 -> {
                double reserve = d.between(0.1, 5);
                return new Case(Proportional.of(reserve), values, agent, 1 / reserve, 1, increment, seed);
            }
            default -> {
                double[] ctrs = descending(d.doubles(d.between(1, 3), e -> e.between(0.01, 1)));
                double tau = d.between(0.1, 5);
                double reserve = d.between(0, 5);
                return new Case(Slots.of(ctrs, tau, reserve), values, agent, ctrs[0] * values.length / (4 * tau),
                        sum(ctrs), increment, seed);
            }
        }
    }

    @Test
    void shouldAllocateAtMostTheCapacity() {
        Cases.check(300, AllocationAlgorithmPropertiesTest::cases, c -> {
            // given
            double[] x = new double[c.values().length];

            // when
            c.algorithm().allocation(c.values(), x);

            // then: one item (softmax, proportional) or one expected click per slot
            double sum = 0;
            for (double xi : x) {
                assertThat(xi).isBetween(0.0, 1.0);
                sum += xi;
            }
            assertThat(sum).isLessThanOrEqualTo(c.capacity() + 1e-12);
        });
    }

    @Test
    void shouldNotDecreaseInOwnValueNorIncreaseInAnothers() {
        Cases.check(300, AllocationAlgorithmPropertiesTest::cases, c -> {
            // given
            int i = c.agent();
            double[] low = c.values().clone();
            double[] high = c.values().clone();
            high[i] = low[i] + c.increment();
            double[] xLow = new double[low.length];
            double[] xHigh = new double[high.length];

            // when
            c.algorithm().allocation(low, xLow);
            c.algorithm().allocation(high, xHigh);

            // then
            assertThat(xHigh[i]).isGreaterThanOrEqualTo(xLow[i] - 1e-12);
            for (int j = 0; j < low.length; j++) {
                if (j != i) {
                    assertThat(xHigh[j]).as("agent %d", j).isLessThanOrEqualTo(xLow[j] + 1e-12);
                }
            }
        });
    }

    @Test
    void shouldBeContinuousInOwnValue() {
        Cases.check(300, AllocationAlgorithmPropertiesTest::cases, c -> {
            // given: a small step in agent i's value
            double delta = 1e-4;
            int i = c.agent();
            double[] moved = c.values().clone();
            moved[i] += delta;
            double[] x = new double[moved.length];
            double[] xMoved = new double[moved.length];

            // when
            c.algorithm().allocation(c.values(), x);
            c.algorithm().allocation(moved, xMoved);

            // then: the change is within the Lipschitz bound, so no jump
            assertThat(Math.abs(xMoved[i] - x[i])).isLessThanOrEqualTo(c.lipschitz() * delta + 1e-12);
        });
    }

    @Test
    void shouldGiveCurvesThatMatchTheAllocation() {
        Cases.check(100, AllocationAlgorithmPropertiesTest::cases, c -> {
            // given
            ValueGrid grid = ValueGrid.uniform(10, 9);
            int i = c.agent();

            // when
            AllocationRule curve = c.algorithm().curve(i, c.values(), grid);

            // then
            double[] profile = c.values().clone();
            double[] x = new double[profile.length];
            for (int k = 0; k < grid.size(); k++) {
                profile[i] = grid.point(k);
                c.algorithm().allocation(profile, x);
                assertThat(curve.probability(k)).as("curve at grid point %s", k).isCloseTo(x[i], within(1e-12));
            }
        });
    }

    @Test
    void shouldRealizeAFeasibleAllocation() {
        Cases.check(300, AllocationAlgorithmPropertiesTest::cases, c -> {
            // given
            boolean[] wins = new boolean[c.values().length];

            // when
            c.algorithm().sample(c.values(), StageRandom.ofSeed(c.seed()), wins);

            // then: at most one winner for one item, at most one per slot for slots
            int winners = 0;
            for (boolean w : wins) {
                winners += w ? 1 : 0;
            }
            int maxWinners = c.algorithm() instanceof Slots s ? s.clickThroughRates().length : 1;
            assertThat(winners).isLessThanOrEqualTo(maxWinners);
        });
    }

    private static double[] descending(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            double t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        return sorted;
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }
}
