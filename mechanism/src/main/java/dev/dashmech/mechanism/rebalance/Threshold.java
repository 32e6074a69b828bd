package dev.dashmech.mechanism.rebalance;

import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;

/**
 * The threshold {@code v†} of individually rational rebalancing (Def. 14 as MECHANISM.md §4 reads it),
 * in closed form. The extra expected payment of the types above {@code v†} is
 * {@code Δ(v) = ∫_0^v (y − y†) = Y(v) − (1−γ) v y(v) = γ v y(v) − q(v)}; within a grid cell {@code y} is
 * linear and {@code q} quadratic, so {@code Δ} is a quadratic in the offset {@code u} from the cell's left
 * point, {@code Δ = A u² + B u + C} with {@code A = s(γ − ½)}, {@code B = γ y_k + s z_k (γ − 1)},
 * {@code C = γ z_k y_k − q_k} for slope {@code s}. No quadrature, no power with exponent
 * {@code γ/(1−γ)}.
 */
final class Threshold {

    /** A threshold this close to a grid point (relative to vmax) is snapped onto it. */
    private static final double SNAP = 1e-9;

    private Threshold() {
    }

    /** {@code Δ(v) = γ v y(v) − q(v)}, exact for the piecewise-linear rule. */
    static double delta(AllocationRule y, double gamma, double v) {
        return gamma * v * y.at(v) - y.payment(v);
    }

    /**
     * The first {@code v† > 0} with {@code Δ(v†) = target}; if there is none in {@code [0, vmax]}, the
     * {@code v} that maximises {@code sign(target) Δ(v)} (the first such, if several).
     */
    static double solve(AllocationRule y, double gamma, double target) {
        ValueGrid g = y.grid();
        int n = g.size();
        for (int k = 0; k < n - 1; k++) {
            double z = g.point(k);
            double w = g.point(k + 1) - z;
            double a = y.probability(k);
            double s = (y.probability(k + 1) - a) / w;
            double qa = s * (gamma - 0.5);
            double qb = gamma * a + s * z * (gamma - 1);
            double qc = gamma * z * a - y.paymentAt(k) - target;
            double u = smallestRoot(qa, qb, qc, w);
            if (u >= 0) {
                return snap(g, z + u);
            }
        }
        return snap(g, argmax(y, gamma, Math.signum(target)));
    }

    /** The smallest root of {@code a u² + b u + c} in {@code [0, w]}, or −1 if there is none. */
    private static double smallestRoot(double a, double b, double c, double w) {
        if (c == 0) {
            return 0;
        }
        double fw = (a * w + b) * w + c;
        double tol = 1e-12 * w;
        double best = Double.POSITIVE_INFINITY;
        if (Math.abs(a) * w <= 1e-15 * (Math.abs(b) + Math.abs(c) / w)) {
            if (b != 0) {
                best = accept(-c / b, w, tol, best);
            }
        } else {
            double disc = b * b - 4 * a * c;
            if (disc >= 0) {
                double sq = Math.sqrt(disc);
                double q = -0.5 * (b + Math.copySign(sq, b));
                best = accept(q / a, w, tol, best);
                if (q != 0) {
                    best = accept(c / q, w, tol, best);
                }
            }
        }
        if (best == Double.POSITIVE_INFINITY && Math.signum(c) * Math.signum(fw) < 0) {
            // a sign change the closed form missed to rounding: bisect
            double lo = 0;
            double hi = w;
            for (int i = 0; i < 100 && hi - lo > tol; i++) {
                double mid = 0.5 * (lo + hi);
                double fm = (a * mid + b) * mid + c;
                if (Math.signum(fm) == Math.signum(c)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            best = hi;
        }
        return best == Double.POSITIVE_INFINITY ? -1 : best;
    }

    private static double accept(double u, double w, double tol, double best) {
        if (u >= -tol && u <= w + tol) {
            return Math.min(best, Math.min(w, Math.max(0, u)));
        }
        return best;
    }

    /** The {@code v} in {@code [0, vmax]} maximising {@code sign Δ(v)}: grid points and cell vertices. */
    private static double argmax(AllocationRule y, double gamma, double sign) {
        ValueGrid g = y.grid();
        int n = g.size();
        double bestV = 0;
        double best = sign * delta(y, gamma, 0);
        for (int k = 0; k < n - 1; k++) {
            double z = g.point(k);
            double w = g.point(k + 1) - z;
            double a = y.probability(k);
            double s = (y.probability(k + 1) - a) / w;
            double qa = s * (gamma - 0.5);
            double qb = gamma * a + s * z * (gamma - 1);
            if (qa != 0) {
                double u = -qb / (2 * qa);
                if (u > 0 && u < w) {
                    double d = sign * delta(y, gamma, z + u);
                    if (d > best) {
                        best = d;
                        bestV = z + u;
                    }
                }
            }
            double d = sign * delta(y, gamma, g.point(k + 1));
            if (d > best) {
                best = d;
                bestV = g.point(k + 1);
            }
        }
        return bestV;
    }

    private static double snap(ValueGrid g, double v) {
        int k = g.cellOf(v);
        double eps = SNAP * g.vmax();
        if (Math.abs(v - g.point(k)) <= eps) {
            return g.point(k);
        }
        if (Math.abs(g.point(k + 1) - v) <= eps) {
            return g.point(k + 1);
        }
        return v;
    }
}
