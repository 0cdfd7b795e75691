package dev.cvkit.evaluator.timeline;

import dev.cvkit.evaluator.stats.LabelNames;
import java.util.Arrays;

/**
 * Collects rows into time cells while a reader streams them: per segment of the phase plan, per label and for
 * overall, one {@link TimeCell} per cell of time. Cells are aligned to epoch multiples of the cell width
 * (1 s to start with) and never straddle a segment boundary, because each segment has its own series: a
 * second cut by a phase boundary is two cells, one per phase.
 *
 * <p>Memory is bounded: when more than {@code budget} cells are held, every cell width doubles and pairs of
 * neighbouring cells merge (so a long run gets 2 s, 4 s ... cells). Cells live in one hash table keyed by
 * series and cell index, so memory follows the cells that hold rows, not the time span. Rows arrive in any
 * order; a per-series cache of the last cell makes the common case (rows of a label close in time) a
 * comparison.
 */
public final class TimelineAccumulator {

    /** Cells held before the width doubles: about 10 MB at typical spreads of response times. */
    public static final int DEFAULT_BUDGET = 1 << 16;
    private static final long INITIAL_WIDTH_MILLIS = 1000;

    private final LabelNames labels;
    private final int segments;
    private final boolean keepLatency;
    private final boolean keepConnect;
    private final int budget;
    private long widthMillis = INITIAL_WIDTH_MILLIS;
    private CellTable table = new CellTable(1024);

    /** [segment][labelId] = series id + 1; 0 when the series does not exist yet. */
    private int[][] seriesByLabel;
    /** [segment] = overall's series id + 1. */
    private final int[] overallSeries;
    private int seriesCount;
    private int[] seriesSegment = new int[64];
    /** Label id of a series, or -1 for overall. */
    private int[] seriesLabel = new int[64];
    private long[] lastIndex = new long[64];
    private TimeCell[] lastCell = new TimeCell[64];

    /**
     * @param labels      the label ids rows will carry
     * @param segments    segments of the phase plan
     * @param keepLatency also keep latency per cell (a criterion needs it over time)
     * @param keepConnect also keep connect time per cell
     * @param budget      cells held before the width doubles
     */
    public TimelineAccumulator(LabelNames labels, int segments, boolean keepLatency, boolean keepConnect, int budget) {
        this.labels = labels;
        this.segments = segments;
        this.keepLatency = keepLatency;
        this.keepConnect = keepConnect;
        this.budget = Math.max(16, budget);
        this.seriesByLabel = new int[segments][16];
        this.overallSeries = new int[segments];
    }

    /** Records a row in its label's series and, when {@code inOverall}, in overall's. */
    public void record(int segment, int labelId, long startMillis, long elapsedMillis, long latencyMillis,
            long connectMillis, boolean success, boolean inOverall) {
        long index = Math.floorDiv(startMillis, widthMillis);
        cell(labelSeries(segment, labelId), index)
                .record(elapsedMillis, latencyMillis, connectMillis, success, keepLatency, keepConnect);
        if (inOverall) {
            int s = overallSeries[segment];
            if (s == 0) {
                s = newSeries(segment, -1) + 1;
                overallSeries[segment] = s;
            }
            cell(s - 1, Math.floorDiv(startMillis, widthMillis))
                    .record(elapsedMillis, latencyMillis, connectMillis, success, keepLatency, keepConnect);
        }
    }

    private int labelSeries(int segment, int labelId) {
        int[] bySegment = seriesByLabel[segment];
        if (labelId >= bySegment.length) {
            bySegment = Arrays.copyOf(bySegment, Math.max(labelId + 1, bySegment.length * 2));
            seriesByLabel[segment] = bySegment;
        }
        int s = bySegment[labelId];
        if (s == 0) {
            s = newSeries(segment, labelId) + 1;
            bySegment[labelId] = s;
        }
        return s - 1;
    }

    private int newSeries(int segment, int labelId) {
        if (seriesCount == seriesSegment.length) {
            int n = seriesCount * 2;
            seriesSegment = Arrays.copyOf(seriesSegment, n);
            seriesLabel = Arrays.copyOf(seriesLabel, n);
            lastIndex = Arrays.copyOf(lastIndex, n);
            lastCell = Arrays.copyOf(lastCell, n);
        }
        seriesSegment[seriesCount] = segment;
        seriesLabel[seriesCount] = labelId;
        return seriesCount++;
    }

