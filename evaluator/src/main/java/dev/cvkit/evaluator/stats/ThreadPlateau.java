package dev.cvkit.evaluator.stats;

import java.util.Arrays;

/**
 * Where one results file's active-thread count reaches its plateau, as {@code warmup: auto} defines it: the
 * plateau is the largest count any row carries, less 5% of it (at least one thread), so that a thread that
 * comes and goes (a set-up thread group, a fault controller started late) does not move it; the warm-up lasts
 * until the earliest {@code timeStamp} of a row with at least that many threads.
 *
 * <p>Kept as the earliest {@code timeStamp} per count, which is order-independent: parts read in parallel
 * merge exactly. Mutable: one per file while reading.
 */
public final class ThreadPlateau {

    /** {@code earliest[n]}: the earliest timeStamp of a row with {@code n} active threads; MAX_VALUE if none. */
    private long[] earliest = new long[0];
    private long maxThreads = -1;
    /**
     * The last count recorded and the earliest timeStamp of that count: a later row with the same count and no
     * earlier timeStamp changes nothing. (Compared with the earliest rather than the last row's timeStamp, a
     * row a little out of order, as rows written at sample end are, takes this short way too.)
     */
    private long lastThreads = -1;
    private long lastEarliest;

    /** One row's count. */
    public void record(long startMillis, long threads) {
        if (threads == lastThreads && startMillis >= lastEarliest) {
            // The common row: the count mostly steady, earliest[threads] already at most startMillis.
            return;
        }
        if (threads < 0 || threads > 1_000_000) {
            return;
        }
        int n = (int) threads;
        if (n >= earliest.length) {
            int old = earliest.length;
            earliest = Arrays.copyOf(earliest, Math.max(n + 1, old * 2));
            Arrays.fill(earliest, old, earliest.length, Long.MAX_VALUE);
        }
        if (startMillis < earliest[n]) {
            earliest[n] = startMillis;
        }
        lastThreads = threads;
        lastEarliest = earliest[n];
        if (n > maxThreads) {
            maxThreads = n;
        }
    }

    /** Adds another part of the same file. */
    public void add(ThreadPlateau other) {
        for (int n = 0; n < other.earliest.length; n++) {
            if (other.earliest[n] != Long.MAX_VALUE) {
                record(other.earliest[n], n);
            }
        }
    }

    /** The largest count; -1 when no row carried one. */
    public long maxThreads() {
        return maxThreads;
    }

    /** The plateau: {@link #maxThreads()} less 5% of it, at least one thread less (never below 1). */
    public long plateauThreads() {
        return Math.max(Math.min(1, maxThreads), maxThreads - Math.max(1, maxThreads / 20));
    }

    /** The earliest {@code timeStamp} of a row with at least {@link #plateauThreads()} threads. */
    public long plateauStartMillis() {
        long first = Long.MAX_VALUE;
        for (long n = Math.max(0, plateauThreads()); n <= maxThreads; n++) {
            first = Math.min(first, earliest[(int) n]);
        }
        return first;
    }

    public boolean isEmpty() {
        return maxThreads < 0;
    }

    @Override
    public String toString() {
        return "ThreadPlateau[" + plateauThreads() + " of at most " + maxThreads + " threads from " + plateauStartMillis()
                + "]";
    }
}
