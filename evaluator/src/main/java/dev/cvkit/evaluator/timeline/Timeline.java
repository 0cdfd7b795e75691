package dev.cvkit.evaluator.timeline;

import dev.cvkit.evaluator.Memo;
import dev.cvkit.evaluator.phases.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run over time: per segment of the phase plan and per label, the {@link TimeCell}s that hold rows, all of
 * one width (1 s unless the run needed wider cells to stay within memory; see {@link TimelineAccumulator}).
 * Read through {@link #steps}: the cells of a stretch of time, one step per cell, cut at the stretch's ends;
 * overall's steps add up the labels' requests.
 */
public final class Timeline {

    /** One series: cell indexes ascending, and their cells. */
    record Series(long[] indexes, TimeCell[] cells) {
        /** A series of distinct cell indexes in any order, sorted. */
        static Series sorted(long[] indexes, TimeCell[] cells) {
            Series placed = placed(indexes, cells);
            if (placed != null) {
                return placed;
            }
            if (packable(indexes)) {
                // Cell indexes and their positions in one primitive key each: sorted without a box per cell.
                long[] keys = new long[indexes.length];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = indexes[i] << 21 | i;
                }
                Arrays.sort(keys);
                long[] sortedIndexes = new long[indexes.length];
                TimeCell[] sortedCells = new TimeCell[indexes.length];
                for (int i = 0; i < keys.length; i++) {
                    sortedIndexes[i] = keys[i] >>> 21;
                    sortedCells[i] = cells[(int) (keys[i] & ((1 << 21) - 1))];
                }
                return new Series(sortedIndexes, sortedCells);
            }
            // Indexes or cells too many to pack: sort positions by index.
            Integer[] order = new Integer[indexes.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(indexes[a], indexes[b]));
            long[] sortedIndexes = new long[indexes.length];
            TimeCell[] sortedCells = new TimeCell[indexes.length];
            for (int i = 0; i < order.length; i++) {
                sortedIndexes[i] = indexes[order[i]];
                sortedCells[i] = cells[order[i]];
            }
            return new Series(sortedIndexes, sortedCells);
        }

        /**
         * The cells put at their index in an array spanning the indexes, then read in order: no sort, when the
         * indexes are dense (a run's cells span its time, a few thousand steps); null when they are not, or repeat.
         * A sort of tens of thousands of cells ran cold, interpreted, after every reading.
         */
        private static Series placed(long[] indexes, TimeCell[] cells) {
            if (indexes.length == 0) {
                return new Series(indexes, cells);
            }
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long i : indexes) {
                lo = Math.min(lo, i);
                hi = Math.max(hi, i);
            }
            if (!dense(lo, hi, indexes.length)) {
                return null;
            }
            TimeCell[] at = new TimeCell[(int) (hi - lo + 1)];
            for (int k = 0; k < indexes.length; k++) {
                int i = (int) (indexes[k] - lo);
                if (at[i] != null) {
                    return null;
                }
                at[i] = cells[k];
            }
            return compact(at, lo, indexes.length);
        }

        /** Whether an array spanning indexes {@code lo..hi} for {@code n} cells is small enough to place them in. */
        static boolean dense(long lo, long hi, int n) {
            return hi - lo < 4L * n + 1024;
        }

        /** The {@code n} cells of {@code at} (index {@code lo} first), in order. */
        static Series compact(TimeCell[] at, long lo, int n) {
            long[] indexes = new long[n];
            TimeCell[] cells = new TimeCell[n];
            int m = 0;
            for (int i = 0; i < at.length; i++) {
                if (at[i] != null) {
                    indexes[m] = lo + i;
                    cells[m++] = at[i];
                }
            }
            return new Series(m == n ? indexes : Arrays.copyOf(indexes, m), m == n ? cells : Arrays.copyOf(cells, m));
        }

        /** Whether every index fits 42 bits and every position 21, so that both share one long. */
        private static boolean packable(long[] indexes) {
            if (indexes.length >= 1 << 21) {
                return false;
            }
            for (long i : indexes) {
                if (i < 0 || i >= 1L << 42) {
                    return false;
                }
            }
            return true;
        }
    }

    private final long widthMillis;
    private final List<Segment> segments;
    /** Per segment, whether its rows were read over time; null when every segment's were. */
    private final boolean[] keptSegments;
    /** Per segment, per label: its request series and its other rows' series (either may be null). */
    private final List<Map<String, Series[]>> byLabel;
    /** Per segment, the requests of the labels left out (null when none), part of overall's cells. */
    private final Series[] rest;
    /** Labels whose rows are in {@link #rest} only: too many labels to keep each over time. */
    private final Set<String> leftOut;
    private final long firstMillis;
    private final long endMillis;
    private final boolean latencyKept;
    private final boolean connectKept;
    /**
     * Overall's series per segment, made when first asked for. Concurrent: the recovery figures and the
     * criteria read one timeline on two threads ({@code gate.Gate}).
     */
    private final Memo<Integer, Series> overallOf = new Memo<>();
    /** Steps already made: overall's are sums of every label's cells, asked for by several criteria and reports. */
    private final Memo<List<Object>, Steps> made = new Memo<>();

    Timeline(long widthMillis, List<Segment> segments, boolean[] keptSegments, List<Map<String, Series[]>> byLabel,
            Series[] rest, Set<String> leftOut, long firstMillis, long endMillis, boolean latencyKept,
            boolean connectKept) {
        this.widthMillis = widthMillis;
        this.segments = List.copyOf(segments);
        this.keptSegments = keptSegments == null ? null : keptSegments.clone();
        this.byLabel = byLabel;
        this.rest = rest.clone();
        this.leftOut = Set.copyOf(leftOut);
        this.firstMillis = firstMillis;
        this.endMillis = endMillis;
        this.latencyKept = latencyKept;
        this.connectKept = connectKept;
    }

    /** The width of a cell, hence of a step: 1 s, or a power-of-two multiple for long runs. */
    public long widthMillis() {
        return widthMillis;
    }

    /** The earliest {@code timeStamp} of every row. */
    public long firstMillis() {
        return firstMillis;
    }

    /** Just after the latest {@code timeStamp} of every row. */
    public long endMillis() {
        return endMillis;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Whether the rows of segment {@code index} were read over time (when not, it has no steps to give). */
    public boolean kept(int index) {
        return keptSegments == null || keptSegments[index];
    }

    public boolean latencyKept() {
        return latencyKept;
    }

    public boolean connectKept() {
        return connectKept;
    }

    /**
     * Whether a label's rows were read over time on their own: false for a label left out (a run with more labels
     * than are kept each over time; see {@code TimelineAccumulator}), whose rows count in overall's steps only.
     */
    public boolean ownSteps(String label) {
        return !leftOut.contains(label);
    }

    /** How many labels were left out: their rows count in overall's steps, and they have no steps of their own. */
    public int labelsLeftOut() {
        return leftOut.size();
    }

    /** Every label with cells of its own in any segment, in order of first appearance (none left out). */
    public List<String> labels() {
        Set<String> all = new LinkedHashSet<>();
        for (Map<String, Series[]> m : byLabel) {
            all.addAll(m.keySet());
        }
        return new ArrayList<>(all);
    }

    /**
     * The steps of one label (or overall) over segments {@code fromSegment..toSegment} (adjacent), limited to
     * {@code [fromMillis, toMillis)} and to the span of the rows: one step per cell, the first and last cut
     * to the range. A cell index shared by two segments (a second cut by a phase boundary) is one step
     * holding both cells' rows.
     *
     * @param label null for overall
     */
    public Steps steps(String label, int fromSegment, int toSegment, long fromMillis, long toMillis) {
        for (int g = fromSegment; g <= toSegment; g++) {
            if (!kept(g)) {
                // Empty steps would read as a flow without rows: a wrong figure, not a missing one.
                throw new IllegalStateException("the rows of segment " + segments.get(g) + " were not read over time");
            }
        }
        if (label != null && !ownSteps(label)) {
            // Its own steps would miss its rows (they are the rest's): a wrong figure, not a missing one.
            throw new IllegalStateException("the rows of '" + label + "' were not read over time on their own: one of "
                    + leftOut.size() + " labels left out");
        }
        // List.of holds no null: OVERALL_KEY stands for overall's null label.
        List<Object> key = List.of(label == null ? OVERALL_KEY : label, fromSegment, toSegment, fromMillis, toMillis);
        return made.get(key, k -> make(label, fromSegment, toSegment, fromMillis, toMillis));
    }

    /** Stands for overall in the keys of {@link #made} (a label is a String, never this object). */
    private static final Object OVERALL_KEY = new Object();

    private Steps make(String label, int fromSegment, int toSegment, long fromMillis, long toMillis) {
        long lo = Math.max(Math.max(segments.get(fromSegment).startMillis(), fromMillis), firstMillis);
        long hi = Math.min(Math.min(segments.get(toSegment).endMillis(), toMillis), endMillis);
        if (hi <= lo) {
            return Steps.EMPTY;
        }
        long first = Math.floorDiv(lo, widthMillis);
        long last = Math.floorDiv(hi - 1, widthMillis);
        int n = (int) (last - first + 1);
        long[] start = new long[n];
        long[] end = new long[n];
        TimeCell[] cells = new TimeCell[n];
        for (int i = 0; i < n; i++) {
            start[i] = Math.max(lo, (first + i) * widthMillis);
            end[i] = Math.min(hi, (first + i + 1) * widthMillis);
        }
        boolean[] owned = new boolean[n];
        for (int g = fromSegment; g <= toSegment; g++) {
            Map<String, Series[]> segment = byLabel.get(g);
            if (label != null) {
                Series[] parts = segment.get(label);
                if (parts != null) {
                    add(parts[0], first, last, cells, owned);
                    add(parts[1], first, last, cells, owned);
                }
            } else {
                add(overall(g), first, last, cells, owned);
            }
        }
        return new Steps(start, end, cells);
    }

    /**
     * Overall's series of one segment: every label's requests added up per cell, once (sustained criteria,
     * recovery and the charts each ask for overall's steps over overlapping stretches). A cell of a single
     * label is shared, not copied: steps copy a cell before adding to it.
     */
    private Series overall(int segment) {
        return overallOf.get(segment, this::sumOfLabels);
    }

    private Series sumOfLabels(int segment) {
        List<Series> requests = new ArrayList<>();
        int total = 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        List<Series> labelsAndRest = new ArrayList<>();
        for (Series[] parts : byLabel.get(segment).values()) {
            labelsAndRest.add(parts[0]);
        }
        labelsAndRest.add(rest[segment]);
        for (Series r : labelsAndRest) {
            if (r != null && r.indexes().length > 0) {
                requests.add(r);
                total += r.indexes().length;
                lo = Math.min(lo, r.indexes()[0]);
                hi = Math.max(hi, r.indexes()[r.indexes().length - 1]);
            }
        }
        if (total > 0 && Series.dense(lo, hi, total)) {
            // The labels' cells grouped by index (a counting sort: no comparisons), then each index's added up at
            // once; an index held by one label shares its cell.
            int span = (int) (hi - lo + 1);
            int[] first = new int[span + 1];
            for (Series r : requests) {
                for (long index : r.indexes()) {
                    first[(int) (index - lo) + 1]++;
                }
            }
            for (int i = 0; i < span; i++) {
                first[i + 1] += first[i];
            }
            TimeCell[] grouped = new TimeCell[total];
            int[] filled = first.clone();
            for (Series r : requests) {
                for (int k = 0; k < r.indexes().length; k++) {
                    grouped[filled[(int) (r.indexes()[k] - lo)]++] = r.cells()[k];
                }
            }
            CellSummer summer = new CellSummer();
            TimeCell[] at = new TimeCell[span];
            for (int i = 0; i < span; i++) {
                int n = first[i + 1] - first[i];
                at[i] = n == 0 ? null : n == 1 ? grouped[first[i]] : summer.sum(grouped, first[i], first[i + 1]);
            }
            return Series.compact(at, lo, total);
        }
        long[] indexes = new long[total];
        TimeCell[] cells = new TimeCell[total];
        int n = 0;
        for (Series r : requests) {
            System.arraycopy(r.indexes(), 0, indexes, n, r.indexes().length);
            System.arraycopy(r.cells(), 0, cells, n, r.cells().length);
            n += r.indexes().length;
        }
        // Sorted by index, and by label order within an index (the positions break ties); each run of one index
        // added up as in the dense case.
        Series all = Series.sorted(indexes, cells);
        long[] summedIndexes = new long[total];
        TimeCell[] summed = new TimeCell[total];
        CellSummer summer = new CellSummer();
        int m = 0;
        for (int k = 0; k < total; ) {
            int end = k + 1;
            while (end < total && all.indexes()[end] == all.indexes()[k]) {
                end++;
            }
            summedIndexes[m] = all.indexes()[k];
            summed[m++] = end - k == 1 ? all.cells()[k] : summer.sum(all.cells(), k, end);
            k = end;
        }
        return new Series(Arrays.copyOf(summedIndexes, m), Arrays.copyOf(summed, m));
    }

    /** Adds a series' cells with indexes {@code first..last} into {@code cells}, copying before changing one. */
    private static void add(Series s, long first, long last, TimeCell[] cells, boolean[] owned) {
        if (s == null) {
            return;
        }
        int from = Arrays.binarySearch(s.indexes(), first);
        from = from < 0 ? -from - 1 : from;
        for (int k = from; k < s.indexes().length && s.indexes()[k] <= last; k++) {
            int at = (int) (s.indexes()[k] - first);
            if (cells[at] == null) {
                cells[at] = s.cells()[k];
            } else {
                if (!owned[at]) {
                    cells[at] = TimeCell.sum(cells[at], null);
                    owned[at] = true;
                }
                cells[at].addCell(s.cells()[k]);
            }
        }
    }
}
