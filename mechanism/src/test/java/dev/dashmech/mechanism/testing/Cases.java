package dev.dashmech.mechanism.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property over seeded random cases: a plain JUnit 5 test calls {@link #check} with a generator of
 * cases (a function of a {@link Draw}) and the property (a consumer that asserts). Every property has its
 * own fixed stream of case seeds, derived from {@link #BASE_SEED} and the calling test's class and method
 * names, so runs are reproducible; the first failing case fails the test with an {@link AssertionError}
 * that names the property, the try, the case's seed and the case itself.
 *
 * <p>Hand-written instead of a property-testing library: jqwik, the usual choice, is not used here because
 * its maintainers ask AI agents not to use it. There is no shrinking; generators mix in edge values instead
 * (see {@link Draw}).
 *
 * <p>System properties, for a wider search or to replay one case: {@code -Ddashmech.cases.tries=N} runs N
 * tries per property instead of the property's own count; {@code -Ddashmech.cases.base=B} draws every
 * property's cases from base seed B instead of {@link #BASE_SEED} (other cases than the build's); and
 * {@code -Ddashmech.cases.seed=S} runs only the case of seed S. Seeds are a decimal long or {@code 0x} and
 * hex digits, as printed in a failure.
 */
public final class Cases {

    /** Tries per property unless a property asks for another count. */
    public static final int DEFAULT_TRIES = 200;
    /** The base of every property's stream of case seeds. */
    public static final long BASE_SEED = 0x5EED_DA5B_0A2DL;

    private static final String TRIES_PROPERTY = "dashmech.cases.tries";
    private static final String BASE_PROPERTY = "dashmech.cases.base";
    private static final String SEED_PROPERTY = "dashmech.cases.seed";

    private Cases() {
    }

    /** Checks {@code property} on {@value #DEFAULT_TRIES} cases from {@code generator}. */
    public static <T> void check(Function<Draw, T> generator, Consumer<? super T> property) {
        check(DEFAULT_TRIES, generator, property, caller());
    }

    /** Checks {@code property} on {@code tries} cases from {@code generator}. */
    public static <T> void check(int tries, Function<Draw, T> generator, Consumer<? super T> property) {
        check(tries, generator, property, caller());
    }

    private static <T> void check(int tries, Function<Draw, T> generator, Consumer<? super T> property,
            String name) {
        if (tries < 1) {
            throw new IllegalArgumentException("a property needs at least 1 try, was " + tries);
        }
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            run(name, 1, 1, parseSeed(SEED_PROPERTY, replay.strip()), generator, property);
            return;
        }
        int n = Integer.getInteger(TRIES_PROPERTY, tries);
        String base = System.getProperty(BASE_PROPERTY);
        SplittableRandom seeds = new SplittableRandom(seedOf(base == null || base.isBlank() ? BASE_SEED
                : parseSeed(BASE_PROPERTY, base.strip()), name));
        for (int i = 1; i <= n; i++) {
            run(name, i, n, seeds.nextLong(), generator, property);
        }
    }

    private static <T> void run(String name, int i, int n, long seed, Function<Draw, T> generator,
            Consumer<? super T> property) {
        Object shown = "(the generator failed)";
        try {
            T value = generator.apply(new Draw(seed));
            shown = value;
            property.accept(value);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(String.format(
                    "%s failed on try %d of %d, case seed 0x%016x (replay it with -D%s=0x%016x)%n  case: %s%n  %s",
                    name, i, n, seed, SEED_PROPERTY, seed, shown, e), e);
        }
    }

    /** A seed as printed in a failure ({@code 0x} and 16 hex digits), or a signed decimal. */
    private static long parseSeed(String property, String s) {
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + " must be a seed such as 0x00000000deadbeef "
                    + "or a decimal long, was '" + s + "'", e);
        }
    }

    /** The stream seed of the property {@code name}: the base seed with a 64-bit hash of the name. */
    private static long seedOf(long base, String name) {
        long h = base;
        for (int k = 0; k < name.length(); k++) {
            h = 0x100000001B3L * (h ^ name.charAt(k)); // FNV-1a step
        }
        return h;
    }

    /** {@code Class#method} of the test that called {@code check}. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Cases.class.getName()))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
                .orElseThrow());
    }
}
