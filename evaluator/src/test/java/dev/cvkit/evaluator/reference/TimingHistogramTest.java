package dev.cvkit.evaluator.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.MillisDistribution;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingHistogramTest {

    @Test
    void bucketsAreExactBelow256AndNarrowerThanOnePercentAbove() {
        for (long v = 0; v < 256; v++) {
            assertThat(TimingHistogram.bucketOf(v)).isEqualTo(v);
        }
        long previous = -1;
        for (long v = 256; v < 5_000_000; v += 1 + v / 1000) {
            long bucket = TimingHistogram.bucketOf(v);
            long start = TimingHistogram.bucketStart(bucket);
            assertThat(bucket).isGreaterThanOrEqualTo(v).isGreaterThanOrEqualTo(previous);
            assertThat(start).isLessThanOrEqualTo(v);
            assertThat(TimingHistogram.bucketOf(start)).isEqualTo(bucket);
            assertThat(TimingHistogram.bucketOf(bucket)).isEqualTo(bucket);
            assertThat((double) (bucket - start + 1) / start).isLessThanOrEqualTo(1 / 128.0);
            previous = bucket;
        }
        assertThat(TimingHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> TimingHistogram.bucketOf(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeIsBoundedWhateverTheNumberOfValues() {
        // Every whole millisecond from 0 to one hour: 3.6 million distinct values.
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (long v = 0; v <= 3_600_000; v += 1) {
            if (v < 10_000 || v % 97 == 0) {
                b.row("x", 0, v, true);
            }
        }
        TimingHistogram h = TimingHistogram.of(b.build().labels().get("x").distribution(Metric.RESPONSE_TIME_MS));
        assertThat(h.bucketCount()).isLessThanOrEqualTo(256 + 128 * 14);
    }

    @Test
    void percentilesMeanAndVarianceFollowTheExactValues() {
        Random random = new Random(42);
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long v = (long) (30 + 90 * Math.exp(0.6 * random.nextGaussian()));
            values.add(v);
            b.row("x", i, v, true);
        }
        var exact = b.build().labels().get("x").distribution(Metric.RESPONSE_TIME_MS);
        TimingHistogram h = TimingHistogram.of(exact);
        assertThat(h.count()).isEqualTo(20_000);
        assertThat(h.minMillis()).isEqualTo(exact.minMillis());
        assertThat(h.maxMillis()).isEqualTo(exact.maxMillis());
        assertThat(h.meanMillis()).isCloseTo(exact.meanMillis(), within(1e-9));
        for (double p : new double[] {0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 100}) {
            long truth = exact.percentileMillis(p);
            assertThat(h.percentileMillis(p)).as("p%s", p).isGreaterThanOrEqualTo(truth)
                    .isLessThanOrEqualTo(Math.max(truth + 1, (long) (truth * 1.008)));
        }
        double mean = values.stream().mapToLong(Long::longValue).average().orElseThrow();
        double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
        assertThat(h.varianceMillis2()).isCloseTo(variance, within(variance * 0.01));
    }

    @Test
    void theReadersBoundedDistributionGivesTheSameHistogramAsTheExactValues() {
        // MillisDistribution buckets values above 4,095 ms more finely than reference histograms do, so
        // re-bucketing what it lists must give exactly what the exact values give.
        Random random = new Random(3);
        MillisDistribution bounded = new MillisDistribution();
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 0; i < 50_000; i++) {
            long v = (long) (200 * Math.exp(1.5 * random.nextGaussian()));
            bounded.record(v);
            b.row("x", i, v, true);
        }
        TimingHistogram fromBounded = TimingHistogram.of(bounded);
        TimingHistogram fromExact = TimingHistogram.of(b.build().labels().get("x").distribution(Metric.RESPONSE_TIME_MS));
        assertThat(fromBounded.maxMillis()).isGreaterThan(20_000);
        assertThat(buckets(fromBounded)).isEqualTo(buckets(fromExact));
        assertThat(fromBounded.sumMillis()).isEqualTo(fromExact.sumMillis());
        assertThat(fromBounded.minMillis()).isEqualTo(fromExact.minMillis());
        assertThat(fromBounded.maxMillis()).isEqualTo(fromExact.maxMillis());
    }

    private static String buckets(TimingHistogram h) {
        StringBuilder sb = new StringBuilder();
        h.forEachBucket((v, c) -> sb.append(v).append(':').append(c).append(' '));
        return sb.toString();
    }

    @Test
    void plusAddsCountsBucketByBucket() {
        TimingHistogram a = TimingHistogram.fromParts(new long[] {5, 300 + 1}, new long[] {2, 1}, 3, 5 + 5 + 300, 5, 300);
        TimingHistogram b = TimingHistogram.fromParts(new long[] {4, 5, 1031}, new long[] {1, 1, 1}, 3, 4 + 5 + 1030, 4, 1030);
        TimingHistogram sum = a.plus(b);
        List<long[]> buckets = new ArrayList<>();
        sum.forEachBucket((v, c) -> buckets.add(new long[] {v, c}));
        assertThat(buckets).containsExactly(new long[] {4, 1}, new long[] {5, 3}, new long[] {301, 1}, new long[] {1031, 1});
        assertThat(sum.count()).isEqualTo(6);
        assertThat(sum.minMillis()).isEqualTo(4);
        assertThat(sum.maxMillis()).isEqualTo(1030);
        assertThat(sum.countAbove(5)).isEqualTo(2);
        assertThat(sum.countAbove(4)).isEqualTo(5);
        assertThat(TimingHistogram.empty().plus(a)).isSameAs(a);
    }

    @Test
    void fromPartsRefusesPartsThatDoNotHoldTogether() {
        assertThatThrownBy(() -> TimingHistogram.fromParts(new long[] {300}, new long[] {1}, 1, 300, 300, 300))
                .hasMessageContaining("300 is not the largest value of a bucket (the bucket holding it ends at 301)");
        assertThatThrownBy(() -> TimingHistogram.fromParts(new long[] {5, 4}, new long[] {1, 1}, 2, 9, 4, 5))
                .hasMessageContaining("4 ms does not come after 5 ms");
        assertThatThrownBy(() -> TimingHistogram.fromParts(new long[] {5}, new long[] {0}, 0, 0, 0, 0))
                .hasMessageContaining("count 0 must be at least 1");
        assertThatThrownBy(() -> TimingHistogram.fromParts(new long[] {5}, new long[] {2}, 3, 15, 5, 5))
                .hasMessageContaining("the buckets hold 2 values but count is 3");
        assertThatThrownBy(() -> TimingHistogram.fromParts(new long[] {5}, new long[] {2}, 2, 10, 4, 5))
                .hasMessageContaining("must fall in the first and the last bucket");
        assertThatThrownBy(() -> TimingHistogram.fromParts(new long[] {5}, new long[] {2}, 2, 11, 5, 5))
                .hasMessageContaining("sum 11 must lie between");
        assertThat(Arrays.asList(TimingHistogram.fromParts(new long[0], new long[0], 0, 0, 0, 0).count())).containsExactly(0L);
    }
}
