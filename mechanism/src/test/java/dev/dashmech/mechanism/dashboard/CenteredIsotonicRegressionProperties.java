package dev.dashmech.mechanism.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CenteredIsotonicRegressionProperties {

    /** Binned data: centres 0.5, 1.5, ..., levels in [0, 1], weights in [0, 50] (some empty bins). */
    record Bins(double[] x, double[] y, double[] w) {
    }

    @Provide
    Arbitrary<Bins> bins() {
        return Arbitraries.integers().between(1, 40).flatMap(n -> Combinators.combine(
                Arbitraries.doubles().between(0, 1).ofScale(4).array(double[].class).ofSize(n),
                Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0.5, 50).ofScale(3))
                        .array(Double[].class).ofSize(n))
                .as((y, w) -> {
                    double[] x = new double[n];
                    double[] weights = new double[n];
                    for (int j = 0; j < n; j++) {
                        x[j] = j + 0.5;
                        weights[j] = w[j];
                    }
                    weights[n / 2] = Math.max(weights[n / 2], 1); // at least one point counts
                    return new Bins(x, y, weights);
                }));
    }

    @Property(tries = 300)
    void fitShouldBeMonotoneAndContinuous(@ForAll("bins") Bins b) {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(b.x(), b.y(), b.w());
        double[] levels = f.levels();
        double[] knots = f.knots();
        double maxSlope = 0;
        for (int k = 1; k < levels.length; k++) {
            assertThat(levels[k]).isGreaterThan(levels[k - 1]);
            assertThat(knots[k]).isGreaterThan(knots[k - 1]);
            maxSlope = Math.max(maxSlope, (levels[k] - levels[k - 1]) / (knots[k] - knots[k - 1]));
        }
        double step = 0.01;
        for (double z = -1; z < b.x().length + 1; z += step) {
            double jump = f.at(z + step) - f.at(z);
            assertThat(jump).isGreaterThanOrEqualTo(0.0).isLessThanOrEqualTo(maxSlope * step + 1e-12);
        }
    }

    @Property(tries = 300)
    void blockLevelsShouldBeTheIsotonicRegression(@ForAll("bins") Bins b) {
        // the level of each point's block equals the min-max formula of isotonic regression,
        // max over j <= i of min over k >= i of the weighted mean of points j..k (an independent O(n³) reference)
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(b.x(), b.y(), b.w());
        double[] blockWeights = f.weights();
        double[] levels = f.levels();
        int block = 0;
        double filled = 0;
        for (int i = 0; i < b.x().length; i++) {
            if (b.w()[i] == 0) {
                continue;
            }
            assertThat(levels[block]).as("point %s", i).isCloseTo(minMax(b, i), within(1e-9));
            filled += b.w()[i];
            if (filled >= blockWeights[block] * (1 - 1e-12)) {
                block++;
                filled = 0;
            }
        }
    }

    private static double minMax(Bins b, int i) {
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
            double low = Double.POSITIVE_INFINITY;
            for (int k = i; k < b.x().length; k++) {
                double sw = 0;
                double sy = 0;
                for (int m = j; m <= k; m++) {
                    sw += b.w()[m];
                    sy += b.w()[m] * b.y()[m];
                }
                if (sw > 0) {
                    low = Math.min(low, sy / sw);
                }
            }
            best = Math.max(best, low);
        }
        return best;
    }
}
