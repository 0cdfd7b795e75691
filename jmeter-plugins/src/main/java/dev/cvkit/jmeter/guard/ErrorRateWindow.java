package dev.cvkit.jmeter.guard;

/**
 * The error rate of the samples of the last {@code windowSeconds} seconds, kept in one-second buckets so
 * that memory does not grow with load. A sample counts in the second it was recorded in; the window is the
 * current second and the {@code windowSeconds - 1} before it. Thread-safe (one lock; a record is a few
 * array writes).
 */
public final class ErrorRateWindow {

    private final int windowSeconds;
    private final long[] bucketSecond;
    private final long[] total;
    private final long[] errors;

    public ErrorRateWindow(int windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("window must be at least 1 s, got " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
        this.bucketSecond = new long[windowSeconds];
        this.total = new long[windowSeconds];
        this.errors = new long[windowSeconds];
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    /** Counts one sample recorded at {@code epochMillis}. */
    public synchronized void record(long epochMillis, boolean success) {
        long second = Math.floorDiv(epochMillis, 1000L);
        int slot = (int) Math.floorMod(second, (long) windowSeconds);
        if (bucketSecond[slot] != second) {
            bucketSecond[slot] = second;
            total[slot] = 0;
            errors[slot] = 0;
        }
        total[slot]++;
        if (!success) {
            errors[slot]++;
        }
    }

    /** The samples and errors of the window ending in the second of {@code nowMillis}. */
    public synchronized Counts counts(long nowMillis) {
        long now = Math.floorDiv(nowMillis, 1000L);
        long samples = 0;
        long failed = 0;
        for (int slot = 0; slot < windowSeconds; slot++) {
            long age = now - bucketSecond[slot];
            if (age >= 0 && age < windowSeconds) {
                samples += total[slot];
                failed += errors[slot];
            }
        }
        return new Counts(samples, failed);
    }

    /**
     * Counts of a window.
     *
     * @param samples samples in the window
     * @param errors failed samples in the window
     */
    public record Counts(long samples, long errors) {

        /** Errors in percent of samples; 0 without samples. */
        public double errorPercent() {
            return samples == 0 ? 0 : 100.0 * errors / samples;
        }
    }
}
