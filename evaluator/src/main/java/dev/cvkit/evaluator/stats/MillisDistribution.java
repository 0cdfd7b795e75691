package dev.cvkit.evaluator.stats;

/**
 * A {@link Distribution} that records whole milliseconds in bounded memory.
 *
 * <p>Count, sum (hence mean), minimum and maximum are exact. Percentiles come from a
 * {@link MillisHistogram}: the nearest-rank percentile is found with an exact integer rank; below
 * 4,096 ms it is exact, above it the highest value of its bucket is reported, capped at the exact
 * maximum, so it is at most 0.2% above the exact value and never below it. Memory depends on the spread
 * of the values, never on their number.
 */
public final class MillisDistribution implements Distribution, CountedValues {

    private final MillisHistogram histogram = new MillisHistogram();
    private long count;
    private long sumMillis;
    private long minMillis = Long.MAX_VALUE;
    private long maxMillis = Long.MIN_VALUE;

    /** Records one value; {@code millis} must be &gt;= 0. */
    public void record(long millis) {
        histogram.record(millis);
        count++;
        // Exact: durations are bounded when read (below 2^31 ms), so this throws only beyond 2^32 rows of the
        // longest ones, where a wrapped sum would give a negative mean that passes 'avg(...) > 1000'.
        sumMillis = Math.addExact(sumMillis, millis);
        if (millis < minMillis) {
            minMillis = millis;
        }
        if (millis > maxMillis) {
            maxMillis = millis;
        }
    }

    /** Adds every value {@code other} recorded; {@code other} must not be used afterwards. */
    public void absorb(MillisDistribution other) {
        if (other.count == 0) {
            return;
        }
        histogram.absorb(other.histogram);
        count += other.count;
        sumMillis = Math.addExact(sumMillis, other.sumMillis);
        minMillis = Math.min(minMillis, other.minMillis);
        maxMillis = Math.max(maxMillis, other.maxMillis);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Below 4,096 ms each value is listed as recorded; above, each bucket as the value its percentiles
     * report (its highest value, capped at the exact maximum).
     */
    @Override
    public void forEachAscending(ValueCountAction action) {
        histogram.forEachCounter((valueMillis, count) ->
                action.accept(Math.max(minMillis, Math.min(maxMillis, valueMillis)), count));
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long minMillis() {
        return count == 0 ? 0 : minMillis;
    }

    @Override
    public long maxMillis() {
        return count == 0 ? 0 : maxMillis;
    }

    /** Sum of the exact values, for callers that combine means. */
    public long sumMillis() {
        return sumMillis;
    }

    @Override
    public double meanMillis() {
        return count == 0 ? Double.NaN : (double) sumMillis / count;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns 0 when nothing was recorded.
     */
    @Override
    public long percentileMillis(double percentile) {
        long rank = NearestRank.rank(percentile, Math.max(count, 1));
        if (count == 0) {
            return 0;
        }
        if (rank >= count) {
            return maxMillis;
        }
        return Math.max(minMillis, Math.min(maxMillis, histogram.upperBoundOfRank(rank)));
    }
}
