package dev.dashmech.mechanism.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.testing.RuleArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class PaymentIdentityProperties {

    private static final ValueGrid GRID = ValueGrid.uniform(10);

    @Provide
    Arbitrary<AllocationRule> rules() {
        return RuleArbitraries.monotone(GRID);
    }

    @Property(tries = 300)
    void paymentShouldEqualSurplusMinusUtility(@ForAll("rules") AllocationRule y,
            @ForAll @DoubleRange(min = 0, max = 12) double v) {
        // eq. 2: q(v) = v y(v) − ∫_0^v y
        assertThat(y.payment(v)).isCloseTo(v * y.at(v) - y.integral(v), within(1e-12));
    }

    @Property(tries = 300)
    void paymentShouldBeNonNegativeAndIndividuallyRational(@ForAll("rules") AllocationRule y,
            @ForAll @DoubleRange(min = 0, max = 10) double v) {
        // Figure 1: 0 <= q(v) <= v y(v)
        assertThat(y.payment(v)).isBetween(0.0, v * y.at(v) + 1e-12);
    }

    @Property(tries = 200)
    void paymentShouldBeMonotone(@ForAll("rules") AllocationRule y,
            @ForAll @DoubleRange(min = 0, max = 10) double v, @ForAll @DoubleRange(min = 0, max = 2) double dv) {
        assertThat(y.payment(v + dv)).isGreaterThanOrEqualTo(y.payment(v) - 1e-12);
    }
}
