package dev.dashmech.mechanism.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.testing.Cases;
import dev.dashmech.mechanism.testing.Draw;
import dev.dashmech.mechanism.testing.RuleGenerators;
import org.junit.jupiter.api.Test;

class PaymentIdentityProperties {

    private static final ValueGrid GRID = ValueGrid.uniform(10);

    /** A monotone rule, a value and a value step. */
    record Case(AllocationRule y, double v, double dv) {
    }

    private static Case rule(Draw d, double vmax) {
        return new Case(RuleGenerators.monotone(d, GRID), d.between(0, vmax), d.between(0, 2));
    }

    @Test
    void paymentShouldEqualSurplusMinusUtility() {
        // eq. 2: q(v) = v y(v) − ∫_0^v y, also beyond vmax
        Cases.check(300, d -> rule(d, 12), c ->
                assertThat(c.y().payment(c.v())).isCloseTo(c.v() * c.y().at(c.v()) - c.y().integral(c.v()),
                        within(1e-12)));
    }

    @Test
    void paymentShouldBeNonNegativeAndIndividuallyRational() {
        // Figure 1: 0 <= q(v) <= v y(v)
        Cases.check(300, d -> rule(d, 10), c ->
                assertThat(c.y().payment(c.v())).isBetween(0.0, c.v() * c.y().at(c.v()) + 1e-12));
    }

    @Test
    void paymentShouldBeMonotone() {
        Cases.check(d -> rule(d, 10), c ->
                assertThat(c.y().payment(c.v() + c.dv())).isGreaterThanOrEqualTo(c.y().payment(c.v()) - 1e-12));
    }
}
