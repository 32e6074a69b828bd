package dev.dashmech.mechanism.random;

import java.util.random.RandomGenerator;

/**
 * The random generator of one stage, derived from (market seed, stage id): the same pair always gives the
 * bit-identical stream, different stages or markets give independent streams. Every random draw of a stage
 * (instrumentation coins and values, the algorithm's single call) comes from it, so replaying a log reproduces
 * every outcome.
 *
 * <p>The stream is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), the algorithm of {@link java.util.SplittableRandom}: {@link #ofSeed(long)} gives exactly the
 * stream of {@code new SplittableRandom(seed)}. It is written out here, rather than used from the JDK, for two
 * reasons: a stage engine re-seeds one generator per stage in place ({@link #reset(long, long)}) with no
 * allocation, which no JDK generator allows; and the stream is fixed by this code, not by the JDK version, so
 * replays stay bit-identical across JDK upgrades. {@link #nextDouble()} is defined here for the same reason;
 * the other {@link RandomGenerator} methods keep the JDK defaults built on {@link #nextLong()}.
 *
 * <p>Derivation: the market seed is hashed, the stage id is added times an odd constant (so distinct stage ids
 * give distinct inputs), and the result is mixed into the stream's start and its increment ("gamma"), as
 * {@code SplittableRandom.split()} does. Distinct gammas make overlapping streams practically impossible.
 *
 * <p>Not thread-safe: a generator is mutable state. Use one per thread (e.g. one per stream task), re-seeded
 * for every stage.
 */
public final class StageRandom implements RandomGenerator {

    /** The odd golden-ratio increment of SplitMix64 (and of {@code new SplittableRandom(seed)}). */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** Separates the market-seed hash from the plain {@link #ofSeed} stream of the same number. */
    private static final long MARKET_SALT = 0x2545f4914f6cdd1dL;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private long gamma;

    private StageRandom(long state, long gamma) {
        this.state = state;
        this.gamma = gamma;
    }

    /** The generator of stage {@code stageId} of the market with seed {@code marketSeed}. */
    public static StageRandom of(long marketSeed, long stageId) {
        StageRandom r = new StageRandom(0, GOLDEN_GAMMA);
        return r.reset(marketSeed, stageId);
    }

    /** The plain SplitMix64 stream of {@code seed}: bit-identical to {@code new SplittableRandom(seed)}. */
    public static StageRandom ofSeed(long seed) {
        return new StageRandom(seed, GOLDEN_GAMMA);
    }

    /**
     * Re-seeds this generator, in place and without allocating, to the stream of stage {@code stageId} of the
     * market with seed {@code marketSeed}: afterwards it draws exactly what {@code of(marketSeed, stageId)}
     * draws.
     *
     * @return this generator
     */
    public StageRandom reset(long marketSeed, long stageId) {
        long x = mix64(marketSeed ^ MARKET_SALT) + stageId * GOLDEN_GAMMA;
        this.state = mix64(x);
        this.gamma = mixGamma(x + GOLDEN_GAMMA);
        return this;
    }

    /**
     * A 64-bit seed that identifies stage {@code stageId} of the market with seed {@code marketSeed}, for callers
     * that want to record or log it; distinct stage ids of one market give distinct seeds.
     */
    public static long seed(long marketSeed, long stageId) {
        return mix64(mix64(marketSeed ^ MARKET_SALT) + stageId * GOLDEN_GAMMA);
    }

    @Override
    public long nextLong() {
        state += gamma;
        return mix64(state);
    }

    /** A uniform double in {@code [0, 1)}: the top 53 bits of {@link #nextLong()}, as SplittableRandom does. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    // SplitMix64's finalizer (Stafford's variant 13 of MurmurHash3's fmix64): a bijection with full avalanche.
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // SplitMix64's gamma derivation: an odd increment with enough bit transitions to mix well.
    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int transitions = Long.bitCount(z ^ (z >>> 1));
        return transitions < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }

    @Override
    public String toString() {
        return "StageRandom[SplitMix64]";
    }
}
