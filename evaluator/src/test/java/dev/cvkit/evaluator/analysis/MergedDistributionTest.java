package dev.cvkit.evaluator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.MillisDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The phases of a run read as one: the same figures as one distribution holding every value. */
class MergedDistributionTest {

    /** Values in every part, shared values across parts, exact (listed) and histogram ranges, an empty part. */
    @Test
    void partsReadAsOneGiveTheFiguresOfAllTheirValuesTogether() {
        SplittableRandom random = new SplittableRandom(11);
        MillisDistribution whole = new MillisDistribution();
        List<Distribution> parts = new ArrayList<>();
        int[] sizes = {5, 0, 40_000, 300, 1};
        for (int p = 0; p < sizes.length; p++) {
            MillisDistribution part = new MillisDistribution();
            for (int i = 0; i < sizes[p]; i++) {
                long v = p == 2 ? (long) (80 * Math.exp(1.2 * random.nextGaussian())) : 40 + random.nextInt(20) * p;
                part.record(v);
                whole.record(v);
            }
            parts.add(part);
        }
        MergedDistribution merged = new MergedDistribution(parts);
        assertThat(merged.count()).isEqualTo(whole.count());
        assertThat(merged.minMillis()).isEqualTo(whole.minMillis());
        assertThat(merged.maxMillis()).isEqualTo(whole.maxMillis());
        for (double p : new double[] {0.1, 1, 50, 90, 95, 99, 99.9, 100}) {
            assertThat(merged.percentileMillis(p)).as("p%s", p).isEqualTo(whole.percentileMillis(p));
        }
        List<long[]> mergedPairs = new ArrayList<>();
        merged.forEachAscending((v, c) -> mergedPairs.add(new long[] {v, c}));
        List<long[]> wholePairs = new ArrayList<>();
        whole.forEachAscending((v, c) -> wholePairs.add(new long[] {v, c}));
        assertThat(mergedPairs).hasSameSizeAs(wholePairs).isNotEmpty();
        for (int i = 0; i < wholePairs.size(); i++) {
            assertThat(mergedPairs.get(i)).as("pair %d", i).containsExactly(wholePairs.get(i));
        }
    }

    /** The recovery figures and the criteria may ask one merged distribution from two threads at once. */
    @Test
    void percentilesAskedFromSeveralThreadsAtOnceAreTheSame() throws Exception {
        for (int round = 0; round < 20; round++) {
            SplittableRandom random = new SplittableRandom(round);
            List<Distribution> parts = new ArrayList<>();
            MillisDistribution whole = new MillisDistribution();
            for (int p = 0; p < 3; p++) {
                MillisDistribution part = new MillisDistribution();
                for (int i = 0; i < 5_000; i++) {
                    long v = 1 + random.nextInt(5_000);
                    part.record(v);
                    whole.record(v);
                }
                parts.add(part);
            }
            MergedDistribution merged = new MergedDistribution(parts);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
            List<java.util.concurrent.CompletableFuture<Long>> asked = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                asked.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return merged.percentileMillis(95);
                }, r -> new Thread(r).start()));
            }
            for (java.util.concurrent.CompletableFuture<Long> a : asked) {
                assertThat(a.get()).isEqualTo(whole.percentileMillis(95));
            }
        }
    }

    @Test
    void noValuesAtAll() {
        MergedDistribution merged = new MergedDistribution(List.of(new MillisDistribution(), new MillisDistribution()));
        assertThat(merged.count()).isZero();
        List<Long> seen = new ArrayList<>();
        merged.forEachAscending((v, c) -> seen.add(v));
        assertThat(seen).isEmpty();
    }
}
