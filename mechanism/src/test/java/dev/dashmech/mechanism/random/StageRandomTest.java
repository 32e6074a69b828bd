package dev.dashmech.mechanism.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StageRandomTest {

    @Test
    void shouldDrawBitIdenticalStreamsWhenMarketSeedAndStageAreTheSame() {
        // given
        StageRandom a = StageRandom.of(42, 1_000_003);
        StageRandom b = StageRandom.of(42, 1_000_003);

        // when / then
        for (int k = 0; k < 1000; k++) {
            long bitsA = Double.doubleToRawLongBits(a.nextDouble());
            assertThat(bitsA).isEqualTo(Double.doubleToRawLongBits(b.nextDouble()));
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void shouldReproduceTheSameStreamWhenResetInPlace() {
        // given
        StageRandom fresh = StageRandom.of(7, 99);
        StageRandom reused = StageRandom.of(123, 456);
        reused.nextLong();

        // when
        reused.reset(7, 99);

        // then
        for (int k = 0; k < 100; k++) {
            assertThat(reused.nextLong()).isEqualTo(fresh.nextLong());
        }
    }

    @Test
    void shouldMatchSplittableRandomWhenSeededDirectly() {
        // given: the plain stream is SplitMix64, the algorithm of java.util.SplittableRandom
        StageRandom ours = StageRandom.ofSeed(-8_765_432_123L);
        SplittableRandom jdk = new SplittableRandom(-8_765_432_123L);

        // when / then
        for (int k = 0; k < 1000; k++) {
            assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
            assertThat(ours.nextDouble()).isEqualTo(jdk.nextDouble());
        }
    }

    @Test
    void shouldGiveDistinctStreamsWhenStagesOrMarketsDiffer() {
        // given
        Set<Long> firstDraws = new HashSet<>();

        // when: 10 markets x 10 000 consecutive stages
        for (long market = 0; market < 10; market++) {
            for (long stage = 0; stage < 10_000; stage++) {
                firstDraws.add(StageRandom.of(market, stage).nextLong());
            }
        }

        // then: no two streams start alike (a collision of 64-bit draws would be a 1e-11 event)
        assertThat(firstDraws).hasSize(100_000);
        assertThat(StageRandom.seed(5, 1)).isNotEqualTo(StageRandom.seed(5, 2)).isNotEqualTo(StageRandom.seed(6, 1));
    }

    @Test
    void shouldBeUniformAcrossConsecutiveStages() {
        // given: the first draw of each of 100 000 consecutive stages, in 20 bins
        int stages = 100_000;
        int bins = 20;
        long[] counts = new long[bins];
        double[] first = new double[stages];
        StageRandom rng = StageRandom.of(2024, 0);

        // when
        for (int s = 0; s < stages; s++) {
            first[s] = rng.reset(2024, s).nextDouble();
            counts[(int) (first[s] * bins)]++;
        }

        // then: chi-square with 19 degrees of freedom below its 99.9% quantile (43.82)
        double expected = (double) stages / bins;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).isLessThan(43.82);
        // and neighbouring stages are uncorrelated: |r| below 3.3 standard errors of 1/sqrt(N)
        double sum = 0;
        for (int s = 1; s < stages; s++) {
            sum += (first[s] - 0.5) * (first[s - 1] - 0.5);
        }
        double correlation = sum / (stages - 1) / (1.0 / 12);
        assertThat(Math.abs(correlation)).isLessThan(3.3 / Math.sqrt(stages));
    }

    @Test
    void shouldDrawDoublesInTheUnitInterval() {
        // given
        StageRandom rng = StageRandom.of(-1, Long.MAX_VALUE);

        // when / then
        for (int k = 0; k < 10_000; k++) {
            assertThat(rng.nextDouble()).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }
}
