package dev.dashmech.mechanism.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dashmech.mechanism.testing.Cases;
import dev.dashmech.mechanism.testing.Draw;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CenteredIsotonicRegressionProperties {

    /** Binned data: centres 0.5, 1.5, ..., levels in [0, 1], weights in [0, 50] (some empty bins). */
    record Bins(double[] x, double[] y, double[] w) {
        @Override
        public String toString() {
            return "Bins[y=" + Arrays.toString(y) + ", w=" + Arrays.toString(w) + "]";
        }
    }

    /**
     * 1 to 40 bins; levels with 4 decimals (so that ties, which pooling must merge, are common); half the
     * weights 0, the others with 3 decimals in [0.5, 50]; the middle bin weighs at least 1.
     */
    static Bins bins(Draw d) {
        int n = d.between(1, 40);
        double[] y = d.doubles(n, e -> e.decimal(0, 1, 4));
        double[] w = d.doubles(n, e -> e.bool() ? 0.0 : e.decimal(0.5, 50, 3));
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = j + 0.5;
        }
        w[n / 2] = Math.max(w[n / 2], 1); // at least one point counts
        return new Bins(x, y, w);
    }

    @Test
    void fitShouldBeMonotoneAndContinuous() {
        Cases.check(300, CenteredIsotonicRegressionProperties::bins,
                CenteredIsotonicRegressionProperties::monotoneAndContinuous);
    }

    private static void monotoneAndContinuous(Bins b) {
        CenteredIsotonicRegression f = CenteredIsotonicRegression.fit(b.x(), b.y(), b.w());
        double[] levels = f.levels();
        double[] knots = f.knots();
        double maxSlope = 0;
        for (int k = 1; k < levels.length; k++) {
            assertThat(levels[k]).as("level of block %s", k).isGreaterThan(levels[k - 1]);
            assertThat(knots[k]).as("knot of block %s", k).isGreaterThan(knots[k - 1]);
            maxSlope = Math.max(maxSlope, (levels[k] - levels[k - 1]) / (knots[k] - knots[k - 1]));
        }
        double step = 0.01;
        for (double z = -1; z < b.x().length + 1; z += step) {
            double jump = f.at(z + step) - f.at(z);
            assertThat(jump).as("rise from %s", z).isGreaterThanOrEqualTo(0.0)
                    .isLessThanOrEqualTo(maxSlope * step + 1e-12);
        }
    }

    @Test
    void blockLevelsShouldBeTheIsotonicRegression() {
        Cases.check(300, CenteredIsotonicRegressionProperties::bins,
                CenteredIsotonicRegressionProperties::minMaxLevels);
    }

    private static void minMaxLevels(Bins b) {
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
