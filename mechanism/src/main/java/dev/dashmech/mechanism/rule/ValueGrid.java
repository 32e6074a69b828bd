package dev.dashmech.mechanism.rule;

import java.util.Arrays;

/**
 * The value grid on which every single-agent object of Section 3 is represented: points
 * {@code 0 = z_0 < z_1 < ... < z_{m-1} = vmax}. Curves on the grid are piecewise linear, so integrals of
 * them are exact for the representation (MECHANISM.md §1).
 */
public final class ValueGrid {

    /** Default number of grid points (MECHANISM.md §1). */
    public static final int DEFAULT_SIZE = 65;

    private final double[] points;

    private ValueGrid(double[] points) {
        this.points = points;
    }

    /** A uniform grid of {@code size} points on {@code [0, vmax]}. */
    public static ValueGrid uniform(double vmax, int size) {
        if (!(vmax > 0) || Double.isInfinite(vmax)) {
            throw new IllegalArgumentException("vmax must be positive and finite, was " + vmax);
        }
        if (size < 2) {
            throw new IllegalArgumentException("a value grid needs at least 2 points, was " + size);
        }
        double[] p = new double[size];
        for (int k = 0; k < size; k++) {
            p[k] = vmax * k / (size - 1);
        }
        p[size - 1] = vmax;
        return new ValueGrid(p);
    }

    /** A uniform grid of {@link #DEFAULT_SIZE} points on {@code [0, vmax]}. */
    public static ValueGrid uniform(double vmax) {
        return uniform(vmax, DEFAULT_SIZE);
    }

    /** A grid through the given points: strictly increasing, starting at 0. */
    public static ValueGrid of(double... points) {
        if (points.length < 2) {
            throw new IllegalArgumentException("a value grid needs at least 2 points, was " + points.length);
        }
        if (points[0] != 0) {
            throw new IllegalArgumentException("a value grid starts at 0, was " + points[0]);
        }
        for (int k = 1; k < points.length; k++) {
            if (!(points[k] > points[k - 1]) || Double.isInfinite(points[k])) {
                throw new IllegalArgumentException("grid points must be finite and strictly increasing: point " + k
                        + " is " + points[k] + " after " + points[k - 1]);
            }
        }
        return new ValueGrid(points.clone());
    }

    public int size() {
        return points.length;
    }

    public double vmax() {
        return points[points.length - 1];
    }

    public double point(int k) {
        return points[k];
    }

    /** A copy of the points. */
    public double[] points() {
        return points.clone();
    }

    /**
     * The index {@code k} of the cell {@code [z_k, z_{k+1}]} that holds {@code z}, clamped to
     * {@code [0, size-2]}; values outside {@code [0, vmax]} map to the first or last cell.
     */
    public int cellOf(double z) {
        int n = points.length;
        if (z <= points[0]) {
            return 0;
        }
        if (z >= points[n - 1]) {
            return n - 2;
        }
        int k = Arrays.binarySearch(points, z);
        if (k >= 0) {
            return Math.min(k, n - 2);
        }
        return -k - 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueGrid g && Arrays.equals(points, g.points);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(points);
    }

    @Override
    public String toString() {
        return "ValueGrid[" + points.length + " points on [0, " + vmax() + "]]";
    }
}
