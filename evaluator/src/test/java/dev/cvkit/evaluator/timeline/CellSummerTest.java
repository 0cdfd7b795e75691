package dev.cvkit.evaluator.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cells added up through the bucket array hold what adding them one into the other holds. */
class CellSummerTest {

    private static final double[] PERCENTILES = {1, 10, 50, 90, 95, 99, 99.9, 100};

    @Test
    void aSumEqualsTheCellsAddedOneIntoTheOther() {
        SplittableRandom random = new SplittableRandom(3);
        CellSummer summer = new CellSummer(); // one summer for every trial: each sum leaves its array clean
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(20);
            boolean latency = random.nextInt(3) == 0;
            boolean connect = random.nextInt(4) == 0;
            TimeCell[] cells = new TimeCell[n + 2];
            TimeCell expected = null;
            for (int k = 1; k <= n; k++) {
                if (random.nextInt(6) == 0) {
                    continue; // a label without rows at this step
                }
                TimeCell c = new TimeCell();
                // Few rows (a list), hundreds (a list or counters), narrow or wide spreads.
                int rows = random.nextInt(4) == 0 ? 200 + random.nextInt(2000) : 1 + random.nextInt(60);
                double spread = random.nextBoolean() ? 11.5 : 1.0;
                for (int r = 0; r < rows; r++) {
                    long elapsed = (long) Math.exp(random.nextDouble() * spread) + (spread < 2 ? 400 : 0);
                    c.record(elapsed, elapsed / 2, random.nextInt(40), random.nextInt(10) != 0, latency, connect);
                }
                cells[k] = c;
                expected = TimeCell.sum(expected, c);
            }
            TimeCell sum = summer.sum(cells, 0, cells.length);
            if (expected == null) {
                assertThat(sum).isNull();
                continue;
            }
            assertThat(sum).isNotSameAs(cells[1]);
            assertSame(sum, expected, "elapsed, trial " + trial);
            assertThat(sum.errors()).isEqualTo(expected.errors());
            assertThat(sum.latency() == null).isEqualTo(expected.latency() == null);
            assertThat(sum.connect() == null).isEqualTo(expected.connect() == null);
            if (expected.latency() != null) {
                assertSame(sum.latency(), expected.latency(), "latency, trial " + trial);
            }
            if (expected.connect() != null) {
                assertSame(sum.connect(), expected.connect(), "connect, trial " + trial);
            }
        }
    }

    @Test
    void nothingToAddIsNoCell() {
        assertThat(new CellSummer().sum(new TimeCell[3], 0, 3)).isNull();
    }

    private static void assertSame(CellDistribution actual, CellDistribution expected, String what) {
        assertThat(actual.count()).as(what).isEqualTo(expected.count());
        assertThat(actual.meanMillis()).as(what).isEqualTo(expected.meanMillis());
        assertThat(actual.minMillis()).as(what).isEqualTo(expected.minMillis());
        assertThat(actual.maxMillis()).as(what).isEqualTo(expected.maxMillis());
        for (double p : PERCENTILES) {
            assertThat(actual.percentileMillis(p)).as("%s p%s", what, p).isEqualTo(expected.percentileMillis(p));
        }
        long[] a = new long[CellDistribution.MAX_INDEX + 1];
        long[] e = new long[CellDistribution.MAX_INDEX + 1];
        actual.addTo(a, 1);
        expected.addTo(e, 1);
        assertThat(a).as(what).isEqualTo(e);
        // Within the memory the accumulator would count for the same values held either way.
        assertThat(actual.footprint()).as(what).isLessThanOrEqualTo(Math.max(expected.footprint(), 48 + 16 + 2 * expected.count()));
    }
}
