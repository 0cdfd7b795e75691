package dev.cvkit.evaluator.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A series' cells put in time order, whichever way the indexes are sorted. */
class TimelineSeriesTest {

    private static void assertSortedWithTheirCells(long[] indexes) {
        TimeCell[] cells = new TimeCell[indexes.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new TimeCell();
            cells[i].record(i, -1, -1, true, false, false); // the cell remembers its position as its one value
        }
        Timeline.Series s = Timeline.Series.sorted(indexes.clone(), cells);
        assertThat(s.indexes()).isSorted().hasSameSizeAs(indexes);
        for (int k = 0; k < indexes.length; k++) {
            int position = (int) s.cells()[k].minMillis();
            assertThat(indexes[position]).isEqualTo(s.indexes()[k]);
        }
    }

    @Test
    void cellsFollowTheirIndexes() {
        SplittableRandom random = new SplittableRandom(3);
        long[] indexes = random.longs(5_000, 0, 1L << 32).distinct().toArray();
        assertSortedWithTheirCells(indexes);
        assertSortedWithTheirCells(new long[] {5, 4, 3, 2, 1, 0, (1L << 32) - 1});
        assertSortedWithTheirCells(new long[0]);
    }

    /** A run's cells span its time: dense indexes, put in place rather than sorted (and sorted when one repeats). */
    @Test
    void denseIndexesInAnyOrderComeOutInOrder() {
        SplittableRandom random = new SplittableRandom(5);
        long base = 1_767_225_600L;
        long[] dense = random.longs(20_000, base, base + 25_000).distinct().toArray();
        assertThat(dense.length).isGreaterThan(10_000);
        assertSortedWithTheirCells(dense);
        assertSortedWithTheirCells(new long[] {base + 2, base, base + 1});
        assertSortedWithTheirCells(new long[] {base});
    }

    @Test
    void indexesTooLargeToPackAreSortedTheOtherWay() {
        assertSortedWithTheirCells(new long[] {7, -3, 1L << 50, 2, 0});
    }
}
