package dev.cvkit.evaluator.timeline;

/**
 * Consecutive steps of time (one per time cell) and the rows of one label, or overall, in each: what the
 * sustained criteria, recovery and the charts read. A step without rows has a null cell.
 */
public final class Steps {

    static final Steps EMPTY = new Steps(new long[0], new long[0], new TimeCell[0]);

    private final long[] start;
    private final long[] end;
    private final TimeCell[] cells;

    Steps(long[] start, long[] end, TimeCell[] cells) {
        this.start = start;
        this.end = end;
        this.cells = cells;
    }

    public int size() {
        return start.length;
    }

    /** Epoch ms at which step {@code i} starts. */
    public long start(int i) {
        return start[i];
    }

    /** Epoch ms at which step {@code i} ends (exclusive). */
    public long end(int i) {
        return end[i];
    }

    /** The rows of step {@code i}, or null when it has none. */
    public TimeCell cell(int i) {
        return cells[i];
    }

    /** Rows over all steps. */
    public long rows() {
        long n = 0;
        for (TimeCell c : cells) {
            n += c == null ? 0 : c.rows();
        }
        return n;
    }

    /**
     * The steps merged {@code factor} at a time (for charts): a merged step spans its parts and holds all their
     * rows.
     */
    public Steps merged(int factor) {
        if (factor <= 1) {
            return this;
        }
        int n = (start.length + factor - 1) / factor;
        long[] s = new long[n];
        long[] e = new long[n];
        TimeCell[] c = new TimeCell[n];
        CellSummer summer = new CellSummer();
        for (int i = 0; i < n; i++) {
            int from = i * factor;
            int to = Math.min(start.length, from + factor);
            s[i] = start[from];
            e[i] = end[to - 1];
            c[i] = summer.sum(cells, from, to);
        }
        return new Steps(s, e, c);
    }
}
