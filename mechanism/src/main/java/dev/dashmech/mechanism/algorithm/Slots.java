package dev.dashmech.mechanism.algorithm;

import dev.dashmech.mechanism.algorithm.internal.Checks;
import dev.dashmech.mechanism.algorithm.internal.Curves;
import dev.dashmech.mechanism.random.StageRandom;
import dev.dashmech.mechanism.rule.AllocationRule;
import dev.dashmech.mechanism.rule.ValueGrid;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A position auction (MECHANISM.md §2): {@code k} slots with click-through rates {@code α_1 >= ... >= α_k}, a
 * ranking drawn by Plackett–Luce, and a click on each shown slot.
 *
 * <p><b>The model, exactly.</b>
 * <ul>
 *   <li>Weights: agent {@code i} has weight {@code exp(v_i/τ)}; the outside option is a pseudo-agent with
 *   weight {@code exp(r/τ)}, as in {@link Softmax}.</li>
 *   <li>Ranking: slots are filled from the top. For slot {@code j = 1, 2, ...}, the next entry is drawn among
 *   the agents not yet ranked and the outside option, with probability proportional to weight. If the outside
 *   option is drawn the list is cut: the agents ranked so far are shown and nobody else. The list also ends
 *   after {@code k} agents or when every agent is ranked. Equivalently: draw a full Plackett–Luce ranking of
 *   the agents and the outside option; the shown list is the agents ranked above the outside option, truncated
 *   to {@code k}.</li>
 *   <li>Clicks: the agent in slot {@code j} is clicked with probability {@code α_j}, independently of the
 *   other slots. {@code w_i = 1} iff agent {@code i} is clicked; several agents may win in one stage.</li>
 *   <li>Allocation: {@code x_i = Σ_j α_j P(i in slot j)}, so {@code Σ_i x_i <= Σ_j α_j}. With one slot and
 *   {@code α_1 = 1} this is exactly {@link Softmax} with all quality weights 1.</li>
 * </ul>
 * Trailing slots with {@code α_j = 0} can never be clicked and are ignored.
 *
 * <p><b>Sampling</b> ({@link #sample}) is exact: per slot, one uniform draw picks the entry (inverse transform
 * over the unranked agents in index order, the outside option last) and, if an agent was picked, one uniform
 * draw decides its click.
 *
 * <p><b>Probabilities</b> ({@link #allocation}, {@link #curve}) are exact, by enumerating every ranking prefix,
 * when {@link #enumerationWork(int, int)} for the stage is at most the exact-work limit
 * ({@link #DEFAULT_EXACT_WORK_LIMIT} = 2·10⁶ unless set with {@link #withExactWorkLimit}). With the default that
 * holds, for 1 clickable slot, up to 2·10⁶ agents; for 2 slots up to 1413 agents; 3 slots, 125; 4 slots, 38;
 * 5 slots, 19; 6 slots, 12 (see {@link #isAllocationExact(int)}). An exact call costs about twice the work in
 * floating-point operations. Beyond the limit they are a Monte Carlo estimate: the mean over
 * {@link #DEFAULT_MONTE_CARLO_SAMPLES} rankings (configurable with {@link #withMonteCarlo}) drawn with the
 * Gumbel-max trick from a generator re-seeded with a fixed seed on every call, each ranking contributing the
 * expected click {@code α_j} of every shown agent. The estimate is deterministic (same profile, same numbers),
 * has standard error at most {@code α_1 / (2 sqrt(samples))} per agent, and, because every call uses the same
 * draws, is monotone in each agent's value (a curve drawn from it is a valid allocation rule); it is piecewise
 * constant rather than continuous in the value.
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe. Scratch space (weights, ranking flags, the estimator's
 * generator) is thread-confined: each thread gets its own, sized to the largest profile it has seen, so only a
 * thread's first call (or a larger profile) allocates.
 */
public final class Slots implements AllocationAlgorithm {

    /** The name of this algorithm in scenario files and market configs. */
    public static final String NAME = "slots";
    /** Default bound on {@link #enumerationWork(int, int)} for exact probabilities. */
    public static final long DEFAULT_EXACT_WORK_LIMIT = 2_000_000L;
    /** Default number of sampled rankings of the Monte Carlo estimate. */
    public static final int DEFAULT_MONTE_CARLO_SAMPLES = 20_000;
    /** Default seed of the Monte Carlo estimate. */
    public static final long DEFAULT_MONTE_CARLO_SEED = 0x5107_5eedL;

    private final double[] ctrs;
    /** Number of slots with a positive click-through rate: the only ones that matter. */
    private final int clickable;
    private final double tau;
    private final double reserve;
    private final long exactWorkLimit;
    private final int monteCarloSamples;
    private final long monteCarloSeed;
    private final ThreadLocal<Scratch> scratch;

    private Slots(double[] ctrs, double tau, double reserve, long exactWorkLimit, int monteCarloSamples,
                  long monteCarloSeed) {
        this.ctrs = ctrs;
        int positive = 0;
        while (positive < ctrs.length && ctrs[positive] > 0) {
            positive++;
        }
        this.clickable = positive;
        this.tau = tau;
        this.reserve = reserve;
        this.exactWorkLimit = exactWorkLimit;
        this.monteCarloSamples = monteCarloSamples;
        this.monteCarloSeed = monteCarloSeed;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(clickable));
    }

    /**
     * A position auction with the given click-through rates (slot 1 first), temperature {@code tau} and reserve
     * {@code reserve}, with the default exact-work limit and Monte Carlo settings.
     *
     * @throws IllegalArgumentException if there are no rates, a rate is outside [0, 1] or larger than the one
     *     before it, the first rate is 0, {@code tau} is not finite and positive, or {@code reserve} is negative
     */
    public static Slots of(double[] clickThroughRates, double tau, double reserve) {
        return new Slots(checkCtrs(clickThroughRates), Checks.temperature(NAME, tau), Checks.reserve(NAME, reserve),
                DEFAULT_EXACT_WORK_LIMIT, DEFAULT_MONTE_CARLO_SAMPLES, DEFAULT_MONTE_CARLO_SEED);
    }

    /**
     * The same auction with the Monte Carlo estimate drawing {@code samples} rankings from a generator seeded
     * with {@code seed}.
     *
     * @throws IllegalArgumentException if {@code samples < 1}
     */
    public Slots withMonteCarlo(int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException(NAME + ": the Monte Carlo estimate needs at least 1 sample, was "
                    + samples + " (the default is " + DEFAULT_MONTE_CARLO_SAMPLES + ")");
        }
        return new Slots(ctrs, tau, reserve, exactWorkLimit, samples, seed);
    }

    /**
     * The same auction with probabilities enumerated exactly while {@link #enumerationWork(int, int)} is at most
     * {@code limit}, estimated beyond it; {@code 0} always estimates, {@link Long#MAX_VALUE} always enumerates.
     *
     * @throws IllegalArgumentException if {@code limit < 0}
     */
    public Slots withExactWorkLimit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(NAME + ": the exact-work limit must be >= 0, was " + limit);
        }
        return new Slots(ctrs, tau, reserve, limit, monteCarloSamples, monteCarloSeed);
    }

    private static double[] checkCtrs(double[] ctrs) {
        if (ctrs.length == 0) {
            throw new IllegalArgumentException(NAME + ": needs at least one slot, was given no click-through rates");
        }
        for (int j = 0; j < ctrs.length; j++) {
            double a = ctrs[j];
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException(NAME + ": click-through rate of slot " + (j + 1)
                        + " must be in [0, 1], was " + a);
            }
            if (j > 0 && a > ctrs[j - 1]) {
                throw new IllegalArgumentException(NAME + ": click-through rates must be non-increasing from slot 1 "
                        + "down, but slot " + (j + 1) + " has " + a + " after " + ctrs[j - 1] + " for slot " + j);
            }
        }
        if (ctrs[0] == 0) {
            throw new IllegalArgumentException(NAME + ": the first slot's click-through rate must be > 0, was 0 "
                    + "(nobody could ever win)");
        }
        return ctrs.clone();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A copy of the click-through rates, slot 1 first. */
    public double[] clickThroughRates() {
        return ctrs.clone();
    }

    /** The temperature {@code τ}. */
    public double temperature() {
        return tau;
    }

    /** The reserve {@code r}: the value of the outside option. */
    public double reserve() {
        return reserve;
    }

    /** The bound on {@link #enumerationWork(int, int)} up to which probabilities are exact. */
    public long exactWorkLimit() {
        return exactWorkLimit;
    }

    /** The number of rankings the Monte Carlo estimate draws. */
    public int monteCarloSamples() {
        return monteCarloSamples;
    }

    /** The seed of the Monte Carlo estimate. */
    public long monteCarloSeed() {
        return monteCarloSeed;
    }

    /**
     * The cost of exact enumeration for {@code n} agents and {@code k} clickable slots: the number of ranking
     * prefixes of length {@code < min(k, n)} ({@code Σ_d n!/(n-d)!}) times {@code n}, saturating at
     * {@link Long#MAX_VALUE}.
     */
    public static long enumerationWork(int n, int k) {
        long prefixes = 0;
        long atDepth = 1;
        for (int d = 0; d < Math.min(k, n); d++) {
            prefixes = saturatingAdd(prefixes, atDepth);
            atDepth = saturatingMultiply(atDepth, n - d);
        }
        return saturatingMultiply(prefixes, n);
    }

    /** Exact iff {@code enumerationWork(n, clickable slots) <= exactWorkLimit()}. */
    @Override
    public boolean isAllocationExact(int n) {
        return enumerationWork(n, clickable) <= exactWorkLimit;
    }

    @Override
    public void sample(double[] values, RandomGenerator rng, boolean[] wins) {
        Checks.sameLength(NAME, "wins", wins.length, values);
        Checks.values(NAME, values);
        int n = values.length;
        Scratch s = scratch(n);
        double[] w = s.weights;
        boolean[] ranked = s.ranked;
        double outside = weights(values, w);
        Arrays.fill(wins, false);
        Arrays.fill(ranked, 0, n, false);
        int shown = Math.min(clickable, n);
        for (int slot = 0; slot < shown; slot++) {
            double remaining = outside;
            for (int j = 0; j < n; j++) {
                if (!ranked[j]) {
                    remaining += w[j];
                }
            }
            double target = rng.nextDouble() * remaining;
            double cumulative = 0;
            int picked = -1;
            for (int j = 0; j < n; j++) {
                if (!ranked[j]) {
                    cumulative += w[j];
                    if (target < cumulative) {
                        picked = j;
                        break;
                    }
                }
            }
            if (picked < 0) {
                return; // the outside option is ranked here: the list is cut
            }
            ranked[picked] = true;
            wins[picked] = rng.nextDouble() < ctrs[slot];
        }
    }

    @Override
    public void allocation(double[] values, double[] out) {
        Checks.sameLength(NAME, "out", out.length, values);
        Checks.values(NAME, values);
        int n = values.length;
        Scratch s = scratch(n);
        Arrays.fill(out, 0);
        if (isAllocationExact(n)) {
            double outside = weights(values, s.weights);
            Arrays.fill(s.ranked, 0, n, false);
            enumerate(s.weights, s.ranked, n, outside, 0, 1, out);
        } else {
            estimate(values, s, out);
        }
    }

    @Override
    public AllocationRule curve(int i, double[] values, ValueGrid grid) {
        Checks.agent(NAME, i, values);
        Checks.valuesExcept(NAME, values, i);
        int n = values.length;
        if (isAllocationExact(n)) {
            double[] profile = values.clone();
            double[] out = new double[n];
            return Curves.monotone(NAME, i, grid, k -> {
                profile[i] = grid.point(k);
                allocation(profile, out);
                return out[i];
            });
        }
        double[] estimate = estimateCurve(i, values, grid, scratch(n));
        return Curves.monotone(NAME, i, grid, k -> estimate[k]);
    }

    /**
     * Writes the Plackett–Luce weights {@code exp((v_j - c)/τ)}, {@code c = max(r, max_j v_j)}, into {@code w}
     * and returns the outside option's; the shift keeps them in (0, 1] with the largest equal to 1.
     */
    private double weights(double[] values, double[] w) {
        double c = reserve;
        for (double v : values) {
            c = Math.max(c, v);
        }
        for (int j = 0; j < values.length; j++) {
            w[j] = Math.exp((values[j] - c) / tau);
        }
        return Math.exp((reserve - c) / tau);
    }

    /**
     * Adds, for every ranking prefix extended by agent j at slot {@code depth}, {@code α_depth} times the prefix's
     * probability to {@code out[j]}; recursion depth is at most the number of clickable slots.
     */
    private void enumerate(double[] w, boolean[] ranked, int n, double outside, int depth, double prefix,
                           double[] out) {
        double remaining = outside;
        for (int j = 0; j < n; j++) {
            if (!ranked[j]) {
                remaining += w[j]; // summed afresh rather than subtracted: no cancellation when weights differ a lot
            }
        }
        boolean deeper = depth + 1 < Math.min(clickable, n);
        for (int j = 0; j < n; j++) {
            if (ranked[j]) {
                continue;
            }
            double p = prefix * w[j] / remaining;
            if (p == 0) {
                continue;
            }
            out[j] += ctrs[depth] * p;
            if (deeper) {
                ranked[j] = true;
                enumerate(w, ranked, n, outside, depth + 1, p, out);
                ranked[j] = false;
            }
        }
    }

    /** Gumbel-max scores {@code (v_j - r)/τ + G_j}; the outside option's is {@code G_0}. */
    private double score(double value, double gumbel) {
        double s = (value - reserve) / tau + gumbel;
        if (Double.isInfinite(s) && s > 0) {
            throw new IllegalArgumentException(NAME + ": value " + value + " over temperature " + tau
                    + " overflows the Monte Carlo estimate; use a larger temperature");
        }
        return s;
    }

    private static double gumbel(RandomGenerator rng) {
        return -Math.log(-Math.log(rng.nextDouble()));
    }

    /** The Monte Carlo estimate of the allocation: mean expected clicks over sampled rankings. */
    private void estimate(double[] values, Scratch s, double[] out) {
        int n = values.length;
        int k = Math.min(clickable, n);
        StageRandom rng = s.random;
        rng.reset(monteCarloSeed, 0);
        for (int m = 0; m < monteCarloSamples; m++) {
            double cut = gumbel(rng);
            int listed = 0;
            for (int j = 0; j < n; j++) {
                double sj = score(values[j], gumbel(rng));
                if (sj > cut) {
                    listed = insert(s.topScores, s.topAgents, listed, k, sj, j);
                }
            }
            for (int p = 0; p < listed; p++) {
                out[s.topAgents[p]] += ctrs[p];
            }
        }
        for (int j = 0; j < n; j++) {
            out[j] /= monteCarloSamples;
        }
    }

    /**
     * The Monte Carlo estimate of agent i's curve from the same draws as {@link #estimate}: per ranking, the
     * top scores of the others fix every slot boundary, and i's slot at each grid value is read off them. At a
     * grid value it equals the estimate of the profile with {@code values[i]} replaced by it.
     */
    private double[] estimateCurve(int i, double[] values, ValueGrid grid, Scratch s) {
        int n = values.length;
        int k = Math.min(clickable, n);
        int m = grid.size();
        double[] sum = new double[m];
        double[] ownOffset = new double[m];
        for (int g = 0; g < m; g++) {
            ownOffset[g] = (grid.point(g) - reserve) / tau;
        }
        StageRandom rng = s.random;
        rng.reset(monteCarloSeed, 0);
        for (int sample = 0; sample < monteCarloSamples; sample++) {
            double cut = gumbel(rng);
            int listed = 0;
            double own = 0;
            for (int j = 0; j < n; j++) {
                double g = gumbel(rng);
                if (j == i) {
                    own = g;
                    continue;
                }
                double sj = score(values[j], g);
                if (sj > cut) {
                    listed = insert(s.topScores, s.topAgents, listed, k, sj, j);
                }
            }
            for (int g = 0; g < m; g++) {
                double si = ownOffset[g] + own;
                if (!(si > cut)) {
                    continue;
                }
                int above = 0;
                while (above < listed && s.topScores[above] > si) {
                    above++;
                }
                if (above < k) {
                    sum[g] += ctrs[above];
                }
            }
        }
        for (int g = 0; g < m; g++) {
            sum[g] /= monteCarloSamples;
        }
        return sum;
    }

    /** Inserts (score, agent) into the descending top list of at most {@code k}; returns the new length. */
    private static int insert(double[] scores, int[] agents, int listed, int k, double score, int agent) {
        if (listed == k && !(score > scores[k - 1])) {
            return listed;
        }
        int p = Math.min(listed, k - 1);
        while (p > 0 && scores[p - 1] < score) {
            scores[p] = scores[p - 1];
            agents[p] = agents[p - 1];
            p--;
        }
        scores[p] = score;
        agents[p] = agent;
        return Math.min(listed + 1, k);
    }

    private Scratch scratch(int n) {
        Scratch s = scratch.get();
        s.ensure(n);
        return s;
    }

    /** Per-thread scratch space, grown to the largest profile seen. */
    private static final class Scratch {
        double[] weights = new double[0];
        boolean[] ranked = new boolean[0];
        final double[] topScores;
        final int[] topAgents;
        final StageRandom random = StageRandom.ofSeed(0);

        Scratch(int slots) {
            topScores = new double[slots];
            topAgents = new int[slots];
        }

        void ensure(int n) {
            if (weights.length < n) {
                weights = new double[n];
                ranked = new boolean[n];
            }
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slots s && Arrays.equals(ctrs, s.ctrs) && Double.compare(tau, s.tau) == 0
                && Double.compare(reserve, s.reserve) == 0 && exactWorkLimit == s.exactWorkLimit
                && monteCarloSamples == s.monteCarloSamples && monteCarloSeed == s.monteCarloSeed;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(ctrs);
        h = 31 * h + Double.hashCode(tau);
        h = 31 * h + Double.hashCode(reserve);
        h = 31 * h + Long.hashCode(exactWorkLimit);
        h = 31 * h + monteCarloSamples;
        return 31 * h + Long.hashCode(monteCarloSeed);
    }

    /**
     * The spec {@link AllocationAlgorithms#parse} reads back, e.g. {@code slots:ctrs=0.3/0.2,tau=1.0,reserve=0.0};
     * the Monte Carlo settings and the exact-work limit are listed when they differ from the defaults.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(NAME).append(":ctrs=").append(AllocationAlgorithms.list(ctrs))
                .append(",tau=").append(tau).append(",reserve=").append(reserve);
        if (exactWorkLimit != DEFAULT_EXACT_WORK_LIMIT) {
            s.append(",exactWorkLimit=").append(exactWorkLimit);
        }
        if (monteCarloSamples != DEFAULT_MONTE_CARLO_SAMPLES) {
            s.append(",monteCarloSamples=").append(monteCarloSamples);
        }
        if (monteCarloSeed != DEFAULT_MONTE_CARLO_SEED) {
            s.append(",monteCarloSeed=").append(monteCarloSeed);
        }
        return s.toString();
    }
}
