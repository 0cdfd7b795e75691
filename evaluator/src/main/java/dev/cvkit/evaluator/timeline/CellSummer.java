package dev.cvkit.evaluator.timeline;

/**
 * Adds many cells up into new ones through one array of every bucket: each part's values go into the array
 * ({@link CellDistribution#addTo}, the rolling windows' own step), and the sum is read back from the buckets
 * its parts touched, which are cleared for the next sum. Overall's cells are the labels' cells added up, a
 * dozen or more per step over the whole run, and charts merge steps a few at a time; added one into the other,
 * each addition stretched the sum's counters, and the optimising compiler spent more time on those methods,
 * after the reading, than they ran.
 *
 * <p>Not thread-safe: one summer per thread.
 */
final class CellSummer {

    private final long[] buckets = new long[CellDistribution.MAX_INDEX + 1];

    /** A new cell with every row of {@code cells[from..to)} (nulls skipped); null when they are all null. */
    TimeCell sum(TimeCell[] cells, int from, int to) {
        TimeCell sum = null;
        boolean latency = false;
        boolean connect = false;
        for (int k = from; k < to; k++) {
            TimeCell c = cells[k];
            if (c == null) {
                continue;
            }
            if (sum == null) {
                sum = new TimeCell();
            }
            sum.errors += c.errors;
            latency |= c.latency != null;
            connect |= c.connect != null;
        }
        if (sum == null) {
            return null;
        }
        fill(sum, cells, from, to, 0);
        if (latency) {
            sum.latency = new CellDistribution();
            fill(sum.latency, cells, from, to, 1);
        }
        if (connect) {
            sum.connect = new CellDistribution();
            fill(sum.connect, cells, from, to, 2);
        }
        return sum;
    }

    /** Fills an empty {@code target} with the values of one timing (0 elapsed, 1 latency, 2 connect) of the cells. */
    private void fill(CellDistribution target, TimeCell[] cells, int from, int to, int timing) {
        int count = 0;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int k = from; k < to; k++) {
            CellDistribution part = timing(cells[k], timing);
            if (part == null || part.count == 0) {
                continue;
            }
            part.addTo(buckets, 1);
            count += part.count;
            sum += part.sum;
            min = Math.min(min, part.min);
            max = Math.max(max, part.max);
        }
        if (count > 0) {
            target.load(buckets, CellDistribution.index(min), CellDistribution.index(max), count, sum, min, max);
        }
    }

    /** One timing of a cell (0 elapsed, 1 latency, 2 connect); null for no cell or a timing not kept. */
    private static CellDistribution timing(TimeCell cell, int timing) {
        if (cell == null) {
            return null;
        }
        return switch (timing) {
            case 0 -> cell;
            case 1 -> cell.latency;
            default -> cell.connect;
        };
    }
}
