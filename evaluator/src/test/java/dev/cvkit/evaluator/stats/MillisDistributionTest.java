package dev.cvkit.evaluator.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MillisDistributionTest {

    private static final double[] PERCENTILES = {0.1, 1, 7, 10, 25, 50, 66.6, 75, 90, 95, 99, 99.9, 99.99, 100};

    /**
     * The definition itself, by brute force over the sorted values: the smallest value with at least p%
     * of the values at or below it (compared in exact decimal arithmetic).
     */
    private static long exactNearestRank(long[] sorted, double p) {
        java.math.BigDecimal needed = java.math.BigDecimal.valueOf(p).multiply(java.math.BigDecimal.valueOf(sorted.length));
        for (int i = 0; i < sorted.length; i++) {
            boolean lastOfItsValue = i == sorted.length - 1 || sorted[i + 1] != sorted[i];
            if (lastOfItsValue && java.math.BigDecimal.valueOf((i + 1) * 100L).compareTo(needed) >= 0) {
                return sorted[i];
            }
        }
        throw new AssertionError();
    }

    @Test
    void percentilesAreExactBelow4096Milliseconds() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(trial % 2 == 0 ? 200 : 3000); // list and paged counting
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
            int n = 1 + random.nextInt(trial % 2 == 0 ? 200 : 3000);
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
        Random random = new Random(3);
        // listed + listed (staying listed, and overflowing), listed + paged, paged + listed, paged + paged
        int[][] sizes = {{10, 20}, {200, 200}, {30, 1000}, {1000, 30}, {1000, 2000}};
        for (int[] size : sizes) {
            MillisDistribution a = new MillisDistribution();
            MillisDistribution b = new MillisDistribution();
            MillisDistribution all = new MillisDistribution();
            for (int i = 0; i < size[0] + size[1]; i++) {
                long v = random.nextInt(100_000);
                (i < size[0] ? a : b).record(v);
                all.record(v);
            }
            a.absorb(b);
            for (double p : PERCENTILES) {
                long merged = a.percentileMillis(p);
                long single = all.percentileMillis(p);
                // Both are within the tolerance of the exact value; listed values are exact, pages not.
                assertThat(merged).as("%s p%s", java.util.Arrays.toString(size), p)
                        .isBetween(single - Math.max(1, single / 400), single + Math.max(1, single / 400));
            }
            assertThat(a.count()).isEqualTo(all.count());
            assertThat(a.meanMillis()).isEqualTo(all.meanMillis());
            assertThat(a.minMillis()).isEqualTo(all.minMillis());
            assertThat(a.maxMillis()).isEqualTo(all.maxMillis());
        }
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

    @Test
    void listsWhatItRecordedInAscendingOrderInBothModes() {
        for (int n : new int[] {5, 3000}) {
            MillisDistribution d = new MillisDistribution();
            Random random = new Random(n);
            java.util.TreeMap<Long, Long> exact = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                long v = random.nextInt(3) == 0 ? 7 : random.nextInt(4000);
                d.record(v);
                exact.merge(v, 1L, Long::sum);
            }
            java.util.List<long[]> listed = new java.util.ArrayList<>();
            d.forEachAscending((value, count) -> listed.add(new long[] {value, count}));
            // Below 4,096 ms both the list and the pages are exact: value by value, the same counts.
            assertThat(listed).extracting(pair -> pair[0]).containsExactlyElementsOf(exact.keySet());
            assertThat(listed).extracting(pair -> pair[1]).containsExactlyElementsOf(exact.values());
        }
    }

    @Test
    void aSumThatWouldWrapThrowsInsteadOfTurningNegative() {
        // Values this large never come from a results file (the reader bounds durations); the sum's last guard.
        MillisDistribution d = new MillisDistribution();
        d.record(Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> d.record(2)).isInstanceOf(ArithmeticException.class);
        MillisDistribution other = new MillisDistribution();
        other.record(Long.MAX_VALUE - 1);
        MillisDistribution small = new MillisDistribution();
        small.record(5);
        assertThatThrownBy(() -> small.absorb(other)).isInstanceOf(ArithmeticException.class);
    }
}
