package dev.cvkit.evaluator.stats;

/**
 * The distribution of one {@link Metric} over a set of rows, in whole milliseconds.
 *
 * <p>Percentiles are <em>nearest-rank</em>: {@code percentileMillis(p)} is the smallest recorded value
 * {@code v} such that at least {@code p}% of the values are {@code <= v}. Implementations may bucket
 * values, but must report within {@code max(1 ms, 1%)} of that exact value.
 */
public interface Distribution {

    /** Number of values recorded; 0 for a metric the results do not carry. */
    long count();

    /** Smallest value; undefined (0) when {@link #count()} is 0. */
    long minMillis();

    /** Largest value; undefined (0) when {@link #count()} is 0. */
    long maxMillis();

    /** Arithmetic mean of the exact values; NaN when {@link #count()} is 0. */
    double meanMillis();

    /**
     * Nearest-rank percentile.
     *
     * @param percentile in {@code (0, 100]}, e.g. {@code 99.9}
     * @throws IllegalArgumentException when {@code percentile} is outside {@code (0, 100]}
     */
    long percentileMillis(double percentile);
}
