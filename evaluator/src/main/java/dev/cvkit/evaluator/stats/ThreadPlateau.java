package dev.cvkit.evaluator.stats;

/**
 * The plateau of one results file's active-thread count, as {@code warmup: auto} defines it: the largest
 * count any row carries, and the earliest {@code timeStamp} of a row that carries it. Order-independent,
 * so parts read in parallel merge exactly. Mutable: one per file while reading.
 */
public final class ThreadPlateau {

    private long maxThreads = -1;
    private long firstMillisAtMax = Long.MAX_VALUE;

    /** One row's count. */
    public void record(long startMillis, long threads) {
        if (threads > maxThreads) {
            maxThreads = threads;
            firstMillisAtMax = startMillis;
        } else if (threads == maxThreads && startMillis < firstMillisAtMax) {
            firstMillisAtMax = startMillis;
        }
    }

    /** Adds another part of the same file. */
    public void add(ThreadPlateau other) {
        if (other.maxThreads > maxThreads) {
            maxThreads = other.maxThreads;
            firstMillisAtMax = other.firstMillisAtMax;
        } else if (other.maxThreads == maxThreads) {
            firstMillisAtMax = Math.min(firstMillisAtMax, other.firstMillisAtMax);
        }
    }

    /** The largest count; -1 when no row carried one. */
    public long maxThreads() {
        return maxThreads;
    }

    /** The earliest {@code timeStamp} of a row carrying {@link #maxThreads()}. */
    public long firstMillisAtMax() {
        return firstMillisAtMax;
    }

    public boolean isEmpty() {
        return maxThreads < 0;
    }

    @Override
    public String toString() {
        return "ThreadPlateau[" + maxThreads + " threads from " + firstMillisAtMax + "]";
    }
}
