package dev.cvkit.evaluator.timeline;

/**
 * One label's rows (or overall's) in one time cell: row and error counts, and the response times
 * ({@code elapsed}) as a {@link CellDistribution}; latency and connect time only when a criterion needs
 * them over time.
 */
public final class TimeCell extends CellDistribution {

    int errors;
    CellDistribution latency;
    CellDistribution connect;

    TimeCell() {
    }

    /** A cell expected to hold about {@code expected} rows (its list of values is made that long). */
    TimeCell(int expected) {
        super(expected);
    }

    /** Rows in the cell. */
    public int rows() {
        return count;
    }

    /** Rows whose {@code success} is false. */
    public int errors() {
        return errors;
    }

    /** {@code 100 * errors / rows}; NaN for an empty cell. */
    public double errorPct() {
        return count == 0 ? Double.NaN : 100.0 * errors / count;
    }

    /** Latency values, or null when none were kept. */
    public CellDistribution latency() {
        return latency;
    }

    /** Connect-time values, or null when none were kept. */
    public CellDistribution connect() {
        return connect;
    }

    @Override
    int footprint() {
        return 16 + super.footprint() + (latency == null ? 0 : latency.footprint())
                + (connect == null ? 0 : connect.footprint());
    }

    /** Records one row; returns how many bytes the cell grew by (see {@link #footprint()}). */
    int record(long elapsedMillis, long latencyMillis, long connectMillis, boolean success, boolean keepLatency,
            boolean keepConnect) {
        int grown = record(elapsedMillis);
        if (!success) {
            errors++;
        }
        if (keepLatency && latencyMillis >= 0) {
            if (latency == null) {
                latency = new CellDistribution();
                grown += latency.footprint();
            }
            grown += latency.record(latencyMillis);
        }
        if (keepConnect && connectMillis >= 0) {
            if (connect == null) {
                connect = new CellDistribution();
                grown += connect.footprint();
            }
            grown += connect.record(connectMillis);
        }
        return grown;
    }

    /** Adds everything {@code other} holds. */
    void addCell(TimeCell other) {
        add(other);
        errors += other.errors;
        if (other.latency != null) {
            if (latency == null) {
                latency = new CellDistribution();
            }
            latency.add(other.latency);
        }
        if (other.connect != null) {
            if (connect == null) {
                connect = new CellDistribution();
            }
            connect.add(other.connect);
        }
    }

    /** A new cell holding both. */
    static TimeCell sum(TimeCell a, TimeCell b) {
        TimeCell c = new TimeCell();
        if (a != null) {
            c.addCell(a);
        }
        if (b != null) {
            c.addCell(b);
        }
        return c;
    }
}
