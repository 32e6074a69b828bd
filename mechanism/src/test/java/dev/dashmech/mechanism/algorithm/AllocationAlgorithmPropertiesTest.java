package dev.dashmech.mechanism.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties every built-in algorithm must have (Section 2: monotone and continuous in each agent's value), over
 * random parameters and profiles. Slots here run with exact enumeration (at most 6 agents, 3 slots).
 */
class AllocationAlgorithmPropertiesTest {

    /** An algorithm, a profile, an agent of it, and a Lipschitz bound of x_i in that agent's value. */
    record Case(AllocationAlgorithm algorithm, double[] values, int agent, double lipschitz, double capacity) {
        @Override
        public String toString() {
            return algorithm + " on " + java.util.Arrays.toString(values) + ", agent " + agent;
        }
    }

    @Property(tries = 300)
    void shouldAllocateAtMostTheCapacity(@ForAll("cases") Case c) {
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
    }

    @Property(tries = 300)
    void shouldNotDecreaseInOwnValueNorIncreaseInAnothers(@ForAll("cases") Case c,
                                                          @ForAll("increments") double increment) {
        // given
        int i = c.agent();
        double[] low = c.values().clone();
        double[] high = c.values().clone();
        high[i] = low[i] + increment;
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
    }

    @Property(tries = 300)
    void shouldBeContinuousInOwnValue(@ForAll("cases") Case c) {
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
    }

    @Property(tries = 100)
    void shouldGiveCurvesThatMatchTheAllocation(@ForAll("cases") Case c) {
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
            assertThat(curve.probability(k)).isCloseTo(x[i], within(1e-12));
        }
    }

    @Property(tries = 300)
    void shouldRealizeAFeasibleAllocation(@ForAll("cases") Case c, @ForAll long seed) {
        // given
        boolean[] wins = new boolean[c.values().length];

        // when
        c.algorithm().sample(c.values(), StageRandom.ofSeed(seed), wins);

        // then: at most one winner for one item, at most one per slot for slots
        int winners = 0;
        for (boolean w : wins) {
            winners += w ? 1 : 0;
        }
        int maxWinners = c.algorithm() instanceof Slots s ? s.clickThroughRates().length : 1;
        assertThat(winners).isLessThanOrEqualTo(maxWinners);
    }

    @Provide
    Arbitrary<Double> increments() {
        return Arbitraries.doubles().between(1e-6, 5).ofScale(7);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Double> tau = Arbitraries.doubles().between(0.1, 5);
        Arbitrary<Double> reserve = Arbitraries.doubles().between(0, 5);
        Arbitrary<double[]> values = Arbitraries.doubles().between(0, 10).ofScale(4).array(double[].class).ofMinSize(1)
                .ofMaxSize(6);
        Arbitrary<double[]> ctrs = Arbitraries.doubles().between(0.01, 1).list().ofMinSize(1).ofMaxSize(3)
                .map(AllocationAlgorithmPropertiesTest::descending);
        Arbitrary<Case> softmax = Combinators.combine(tau, reserve, values).flatAs((t, r, v) ->
                Arbitraries.integers().between(0, v.length - 1).map(i ->
                        new Case(Softmax.of(t, r), v, i, 1 / (4 * t), 1)));
        Arbitrary<Case> proportional = Combinators.combine(Arbitraries.doubles().between(0.1, 5), values)
                .flatAs((r, v) -> Arbitraries.integers().between(0, v.length - 1).map(i ->
                        new Case(Proportional.of(r), v, i, 1 / r, 1)));
        Arbitrary<Case> slots = Combinators.combine(ctrs, tau, reserve, values).flatAs((a, t, r, v) ->
                Arbitraries.integers().between(0, v.length - 1).map(i ->
                        new Case(Slots.of(a, t, r), v, i, a[0] * v.length / (4 * t), sum(a))));
        return Arbitraries.oneOf(softmax, proportional, slots);
    }

    private static double[] descending(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).boxed().sorted((p, q) -> Double.compare(q, p))
                .mapToDouble(Double::doubleValue).toArray();
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }
}
