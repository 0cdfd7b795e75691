package dev.cvkit.evaluator.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MillisDistributionTest {

    private static final double[] PERCENTILES = {0.1, 1, 7, 10, 25, 50, 66.6, 75, 90, 95, 99, 99.9, 99.99, 100};

    /** The definition itself: the smallest value with at least p% of the values at or below it. */
    private static long exactNearestRank(long[] sorted, double p) {
        for (long v : sorted) {
            long atOrBelow = Arrays.stream(sorted).filter(x -> x <= v).count();
            if (atOrBelow * 100.0 >= p * sorted.length - 1e-9 * sorted.length) {
                return v;
            }
        }
        throw new AssertionError();
    }

    @Test
    void percentilesAreExactBelow4096Milliseconds() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(400);
            long[] values = new long[n];
            MillisDistribution d = new MillisDistribution();
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4096);
                d.record(values[i]);
            }
            Arrays.sort(values);
            for (double p : PERCENTILES) {
                assertThat(d.percentileMillis(p)).as("p%s of %s values", p, n).isEqualTo(exactNearestRank(values, p));
            }
        }
    }

    @Test
    void largeValuesAreReportedWithinTheContractTolerance() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(500);
            long[] values = new long[n];
            MillisDistribution d = new MillisDistribution();
            for (int i = 0; i < n; i++) {
                // log-uniform from 1 ms to about 20 minutes
                values[i] = (long) Math.exp(random.nextDouble() * Math.log(1_200_000));
                d.record(values[i]);
            }
            Arrays.sort(values);
            for (double p : PERCENTILES) {
                long exact = exactNearestRank(values, p);
                long reported = d.percentileMillis(p);
                assertThat(reported).as("p%s", p).isGreaterThanOrEqualTo(exact)
                        .isLessThanOrEqualTo(exact + Math.max(1, (long) Math.floor(exact * 0.002)));
            }
        }
    }

    @Test
    void countMeanMinMaxAreExact() {
        MillisDistribution d = new MillisDistribution();
        for (long v : new long[] {5, 1_000_003, 17, 0}) {
            d.record(v);
        }
        assertThat(d.count()).isEqualTo(4);
        assertThat(d.minMillis()).isZero();
        assertThat(d.maxMillis()).isEqualTo(1_000_003);
        assertThat(d.meanMillis()).isEqualTo((5 + 1_000_003 + 17) / 4.0);
        assertThat(d.percentileMillis(100)).isEqualTo(1_000_003);
        assertThat(d.percentileMillis(75)).isEqualTo(17);
    }

    @Test
    void roundPercentagesOfRoundCountsDoNotSufferFloatingPointRounding() {
        // 0.07 * 100 is 7.000000000000001 in doubles; the rank must still be 7, not 8.
        MillisDistribution d = new MillisDistribution();
        for (int v = 1; v <= 100; v++) {
            d.record(v);
        }
        assertThat(d.percentileMillis(7)).isEqualTo(7);
        assertThat(d.percentileMillis(0.07 * 100)).isEqualTo(8); // 7.000000000000001% really asks for rank 8
        assertThat(d.percentileMillis(99.9)).isEqualTo(100);
        assertThat(NearestRank.rank(95, 20)).isEqualTo(19);
        assertThat(NearestRank.rank(50, 2)).isEqualTo(1);
    }

    @Test
    void mergingEqualsRecordingEverythingInOne() {
        MillisDistribution a = new MillisDistribution();
        MillisDistribution b = new MillisDistribution();
        MillisDistribution all = new MillisDistribution();
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            long v = random.nextInt(100_000);
            (i % 3 == 0 ? a : b).record(v);
            all.record(v);
        }
        a.add(b);
        for (double p : PERCENTILES) {
            assertThat(a.percentileMillis(p)).isEqualTo(all.percentileMillis(p));
        }
        assertThat(a.meanMillis()).isEqualTo(all.meanMillis());
        assertThat(a.minMillis()).isEqualTo(all.minMillis());
    }

    @Test
    void emptyAndInvalidPercentiles() {
        MillisDistribution d = new MillisDistribution();
        assertThat(d.count()).isZero();
        assertThat(d.meanMillis()).isNaN();
        assertThat(d.percentileMillis(50)).isZero();
        assertThatThrownBy(() -> d.percentileMillis(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> d.percentileMillis(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