    private TimeCell cell(int series, long index) {
        TimeCell c = lastCell[series];
        if (c != null && lastIndex[series] == index) {
            return c;
        }
        c = table.getOrCreate(CellTable.key(series, index));
        if (table.size() > budget) {
            long start = index * widthMillis;
            coarsen();
            index = Math.floorDiv(start, widthMillis);
            c = table.getOrCreate(CellTable.key(series, index));
        }
        lastCell[series] = c;
        lastIndex[series] = index;
        return c;
    }

    /** Doubles the cell width, merging neighbouring cells. */
    void coarsen() {
        CellTable coarser = new CellTable(table.size());
        table.forEach((key, cell) -> coarser.merge(
                CellTable.key(CellTable.series(key), CellTable.cellIndex(key) >> 1), cell));
        table = coarser;
        widthMillis *= 2;
        Arrays.fill(lastCell, null);
    }

    /** The current cell width. */
    public long widthMillis() {
        return widthMillis;
    }

    /** Cells held. */
    public int cells() {
        return table.size();
    }

    /**
     * Adds what {@code other} (another part's accumulator, with its own label ids) holds, matching labels by
     * name. Both end with the coarser of the two widths; {@code other} is not to be used afterwards.
     */
    public void add(TimelineAccumulator other) {
        while (widthMillis < other.widthMillis) {
            coarsen();
        }
        while (other.widthMillis < widthMillis) {
            other.coarsen();
        }
        int[] mapped = new int[other.seriesCount];
        for (int s = 0; s < other.seriesCount; s++) {
            int segment = other.seriesSegment[s];
            int label = other.seriesLabel[s];
            if (label < 0) {
                int o = overallSeries[segment];
                if (o == 0) {
                    o = newSeries(segment, -1) + 1;
                    overallSeries[segment] = o;
                }
                mapped[s] = o - 1;
            } else {
                mapped[s] = labelSeries(segment, labels.intern(other.labels.name(label)));
            }
        }
        other.table.forEach((key, cell) -> table.merge(
                CellTable.key(mapped[CellTable.series(key)], CellTable.cellIndex(key)), cell));
        Arrays.fill(lastCell, null);
        while (table.size() > budget) {
            coarsen();
        }
    }

    /**
     * The cells as a {@link Timeline}; the accumulator is not to be used afterwards.
     *
     * @param firstMillis earliest {@code timeStamp} of every row read
     * @param lastMillis  latest {@code timeStamp} of every row read
     */
    public Timeline build(java.util.List<dev.cvkit.evaluator.phases.Segment> planSegments, long firstMillis,
            long lastMillis) {
        // A sparse run over a long span must not make step arrays longer than about a million.
        while ((lastMillis - firstMillis) / widthMillis > (1 << 20)) {
            coarsen();
        }
        int[] cellsPerSeries = new int[seriesCount];
        table.forEach((key, cell) -> cellsPerSeries[CellTable.series(key)]++);
        long[][] indexes = new long[seriesCount][];
        TimeCell[][] cells = new TimeCell[seriesCount][];
        for (int s = 0; s < seriesCount; s++) {
            indexes[s] = new long[cellsPerSeries[s]];
            cells[s] = new TimeCell[cellsPerSeries[s]];
        }
        int[] filled = new int[seriesCount];
        table.forEach((key, cell) -> {
            int s = CellTable.series(key);
            indexes[s][filled[s]] = CellTable.cellIndex(key);
            cells[s][filled[s]++] = cell;
        });
        Timeline.Series[] overall = new Timeline.Series[segments];
        java.util.List<java.util.Map<String, Timeline.Series>> byLabel = new java.util.ArrayList<>();
        for (int g = 0; g < segments; g++) {
            byLabel.add(new java.util.LinkedHashMap<>());
        }
        // Labels in order of first appearance (their ids), so that reports list them as the statistics do.
        Integer[] order = new Integer[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(seriesLabel[a], seriesLabel[b]));
        for (int s : order) {
            Timeline.Series series = Timeline.Series.sorted(indexes[s], cells[s]);
            if (seriesLabel[s] < 0) {
                overall[seriesSegment[s]] = series;
            } else {
                byLabel.get(seriesSegment[s]).put(labels.name(seriesLabel[s]), series);
            }
        }
        table.clear();
        return new Timeline(widthMillis, planSegments, byLabel, overall, firstMillis, lastMillis + 1, keepLatency,
                keepConnect);
    }
}
