package dev.cvkit.evaluator.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.stats.NearestRank;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CellDistributionTest {

    @Test
    void bucketsCoverEveryValueOnceAndInOrder() {
        long previousHigh = -1;
        for (int index = 0; index < CellDistribution.MAX_INDEX - 40; index++) {
            long lo = CellDistribution.lowest(index);
            long hi = CellDistribution.highest(index);
            assertThat(lo).isEqualTo(previousHigh + 1);
            assertThat(hi).isGreaterThanOrEqualTo(lo);
            assertThat(CellDistribution.index(lo)).isEqualTo(index);
            assertThat(CellDistribution.index(hi)).isEqualTo(index);
            // A bucket is at most 1/32 of its values wide: its middle is within 1/64 of any of them.
            if (lo > 0) {
                assertThat((double) (hi - lo + 1) / lo).isLessThanOrEqualTo(lo < 64 ? 1 : 1.0 / 32);
            }
            previousHigh = hi;
        }
    }

    @Test
    void percentilesAreWithinOnePointSixPercentOfTheExactNearestRank() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(400);
            long[] values = new long[n];
            CellDistribution d = new CellDistribution();
            for (int i = 0; i < n; i++) {
                values[i] = Math.round(20 * Math.exp(random.nextGaussian() * 1.5 + 2));
                d.record(values[i]);
            }
            Arrays.sort(values);
            for (double p : new double[] {50, 90, 95, 99, 100}) {
                long exact = values[(int) NearestRank.rank(p, n) - 1];
                double got = d.percentileMillis(p);
                assertThat(Math.abs(got - exact)).as("p%s of %s values", p, n)
                        .isLessThanOrEqualTo(exact < 64 ? 0 : exact / 64.0);
            }
            assertThat(d.minMillis()).isEqualTo(values[0]);
            assertThat(d.maxMillis()).isEqualTo(values[n - 1]);
            assertThat(d.meanMillis()).isCloseTo(Arrays.stream(values).average().orElseThrow(),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void addingTwoCellsEqualsRecordingBoth() {
        CellDistribution a = new CellDistribution();
        CellDistribution b = new CellDistribution();
        CellDistribution both = new CellDistribution();
        for (long v : new long[] {3, 5000, 17, 250_000}) {
            a.record(v);
            both.record(v);
        }
        for (long v : new long[] {1, 90, 91, 12}) {
            b.record(v);
            both.record(v);
        }
        a.add(b);
        for (double p : new double[] {10, 25, 50, 75, 90, 100}) {
            assertThat(a.percentileMillis(p)).isEqualTo(both.percentileMillis(p));
        }
        assertThat(a.count()).isEqualTo(8);
    }

    @Test
    void valuesStayListedWhileAListIsSmallerThanCounters() {
        SplittableRandom random = new SplittableRandom(11);
        // 300 values spread from 1 ms to about 100 s: counters would span some 400 buckets (1.6 kB and more),
        // a list holds them in 600 bytes.
        CellDistribution wide = new CellDistribution();
        long grown = 0;
        for (int i = 0; i < 300; i++) {
            grown += wide.record((long) Math.exp(random.nextDouble() * 11.5));
        }
        assertThat(wide.footprint()).isEqualTo(48 + grown).isLessThan(48 + 16 + 2 * 512 + 1);
        // 300 values within 40..60 ms: counters over 21 buckets (and their room) are the smaller form.
        CellDistribution narrow = new CellDistribution();
        grown = 0;
        for (int i = 0; i < 300; i++) {
            grown += narrow.record(40 + random.nextInt(21));
        }
        assertThat(narrow.footprint()).isEqualTo(48 + grown).isLessThan(48 + 16 + 4 * 64);
        // However many values, a list never holds more than LIST_MAX.
        CellDistribution many = new CellDistribution();
        for (int i = 0; i < 5 * CellDistribution.LIST_MAX; i++) {
            many.record((long) Math.exp(random.nextDouble() * 11.5));
        }
        assertThat(many.footprint()).isLessThan(48 + 16 + 4 * (CellDistribution.MAX_INDEX + 1) + 1);
    }

    @Test
    void aListAndCountersOfTheSameValuesGiveTheSameFigures() {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 50; trial++) {
            int n = 65 + random.nextInt(900);
            CellDistribution listed = new CellDistribution();
            for (int i = 0; i < n; i++) {
                listed.record((long) Math.exp(random.nextDouble() * 11.5));
            }
            // Adding more than LIST_LIMIT values to an empty cell makes counters of them.
            CellDistribution counted = new CellDistribution();
            counted.add(listed);
            for (double p : new double[] {1, 50, 90, 95, 99, 100}) {
                assertThat(listed.percentileMillis(p)).as("p%s of %s values", p, n).isEqualTo(counted.percentileMillis(p));
            }
            long[] fromList = new long[CellDistribution.MAX_INDEX + 1];
            long[] fromCounters = new long[CellDistribution.MAX_INDEX + 1];
            listed.addTo(fromList, 1);
            counted.addTo(fromCounters, 1);
            assertThat(fromList).isEqualTo(fromCounters);
            assertThat(listed.meanMillis()).isEqualTo(counted.meanMillis());
        }
    }
}
