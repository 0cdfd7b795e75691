package dev.cvkit.evaluator.timeline;

import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.stats.LabelNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *
 * <p>Many labels (ids in URLs: tens of thousands, a few rows each) would each hold cells that no doubling of the
 * width merges. So at most {@value #LABELS_KEPT} labels (besides those criteria name, which are always kept) have
 * cells of their own: beyond {@code LABELS_KEPT + LABELS_KEPT / 4}, the least busy so far (rows in their cells)
 * are <em>left out</em>, their cells added to those of "the rest", which overall's cells include, so overall stays
 * exact. Their later rows go to the rest at once. And the width doubles only while that can merge cells (their
 * indexes span more than two cells); past that, half of the labels that may be left out are; when none is left,
 * the budgets give way (what remains is the named labels over every segment, which the criteria ask for).
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
    /** Labels with cells of their own, besides those criteria name: enough for every chart and table shown. */
    public static final int LABELS_KEPT = 1024;
    /** Beyond this width the cell index of a row's millisecond is no longer safe to multiply back (2^40 s). */
    private static final int MAX_WIDTH_SHIFT = 40;
    private static final byte LABEL_NEW = 0;
    private static final byte LABEL_OWN = 1;
    private static final byte LABEL_LEFT_OUT = 2;

    private final LabelNames labels;
    private final int segments;
    private final boolean keepLatency;
    private final boolean keepConnect;
    /** Labels that always keep their own cells (criteria judge them over time); never left out. */
    private final Set<String> named;
    private final int labelsKept;
    /** Per label id: {@link #LABEL_NEW}, {@link #LABEL_OWN} or {@link #LABEL_LEFT_OUT}. */
    private byte[] labelState = new byte[64];
    /** Labels with cells of their own that may be left out (not named). */
    private int ownLabels;
    /** Names of the labels left out, whose rows are in the rest's cells. */
    private final Set<String> leftOut = new HashSet<>();
    /** [segment * 2 + (request ? 0 : 1)] = series id + 1 of the rest of the labels; 0 while it has none. */
    private final int[] restOf;
    /** While another part's series are mapped ({@link #add}): no label is left out meanwhile. */
    private boolean merging;
    /** Set once a doubling of the width can merge no more cells: the cells of every series lie in two. */
    private boolean widthSpent;
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
        this(labels, segments, keepLatency, keepConnect, budget, widthMillis, Set.of(), LABELS_KEPT);
    }

    /**
     * @param named      labels that keep their own cells however many labels there are (criteria name them)
     * @param labelsKept labels besides the named ones that keep cells of their own (see the class comment)
     */
    public TimelineAccumulator(LabelNames labels, int segments, boolean keepLatency, boolean keepConnect, int budget,
            long widthMillis, Set<String> named, int labelsKept) {
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
        this.named = Set.copyOf(named);
        this.labelsKept = Math.max(1, labelsKept);
        this.restOf = new int[segments * 2];
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
            s = firstSeries(segment, labelId, request) + 1;
            seriesOf[segment][slot] = s;
        }
        return s - 1;
    }

    /** The series a label's rows of one segment go to when it has none there yet: its own, or the rest's. */
    private int firstSeries(int segment, int labelId, boolean request) {
        growLabelState(labelId);
        if (labelState[labelId] == LABEL_LEFT_OUT) {
            return rest(segment, request);
        }
        if (labelState[labelId] == LABEL_NEW) {
            if (!named.contains(labels.name(labelId))) {
                // Before the newcomer counts, so that it has rows of its own when it is next weighed.
                if (!merging && ownLabels >= labelsKept + labelsKept / 4) {
                    leaveOutAllBut(labelsKept);
                }
                ownLabels++;
            }
            labelState[labelId] = LABEL_OWN;
        }
        return newSeries(segment, labelId, request);
    }

    /** Makes room in {@link #labelState} for label {@code id} (a new label starts as {@link #LABEL_NEW}). */
    private void growLabelState(int id) {
        if (id >= labelState.length) {
            labelState = Arrays.copyOf(labelState, Math.max(id + 1, labelState.length * 2));
        }
    }

    /** The rest's series of a segment (the labels left out), made when first needed. */
    private int rest(int segment, boolean request) {
        int slot = segment * 2 + (request ? 0 : 1);
        if (restOf[slot] == 0) {
            restOf[slot] = newSeries(segment, -1, request) + 1;
        }
        return restOf[slot] - 1;
    }

    private boolean leftOut(int series) {
        int label = seriesLabel[series];
        return label >= 0 && labelState[label] == LABEL_LEFT_OUT;
    }

    /**
     * Leaves out every label that may be (not named) but the {@code keep} busiest so far (rows in their cells; the
     * first seen of equally busy ones): their cells join the rest's, and their series are no longer used.
     */
    private void leaveOutAllBut(int keep) {
        flushRings();
        long[] rows = new long[labelState.length];
        table.forEach((key, cell) -> {
            int label = seriesLabel[CellTable.series(key)];
            if (label >= 0) {
                rows[label] += cell.rows();
            }
        });
        List<Integer> candidates = new ArrayList<>();
        for (int id = 0; id < labelState.length; id++) {
            if (labelState[id] == LABEL_OWN && !named.contains(labels.name(id))) {
                candidates.add(id);
            }
        }
        if (candidates.size() <= keep) {
            return;
        }
        candidates.sort((a, b) -> rows[a] != rows[b] ? Long.compare(rows[b], rows[a]) : Integer.compare(a, b));
        leaveOut(candidates.subList(keep, candidates.size()));
    }

    /** Leaves out the labels of these ids (their cells join the rest's); the rings must be empty. */
    private void leaveOut(List<Integer> ids) {
        for (int id : ids) {
            if (labelState[id] == LABEL_OWN && !named.contains(labels.name(id))) {
                ownLabels--;
            }
            labelState[id] = LABEL_LEFT_OUT;
            leftOut.add(labels.name(id));
        }
        int existing = seriesCount;
        int[] target = new int[existing];
        for (int s = 0; s < existing; s++) {
            target[s] = s;
        }
        // Only the series of the labels leaving: a run with many labels leaves some out time and again.
        for (int id : ids) {
            for (int g = 0; g < segments; g++) {
                for (int k = 0; k < 2 && id * 2 + k < seriesOf[g].length; k++) {
                    int s = seriesOf[g][id * 2 + k] - 1;
                    if (s >= 0 && s < existing && rings[s] != null) {
                        target[s] = rest(g, k == 0);
                        seriesOf[g][id * 2 + k] = target[s] + 1;
                        ringArrayBytes -= ringBytes(rings[s].length);
                        rings[s] = null;
                    }
                }
            }
        }
        CellTable moved = new CellTable(table.size());
        table.forEach((key, cell) -> {
            int s = CellTable.series(key);
            moved.merge(CellTable.key(s < existing ? target[s] : s, CellTable.cellIndex(key)), cell);
        });
        table = moved;
        cellBytes = table.cellBytes(); // the rings are empty: every cell is in the table
    }

    /**
     * Brings the cells back within the budgets: the labels beyond {@link #labelsKept} left out when that is enough,
     * else the width doubled while that can merge cells, else half the labels that may be left out left out, and
     * when none is, the budgets raised to what is held (named labels over every segment: what criteria read).
     */
    private void relieve() {
        if (ownLabels > labelsKept) {
            leaveOutAllBut(labelsKept);
            if (!overBudget()) {
                return;
            }
        }
        if (!widthSpent || cellSpan() > 1) {
            // Spent when last doubled, but rows read since may have widened the span again.
            coarsen();
            return;
        }
        if (ownLabels > 0) {
            leaveOutAllBut(ownLabels / 2);
            return;
        }
        budget = Math.max(budget, 2 * cells());
        byteBudget = Math.max(byteBudget, 2 * footprint());
    }

    /** How many cell indexes apart the earliest and the latest cell are (-1 when none is held). */
    private long cellSpan() {
        flushRings();
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        table.forEach((key, cell) -> {
            span[0] = Math.min(span[0], CellTable.cellIndex(key));
            span[1] = Math.max(span[1], CellTable.cellIndex(key));
        });
        return table.size() == 0 ? -1 : span[1] - span[0];
    }

    private boolean overBudget() {
        return ringCells + table.size() > budget || footprint() > byteBudget;
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
        if (overBudget()) {
            long start = index * widthMillis;
            relieve();
            // The series' label may have been left out meanwhile: its rows go to the rest's series then.
            int to = leftOut(series) ? rest(seriesSegment[series], seriesRequests[series]) : series;
            return cell(to, Math.floorDiv(start, widthMillis));
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
            if (rings[s] == null) {
                continue; // a label left out
            }
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
            if (ring == null) {
                continue; // a label left out
            }
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

    /**
     * Doubles the cell width, merging neighbouring cells; notes when a further doubling could merge none (every
     * cell index within two neighbours: many labels or segments, not a long run, hold the cells then).
     */
    void coarsen() {
        flushRings();
        CellTable coarser = new CellTable(table.size());
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        table.forEach((key, cell) -> {
            long index = CellTable.cellIndex(key) >> 1;
            span[0] = Math.min(span[0], index);
            span[1] = Math.max(span[1], index);
            cellBytes += coarser.merge(CellTable.key(CellTable.series(key), index), cell);
        });
        table = coarser;
        widthMillis *= 2;
        widthShift++;
        widthSpent = table.size() > 0 && span[1] - span[0] <= 1 || widthShift >= MAX_WIDTH_SHIFT;
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

    /** How many labels are left out: their rows are in the rest's cells only. */
    public int labelsLeftOut() {
        return leftOut.size();
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
        // A label left out by either part is left out of both: a part's own cells of it would be only some of its rows.
        List<Integer> leaving = new ArrayList<>();
        for (String name : other.leftOut) {
            int id = labels.intern(name);
            growLabelState(id);
            if (labelState[id] != LABEL_LEFT_OUT) {
                leaving.add(id);
            }
        }
        leaveOut(leaving);
        merging = true; // no label is left out while the other's series are mapped: a mapped series must stay used
        int[] mapped = new int[other.seriesCount];
        for (int s = 0; s < other.seriesCount; s++) {
            int label = other.seriesLabel[s];
            if (label < 0 || other.rings[s] == null) {
                mapped[s] = rest(other.seriesSegment[s], other.seriesRequests[s]);
            } else {
                mapped[s] = series(other.seriesSegment[s], labels.intern(other.labels.name(label)),
                        other.seriesRequests[s]);
            }
        }
        merging = false;
        table.reserve(table.size() + other.table.size());
        other.table.forEach((key, cell) -> table.merge(
                CellTable.key(mapped[CellTable.series(key)], CellTable.cellIndex(key)), cell));
        cellBytes = table.cellBytes(); // the rings are empty: every cell is in the table
        budget = Math.min(fullBudget, budget + other.budget);
        byteBudget = Math.min(fullByteBudget, byteBudget + other.byteBudget);
        if (ownLabels >= labelsKept + labelsKept / 4) {
            leaveOutAllBut(labelsKept);
        }
        while (overBudget()) {
            relieve();
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
        Timeline.Series[] rest = new Timeline.Series[segments];
        for (int s : order) {
            if (seriesLabel[s] < 0) {
                if (seriesRequests[s]) {
                    rest[seriesSegment[s]] = Timeline.Series.sorted(indexes[s], cells[s]);
                }
                continue; // the rest's other rows count nowhere over time
            }
            if (leftOut(s)) {
                continue; // its cells are the rest's
            }
            Timeline.Series[] parts = byLabel.get(seriesSegment[s])
                    .computeIfAbsent(labels.name(seriesLabel[s]), l -> new Timeline.Series[2]);
            parts[seriesRequests[s] ? 0 : 1] = Timeline.Series.sorted(indexes[s], cells[s]);
        }
        table.clear();
        return new Timeline(widthMillis, planSegments, keptSegments, byLabel, rest, leftOut, firstMillis,
                lastMillis + 1, keepLatency, keepConnect);
    }
}
