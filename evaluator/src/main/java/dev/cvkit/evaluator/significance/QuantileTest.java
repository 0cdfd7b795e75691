package dev.cvkit.evaluator.significance;

import dev.cvkit.evaluator.reference.TimingHistogram;

/**
 * Two-sample test aimed at one percentile (Mood's median test carried to any quantile): pool both runs,
 * take the pooled p-th percentile {@code t}, and test whether the share of values above {@code t} differs
 * between the runs ({@link TwoProportionTest}). If the current run's p-th percentile moved up, more than
 * {@code (100 - p)%} of its values lie above the pooled one and fewer of the reference's do.
 *
 * <p>It needs no assumption on the shape of the distributions, handles the ties of bucketed values (the
 * runs are exchangeable under the null hypothesis whatever {@code t} is), and unlike a rank test of the
 * whole distribution (Mann-Whitney U) it answers the question the criterion asks: a slower tail with an
 * unchanged median is found, and a faster median does not hide a slower tail.
 */
public final class QuantileTest {

    /** Values each run needs beyond the percentile (on each side of it) for the test to mean anything. */
    static final int VALUES_BEYOND_PERCENTILE = 10;

    private QuantileTest() {
    }

    /**
     * Values each run needs for a test of the {@code percentile}-th percentile: at least
     * {@value #VALUES_BEYOND_PERCENTILE} expected on its rarer side (200 for p95, 1,000 for p99, 10,000 for
     * p99.9) and never fewer than {@link Significance#MIN_SAMPLES}.
     *
     * @throws IllegalArgumentException when {@code percentile} is outside {@code (0, 100)}
     */
    public static long minimumSamples(double percentile) {
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100), got " + percentile);
        }
        double rarer = Math.min(percentile, 100 - percentile) / 100;
        return Math.max(Significance.MIN_SAMPLES, (long) Math.ceil(VALUES_BEYOND_PERCENTILE / rarer - 1e-9));
    }

    /** One-sided p-value that the current run's {@code percentile}-th percentile moved in {@code direction}. */
    public static double pValue(TimingHistogram reference, TimingHistogram current, double percentile, Direction direction) {
        TimingHistogram pooled = reference.plus(current);
        long threshold = TimingHistogram.bucketOf(pooled.percentileMillis(percentile));
        return TwoProportionTest.pValue(current.countAbove(threshold), current.count(), reference.countAbove(threshold),
                reference.count(), direction);
    }
}
