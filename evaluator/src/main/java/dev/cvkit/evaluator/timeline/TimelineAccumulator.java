package dev.cvkit.evaluator.timeline;

import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.stats.LabelNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects rows into time cells while a reader streams them: per segment of the phase plan and per label, one
 * {@link TimeCell} per cell of time. Cells are aligned to epoch multiples of the cell width (1 s to start
 * with) and never straddle a segment boundary, because each segment has its own series: a second cut by a
 * phase boundary is two cells, one per phase.
 *
 * <p>A row is recorded once: a label's rows that count in {@code overall} (requests) and its other rows
 * (transaction-controller, sub-result rows) go to two series of the label, and overall's cells are the sum
 * of the labels' request series, made when read ({@link Timeline#steps}).
 *
 * <p>Memory is bounded: when more than {@code budget} cells, or more than {@value #BYTE_BUDGET} bytes of them
 * (a wide cell of a busy label holds more; kept count of as cells are made, grow and merge), are held,
 * every cell width doubles and pairs of neighbouring cells merge (so a long run gets 2 s, 4 s ... cells). The
 * parts of a file read at once share these budgets ({@link #shareOf}) until they are merged. Rows arrive in any
 * order, but mostly close to the latest: each series keeps the cells of its latest indexes in a small ring (an
 * array indexed by cell index, {@value #RING_MIN} to {@value #RING_MAX} cells; it grows for a series whose rows
 * often arrive older than it covers), and cells that fall out of the ring, and rows older than it, go to one hash table
 * keyed by series and cell index. So the common row costs an array access, and memory follows the cells that
 * hold rows, not the time span or the number of labels.
 */
public final class TimelineAccumulator {

    /** Cells held before the width doubles: about 10 MB at typical spreads of response times. */
    public static final int DEFAULT_BUDGET = 1 << 16;
    private static final long INITIAL_WIDTH_MILLIS = 1000;
    /**
     * Bytes of cells held before the width doubles, whatever their number. 10 MB since a busy cell's values stay
     * listed (two bytes each) rather than counted over hundreds of buckets: the same bytes hold several times
     * the cells they did at 16 MB, and a long run (10M rows) peaks no higher than it did then.
     */
    static final long BYTE_BUDGET = 10L << 20;
    static final int RING_MIN = 16;
    static final int RING_MAX = 1024;

    private final LabelNames labels;
    private final int segments;
    private final boolean keepLatency;
    private final boolean keepConnect;
    /** The whole budgets, as given; a part's accumulator holds a share of them until it is merged. */
    private final int fullBudget;
    private final long fullByteBudget;
    /** The budgets this accumulator holds now: its share, or the sum of the shares merged into it. */
    private int budget;
    private long byteBudget;
    private long widthMillis = INITIAL_WIDTH_MILLIS;
    /**
     * {@code widthMillis = INITIAL_WIDTH_MILLIS << widthShift}: a row's cell index is a division by the constant
     * 1000, which the JIT turns into a multiplication, and a shift, rather than a 64-bit division by a variable
     * width (some tens of cycles for every row).
     */
    private int widthShift;
    private CellTable table = new CellTable(1024);

    /** [segment][labelId * 2 + (request ? 0 : 1)] = series id + 1; 0 when the series does not exist yet. */
    private int[][] seriesOf;
    private int seriesCount;
    private int[] seriesSegment = new int[64];
    private int[] seriesLabel = new int[64];
    private boolean[] seriesRequests = new boolean[64];
    /** Per series: the cells of indexes {@code top - ring.length + 1 .. top}, at {@code index & (length - 1)}. */
    private TimeCell[][] rings = new TimeCell[64][];
    private long[] top = new long[64];
    /** Per series: rows since the ring last grew, and those of them older than the ring. */
    private int[] ringRows = new int[64];
    private int[] ringMisses = new int[64];
    /** Per series: rows of its last cell that left the ring, as the size new cells start with. */
    private int[] expected = new int[64];
    private int ringCells;
    /**
     * Bytes the cells hold ({@link TimeCell#footprint()}, rings' and table's alike) and the rings' arrays:
     * kept up to date as they change, so that the byte budget costs nothing per row. It used to be counted
     * cell by cell every few thousand new cells, which on a run of a few hours took as long as a tenth of
     * the recording of the rows themselves.
     */
    private long cellBytes;
    private long ringArrayBytes;

    /**
     * @param labels      the label ids rows will carry
     * @param segments    segments of the phase plan
     * @param keepLatency also keep latency per cell (a criterion needs it over time)
     * @param keepConnect also keep connect time per cell
     * @param budget      cells held before the width doubles
     */
    public TimelineAccumulator(LabelNames labels, int segments, boolean keepLatency, boolean keepConnect, int budget) {
        this(labels, segments, keepLatency, keepConnect, budget, INITIAL_WIDTH_MILLIS);
    }

    /**
     * @param widthMillis the first cell width: 1 s, or a power-of-two multiple of it chosen from the run's span so
     *                    that a long run is not coarsened step by step while it is read
     */
    public TimelineAccumulator(LabelNames labels, int segments, boolean keepLatency, boolean keepConnect, int budget,
            long widthMillis) {
        int shift = Long.numberOfTrailingZeros(widthMillis / INITIAL_WIDTH_MILLIS);
        if (widthMillis <= 0 || widthMillis != INITIAL_WIDTH_MILLIS << shift) {
            throw new IllegalArgumentException("widthMillis must be 1000 times a power of two, not " + widthMillis);
        }
        this.widthMillis = widthMillis;
        this.widthShift = shift;
        this.labels = labels;
        this.segments = segments;
        this.keepLatency = keepLatency;
        this.keepConnect = keepConnect;
        this.fullBudget = Math.max(16, budget);
        this.fullByteBudget = BYTE_BUDGET;
        this.budget = fullBudget;
        this.byteBudget = fullByteBudget;
        this.seriesOf = new int[segments][32];
    }

    /**
     * Makes this accumulator one of {@code parts} read at the same time and merged into one: until then it holds
     * its share of the budgets (a merge adds the shares up), so that the parts together hold no more than one
     * accumulator may. Each part holding the whole budget made a long run's cells twice the budget just before
     * they were merged (and coarsened), which was most of why its memory grew with rows. Returns this.
     */
    public TimelineAccumulator shareOf(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, not " + parts);
        }
        budget = Math.max(16, fullBudget / parts);
        byteBudget = fullByteBudget / parts;
        return this;
    }

    /** Records a row in its label's series; {@code request}: it counts in {@code overall}. */
    public void record(int segment, int labelId, long startMillis, long elapsedMillis, long latencyMillis,
            long connectMillis, boolean success, boolean request) {
        // Not "cellBytes += cell(...)...": cell() itself adds to cellBytes, which a compound assignment would lose.
        long index = Math.floorDiv(startMillis, INITIAL_WIDTH_MILLIS) >> widthShift;
        int grown = cell(series(segment, labelId, request), index)
                .record(elapsedMillis, latencyMillis, connectMillis, success, keepLatency, keepConnect);
        cellBytes += grown;
    }

    private int series(int segment, int labelId, boolean request) {
        int[] bySegment = seriesOf[segment];
        int slot = labelId * 2 + (request ? 0 : 1);
        if (slot >= bySegment.length) {
            bySegment = Arrays.copyOf(bySegment, Math.max(slot + 2, bySegment.length * 2));
            seriesOf[segment] = bySegment;
        }
        int s = bySegment[slot];
        if (s == 0) {
            s = newSeries(segment, labelId, request) + 1;
            bySegment[slot] = s;
        }
        return s - 1;
    }

    private int newSeries(int segment, int labelId, boolean request) {
        if (seriesCount == seriesSegment.length) {
            int n = seriesCount * 2;
            seriesSegment = Arrays.copyOf(seriesSegment, n);
            seriesLabel = Arrays.copyOf(seriesLabel, n);
            seriesRequests = Arrays.copyOf(seriesRequests, n);
            rings = Arrays.copyOf(rings, n);
            top = Arrays.copyOf(top, n);
            ringRows = Arrays.copyOf(ringRows, n);
            ringMisses = Arrays.copyOf(ringMisses, n);
            expected = Arrays.copyOf(expected, n);
        }
        rings[seriesCount] = new TimeCell[RING_MIN];
        ringArrayBytes += ringBytes(RING_MIN);
        top[seriesCount] = Long.MIN_VALUE;
        seriesSegment[seriesCount] = segment;
        seriesLabel[seriesCount] = labelId;
        seriesRequests[seriesCount] = request;
        return seriesCount++;
    }

    private TimeCell cell(int series, long index) {
        TimeCell[] ring = rings[series];
        int cap = ring.length;
        if (index > top[series]) {
            advance(series, index);
        }
        ringRows[series]++;
        TimeCell c;
        if (index > top[series] - cap) {
            int slot = (int) index & (cap - 1);
            c = ring[slot];
            if (c != null) {
                return c;
            }
            // A quarter more room than the previous cell's rows: cells of a steady load vary by a few rows either
            // way, and a list one row too short is copied whole into one twice as long.
            c = new TimeCell(expected[series] + expected[series] / 4);
            ring[slot] = c;
            ringCells++;
            cellBytes += c.footprint();
        } else {
            int held = table.size();
            c = table.getOrCreate(CellTable.key(series, index));
            if (table.size() != held) {
                cellBytes += c.footprint();
            }
            if (++ringMisses[series] > 64 && ringMisses[series] * 32 > ringRows[series] && cap < RING_MAX) {
                grow(series);
            }
        }
        if (ringCells + table.size() > budget || footprint() > byteBudget) {
            long start = index * widthMillis;
            coarsen();
            return cell(series, Math.floorDiv(start, widthMillis));
        }
        return c;
    }

    /** Moves a series' ring up to end at {@code index}: cells that leave it go to the table. */
    private void advance(int series, long index) {
        TimeCell[] ring = rings[series];
        int cap = ring.length;
        long t = top[series];
        if (t != Long.MIN_VALUE) {
            long last = Math.min(t, index - cap);
            for (long i = Math.max(t - cap + 1, last - cap + 1); i <= last; i++) {
                int slot = (int) i & (cap - 1);
                if (ring[slot] != null) {
                    expected[series] = ring[slot].rows();
                    cellBytes += table.merge(CellTable.key(series, i), ring[slot]);
                    ring[slot] = null;
                    ringCells--;
                }
            }
        }
        top[series] = index;
    }

    /** About how many bytes the cells hold, as kept count of. */
    long footprint() {
        return cellBytes + ringArrayBytes + table.arrayBytes();
    }

    /** The same as {@link #footprint()}, counted cell by cell (for the tests, and after merges of whole tables). */
    long countedFootprint() {
        long bytes = table.footprint();
        for (int s = 0; s < seriesCount; s++) {
            for (TimeCell c : rings[s]) {
                if (c != null) {
                    bytes += c.footprint();
                }
            }
            bytes += ringBytes(rings[s].length);
        }
        return bytes;
    }

    private static long ringBytes(int length) {
        return 16 + 4L * length;
    }

    /** Doubles a series' ring: its rows often arrive older than the ring covers. */
    private void grow(int series) {
        TimeCell[] ring = rings[series];
        int cap = ring.length;
        TimeCell[] grown = new TimeCell[cap * 2];
        long t = top[series];
        for (int k = 0; k < cap; k++) {
            if (ring[k] != null) {
                long index = t - ((t - k) & (cap - 1));
                grown[(int) index & (cap * 2 - 1)] = ring[k];
            }
        }
        rings[series] = grown;
        ringArrayBytes += ringBytes(cap * 2) - ringBytes(cap);
        ringRows[series] = 0;
        ringMisses[series] = 0;
    }

    /** Moves every ring's cells to the table (a cell already there for the same key is added up). */
    private void flushRings() {
        for (int s = 0; s < seriesCount; s++) {
            TimeCell[] ring = rings[s];
            int cap = ring.length;
            long t = top[s];
            for (int k = 0; k < cap; k++) {
                if (ring[k] != null) {
                    cellBytes += table.merge(CellTable.key(s, t - ((t - k) & (cap - 1))), ring[k]);
                    ring[k] = null;
                }
            }
            top[s] = Long.MIN_VALUE;
        }
        ringCells = 0;
    }

    /** Doubles the cell width, merging neighbouring cells. */
    void coarsen() {
        flushRings();
        CellTable coarser = new CellTable(table.size());
        table.forEach((key, cell) -> cellBytes += coarser.merge(
                CellTable.key(CellTable.series(key), CellTable.cellIndex(key) >> 1), cell));
        table = coarser;
        widthMillis *= 2;
        widthShift++;
    }

    /**
     * The first cell width for a run of about {@code spanMillis}: 1 s, doubled until some sixteen series of
     * cells would fit the cell budget ({@code spanMillis} -1: unknown, 1 s).
     */
    public static long widthFor(long spanMillis, int budget) {
        long width = INITIAL_WIDTH_MILLIS;
        while (spanMillis > 0 && spanMillis / width * 16 > budget) {
            width *= 2;
        }
        return width;
    }

    /** The current cell width. */
    public long widthMillis() {
        return widthMillis;
    }

    /** Cells held. */
    public int cells() {
        return table.size() + ringCells;
    }

    /**
     * Adds what {@code other} (another part's accumulator, with its own label ids) holds, matching labels by
     * name. Both end with the coarser of the two widths; {@code other} is not to be used afterwards.
     */
    public void add(TimelineAccumulator other) {
        flushRings();
        other.flushRings();
        while (widthMillis < other.widthMillis) {
            coarsen();
        }
        while (other.widthMillis < widthMillis) {
            other.coarsen();
        }
        int[] mapped = new int[other.seriesCount];
        for (int s = 0; s < other.seriesCount; s++) {
            mapped[s] = series(other.seriesSegment[s], labels.intern(other.labels.name(other.seriesLabel[s])),
                    other.seriesRequests[s]);
        }
        table.reserve(table.size() + other.table.size());
        other.table.forEach((key, cell) -> table.merge(
                CellTable.key(mapped[CellTable.series(key)], CellTable.cellIndex(key)), cell));
        cellBytes = table.cellBytes(); // the rings are empty: every cell is in the table
        budget = Math.min(fullBudget, budget + other.budget);
        byteBudget = Math.min(fullByteBudget, byteBudget + other.byteBudget);
        while (table.size() > budget || footprint() > byteBudget) {
            coarsen();
        }
    }

    /**
     * The cells as a {@link Timeline}; the accumulator is not to be used afterwards.
     *
     * @param firstMillis earliest {@code timeStamp} of every row read
     * @param lastMillis  latest {@code timeStamp} of every row read
     */
    public Timeline build(List<Segment> planSegments, long firstMillis, long lastMillis) {
        return build(planSegments, null, firstMillis, lastMillis);
    }

    /**
     * The cells as a {@link Timeline} that only has rows of some segments; the accumulator is not to be used
     * afterwards.
     *
     * @param keptSegments per segment, whether its rows were recorded (null: every segment's were)
     */
    public Timeline build(List<Segment> planSegments, boolean[] keptSegments, long firstMillis, long lastMillis) {
        flushRings();
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
        List<Map<String, Timeline.Series[]>> byLabel = new ArrayList<>();
        for (int g = 0; g < segments; g++) {
            byLabel.add(new LinkedHashMap<>());
        }
        // Labels in order of first appearance (their ids), so that reports list them as the statistics do.
        Integer[] order = new Integer[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(seriesLabel[a], seriesLabel[b]));
        for (int s : order) {
            Timeline.Series[] parts = byLabel.get(seriesSegment[s])
                    .computeIfAbsent(labels.name(seriesLabel[s]), l -> new Timeline.Series[2]);
            parts[seriesRequests[s] ? 0 : 1] = Timeline.Series.sorted(indexes[s], cells[s]);
        }
        table.clear();
        return new Timeline(widthMillis, planSegments, keptSegments, byLabel, firstMillis, lastMillis + 1, keepLatency,
                keepConnect);
    }
}
