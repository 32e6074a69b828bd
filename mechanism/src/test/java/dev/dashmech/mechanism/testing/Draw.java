package dev.dashmech.mechanism.testing;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The random parameters of one property case, drawn from a seeded {@link SplittableRandom}, with the ends of
 * each range mixed in: bounded draws return an edge value (the range's ends, 0 inside it, a step in from an
 * end) at a rate fixed per case, so that some cases are all edges (flat rules, value 0 and {@code vmax}, the
 * longest run), some have a few, and most have none. A {@code Draw} is made by {@link Cases} from the case's
 * seed, so the seed reproduces the case exactly. Not thread-safe: one per case.
 */
public final class Draw {

    /** The scale of coarse draws: values on a 0.01 raster, so they repeat and land on grid points. */
    private static final double COARSE = 100;

    private final SplittableRandom random;
    private final double edgeRate;

    /** A draw for the case of {@code seed}; its edge rate is drawn from the seed too. */
    public Draw(long seed) {
        this.random = new SplittableRandom(seed);
        // 1/8 of cases all edges, 1/8 half edges, 1/4 a few, 1/2 none
        int mode = random.nextInt(8);
        this.edgeRate = mode == 0 ? 1.0 : mode == 1 ? 0.5 : mode <= 3 ? 0.05 : 0.0;
    }

    /**
     * A double in {@code [min, max]}: an edge value (min, max, 0 inside the range, or one part in 10⁴ of the
     * range in from an end) at the edge rate; otherwise, one time in four a value on a 0.01 raster (to make
     * ties and grid points likely), else uniform.
     */
    public double between(double min, double max) {
        checkRange(min, max);
        if (isEdge()) {
            return edge(min, max, (max - min) * 1e-4);
        }
        double u = min + (max - min) * random.nextDouble();
        if (random.nextInt(4) == 0) {
            u = Math.rint(u * COARSE) / COARSE;
        }
        return clamp(u, min, max);
    }

    /**
     * A double in {@code [min, max]} with at most {@code scale} decimals: uniform on that raster, or an edge
     * value (min, max, 0 inside the range, or one raster step in from an end) at the edge rate.
     */
    public double decimal(double min, double max, int scale) {
        checkRange(min, max);
        double unit = Math.pow(10, scale);
        if (isEdge()) {
            return edge(min, max, 1 / unit);
        }
        double u = min + (max - min) * random.nextDouble();
        return clamp(Math.rint(u * unit) / unit, min, max);
    }

    /** An int in {@code [min, max]}, uniform, or an edge value (min, max, min + 1, max − 1) at the edge rate. */
    public int between(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty int range [" + min + ", " + max + "]");
        }
        if (isEdge()) {
            int candidate = switch (random.nextInt(4)) {
                case 0 -> min;
                case 1 -> max;
                case 2 -> min + 1;
                default -> max - 1;
            };
            return Math.max(min, Math.min(max, candidate));
        }
        return min + random.nextInt(max - min + 1);
    }

    /** An index in {@code [0, n)}, uniform, never biased to edges: for choosing among alternatives. */
    public int index(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("no index in an empty range of " + n);
        }
        return random.nextInt(n);
    }

    /** A fair coin. */
    public boolean bool() {
        return random.nextBoolean();
    }

    /** Any long, for seeds of the code under test. */
    public long nextLong() {
        return random.nextLong();
    }

    /** {@code n} doubles from {@code element}. */
    public double[] doubles(int n, ToDoubleFunction<Draw> element) {
        double[] xs = new double[n];
        for (int k = 0; k < n; k++) {
            xs[k] = element.applyAsDouble(this);
        }
        return xs;
    }

    private boolean isEdge() {
        return edgeRate > 0 && (edgeRate >= 1 || random.nextDouble() < edgeRate);
    }

    private double edge(double min, double max, double step) {
        return switch (random.nextInt(min < 0 && max > 0 ? 5 : 4)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> Math.min(max, min + step);
            case 3 -> Math.max(min, max - step);
            default -> 0.0;
        };
    }

    private static double clamp(double u, double min, double max) {
        return Math.max(min, Math.min(max, u));
    }

    private static void checkRange(double min, double max) {
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] must be finite with min <= max");
        }
    }
}
