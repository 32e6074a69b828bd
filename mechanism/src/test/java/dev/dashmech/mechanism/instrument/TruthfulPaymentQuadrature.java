package dev.dashmech.mechanism.instrument;

import dev.dashmech.mechanism.algorithm.AllocationAlgorithm;

/**
 * Test kit: the truthful payment {@code r_i(v)} of the instrumented algorithm {@code w} of Def. 16, computed
 * independently of the implicit payments, by Gauss–Legendre quadrature of the payment identity (eq. 2) on
 * {@code w}:
 * <pre>
 *   w_i(z) = E_{v̌_{-i}} [(1−ρ) x_i(z, v̌_{-i}) + ρ (1/vmax_i) ∫_0^vmax_i x_i(u, v̌_{-i}) du]
 *   r_i(v) = v_i w_i(v_i) − ∫_0^{v_i} w_i(z) dz
 * </pre>
 * Each other agent j enters as {@code v_j} with probability 1−ρ and as {@code U[0, vmax_j]} with probability ρ.
 * The expectation is linear, so the identity is applied per outcome of {@code v̌_{-i}} and averaged, which is
 * the same number computed with far fewer calls. Exact for smooth allocation rules up to the quadrature error.
 */
final class TruthfulPaymentQuadrature {

    private final AllocationAlgorithm algorithm;
    private final double rho;
    private final double[] vmax;
    private final double[] nodes;
    private final double[] weights;
    private final int panels;

    /**
     * @param panels composite panels per integral
     * @param order Gauss–Legendre points per panel
     */
    TruthfulPaymentQuadrature(AllocationAlgorithm algorithm, double rho, double[] vmax, int panels, int order) {
        this.algorithm = algorithm;
        this.rho = rho;
        this.vmax = vmax.clone();
        this.panels = panels;
        this.nodes = new double[order];
        this.weights = new double[order];
        gaussLegendre(order, nodes, weights);
    }

    /** {@code r_i(values)} for the instrumented algorithm. */
    double payment(double[] values, int i) {
        double[] profile = values.clone();
        return expectOverOthers(profile, 0, i, values[i]);
    }

    private double expectOverOthers(double[] profile, int j, int i, double v) {
        if (j == profile.length) {
            return paymentIdentity(profile, i, v);
        }
        if (j == i) {
            return expectOverOthers(profile, j + 1, i, v);
        }
        double own = profile[j];
        double asIs = expectOverOthers(profile, j + 1, i, v);
        double uniform = integrate(0, vmax[j], u -> {
            profile[j] = u;
            return expectOverOthers(profile, j + 1, i, v);
        }) / vmax[j];
        profile[j] = own;
        return (1 - rho) * asIs + rho * uniform;
    }

    /** {@code v w(v) − ∫_0^v w} for one outcome of the others, with {@code w} including i's own instrumentation. */
    private double paymentIdentity(double[] profile, int i, double v) {
        double[] x = new double[profile.length];
        double ownInstrumented = integrate(0, vmax[i], u -> allocationOf(profile, i, u, x)) / vmax[i];
        double wAtV = (1 - rho) * allocationOf(profile, i, v, x) + rho * ownInstrumented;
        double integralOfW = v == 0 ? 0
                : integrate(0, v, z -> (1 - rho) * allocationOf(profile, i, z, x) + rho * ownInstrumented);
        return v * wAtV - integralOfW;
    }

    private double allocationOf(double[] profile, int i, double z, double[] x) {
        double saved = profile[i];
        profile[i] = z;
        algorithm.allocation(profile, x);
        profile[i] = saved;
        return x[i];
    }

    private double integrate(double a, double b, java.util.function.DoubleUnaryOperator f) {
        double h = (b - a) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * h;
            for (int k = 0; k < nodes.length; k++) {
                sum += weights[k] * f.applyAsDouble(mid + 0.5 * h * nodes[k]);
            }
        }
        return sum * 0.5 * h;
    }

    /** Nodes and weights of m-point Gauss–Legendre quadrature on [-1, 1], by Newton's method on P_m. */
    private static void gaussLegendre(int m, double[] x, double[] w) {
        for (int k = 0; k < m; k++) {
            double t = Math.cos(Math.PI * (k + 0.75) / (m + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = t;
                for (int n = 2; n <= m; n++) {
                    double p2 = ((2 * n - 1) * t * p1 - (n - 1) * p0) / n;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = m * (t * p1 - p0) / (t * t - 1);
                double step = p1 / derivative;
                t -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            x[k] = t;
            w[k] = 2 / ((1 - t * t) * derivative * derivative);
        }
    }
}
