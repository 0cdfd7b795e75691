package dev.cvkit.evaluator.reference;

import dev.cvkit.evaluator.stats.CountedValues;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.NearestRank;
import java.util.Arrays;

/**
 * The distribution of one timing over a set of rows, in the compact bucketing of reference runs: whole
 * milliseconds counted exactly below {@value #EXACT_BELOW_MILLIS} ms, above that 128 buckets per power of
 * two (each narrower than 0.8% of its values). Whatever the number of rows, a histogram of values up to
 * one hour has at most {@code 256 + 128 * 14} buckets. Count, sum, minimum and maximum are exact.
 *
 * <p>A bucket is named by the largest value it can hold ({@link #bucketOf}); percentiles report that
 * value, capped at the exact maximum (so never below the exact nearest-rank value and less than 0.8%
 * above it). Both sides of a relative criterion are read through this same bucketing, so that neither
 * side is favoured by a finer resolution.
 *
 * <p>Immutable.
 */
public final class TimingHistogram {

    /** Values below this are counted one bucket per millisecond. */
    public static final int EXACT_BELOW_MILLIS = 256;
    private static final int SUB_BUCKET_BITS = 7;

    private final long[] bucketMillis;
    private final long[] counts;
    private final long count;
    private final long sumMillis;
    private final long minMillis;
    private final long maxMillis;

    private TimingHistogram(long[] bucketMillis, long[] counts, long count, long sumMillis, long minMillis, long maxMillis) {
        this.bucketMillis = bucketMillis;
        this.counts = counts;
        this.count = count;
        this.sumMillis = sumMillis;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
    }

    /**
     * The bucket {@code millis} falls in, named by the largest value it can hold: {@code millis} itself
     * below {@value #EXACT_BELOW_MILLIS} ms.
     *
     * @throws IllegalArgumentException when {@code millis} is negative
     */
    public static long bucketOf(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a timing must be >= 0 ms, got " + millis);
        }
        if (millis < EXACT_BELOW_MILLIS) {
            return millis;
        }
        int shift = 63 - Long.numberOfLeadingZeros(millis) - SUB_BUCKET_BITS;
        long top = (((millis >>> shift) + 1) << shift) - 1;
        // The top bucket of all would overflow; it holds values up to Long.MAX_VALUE.
        return top < millis ? Long.MAX_VALUE : top;
    }

    /** The smallest value of the bucket named {@code bucket} (a value returned by {@link #bucketOf}). */
    static long bucketStart(long bucket) {
        if (bucket < EXACT_BELOW_MILLIS) {
            return bucket;
        }
        int shift = 63 - Long.numberOfLeadingZeros(bucket) - SUB_BUCKET_BITS;
        return (bucket >>> shift) << shift;
    }

    /**
     * The histogram of a distribution that can list its values.
     *
     * @throws IllegalStateException when {@code distribution} does not implement {@link CountedValues}, or
     *                               lists values that do not add up to its count
     */
    public static TimingHistogram of(Distribution distribution) {
        if (!(distribution instanceof CountedValues values)) {
            throw new IllegalStateException(distribution.getClass().getName() + " cannot list its values ("
                    + CountedValues.class.getSimpleName() + "), so it cannot be summarized as a histogram");
        }
        long n = distribution.count();
        if (n == 0) {
            return empty();
        }
        Builder b = new Builder();
        values.forEachAscending(b::add);
        if (b.total != n) {
            throw new IllegalStateException("the distribution lists " + b.total + " values but counts " + n);
        }
        long sum = Math.round(distribution.meanMillis() * n);
        return b.build(sum, distribution.minMillis(), distribution.maxMillis());
    }

    /** A histogram with no values. */
    public static TimingHistogram empty() {
        return new TimingHistogram(new long[0], new long[0], 0, 0, 0, 0);
    }

    /**
     * A histogram from its stored parts, as a reference file holds them; checks that they fit together.
     *
     * @param bucketMillis ascending bucket names ({@link #bucketOf}); the array becomes the histogram's (not copied:
     *                     a reference file's histograms are made from arrays read for them), not to be changed
     * @param counts       values in each bucket, each {@code >= 1}; the histogram's too
     * @throws IllegalArgumentException naming the first part that does not fit
     */
    public static TimingHistogram fromParts(long[] bucketMillis, long[] counts, long count, long sumMillis,
            long minMillis, long maxMillis) {
        if (bucketMillis.length != counts.length) {
            throw new IllegalArgumentException(bucketMillis.length + " buckets but " + counts.length + " counts");
        }
        long total = 0;
        for (int i = 0; i < bucketMillis.length; i++) {
            long bucket = bucketMillis[i];
            if (bucket < 0 || bucketOf(bucket) != bucket) {
                throw new IllegalArgumentException("bucket " + i + ": " + bucket + " is not the largest value of a bucket"
                        + (bucket < 0 ? "" : " (the bucket holding it ends at " + bucketOf(bucket) + ")"));
            }
            if (i > 0 && bucket <= bucketMillis[i - 1]) {
                throw new IllegalArgumentException("bucket " + i + ": " + bucket + " ms does not come after "
                        + bucketMillis[i - 1] + " ms: buckets must be in ascending order");
            }
            if (counts[i] < 1) {
                throw new IllegalArgumentException("bucket " + i + ": count " + counts[i] + " must be at least 1");
            }
            total += counts[i];
        }
        if (total != count) {
            throw new IllegalArgumentException("the buckets hold " + total + " values but count is " + count);
        }
        if (count == 0) {
            if (sumMillis != 0 || minMillis != 0 || maxMillis != 0) {
                throw new IllegalArgumentException("an empty histogram has sum, min and max 0");
            }
            return empty();
        }
        if (minMillis < 0 || minMillis > maxMillis) {
            throw new IllegalArgumentException("min " + minMillis + " and max " + maxMillis + " must satisfy 0 <= min <= max");
        }
        if (bucketOf(minMillis) != bucketMillis[0] || bucketOf(maxMillis) != bucketMillis[bucketMillis.length - 1]) {
            throw new IllegalArgumentException("min " + minMillis + " and max " + maxMillis
                    + " must fall in the first and the last bucket");
        }
        if (sumMillis < minMillis * count || sumMillis > maxMillis * count) {
            throw new IllegalArgumentException("sum " + sumMillis + " must lie between min * count and max * count");
        }
        return new TimingHistogram(bucketMillis, counts, count, sumMillis, minMillis, maxMillis);
    }

    /** Number of values. */
    public long count() {
        return count;
    }

    /** Exact sum of the values. */
    public long sumMillis() {
        return sumMillis;
    }

    /** Exact smallest value; 0 when empty. */
    public long minMillis() {
        return minMillis;
    }

    /** Exact largest value; 0 when empty. */
    public long maxMillis() {
        return maxMillis;
    }

    /** Exact mean; NaN when empty. */
    public double meanMillis() {
        return count == 0 ? Double.NaN : (double) sumMillis / count;
    }

    /**
     * Sample variance ({@code n - 1} in the denominator) with each value taken at its bucket's middle;
     * NaN with fewer than two values. Exact below {@value #EXACT_BELOW_MILLIS} ms.
     */
    public double varianceMillis2() {
        if (count < 2) {
            return Double.NaN;
        }
        double mean = meanMillis();
        double squares = 0;
        for (int i = 0; i < bucketMillis.length; i++) {
            double middle = (bucketStart(bucketMillis[i]) + (double) bucketMillis[i]) / 2;
            double d = Math.max(minMillis, Math.min(maxMillis, middle)) - mean;
            squares += counts[i] * d * d;
        }
        return squares / (count - 1);
    }

    /**
     * Nearest-rank percentile: the bucket holding the {@code ceil(p * n / 100)}-th smallest value, reported
     * as its largest value capped at the exact maximum; 0 when empty.
     *
     * @throws IllegalArgumentException when {@code percentile} is outside {@code (0, 100]}
     */
    public long percentileMillis(double percentile) {
        long rank = NearestRank.rank(percentile, Math.max(count, 1));
        if (count == 0) {
            return 0;
        }
        long seen = 0;
        for (int i = 0; i < bucketMillis.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(minMillis, Math.min(maxMillis, bucketMillis[i]));
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + count + " values");
    }

    /** Number of values in buckets after the bucket named {@code bucket}. */
    public long countAbove(long bucket) {
        long above = 0;
        for (int i = bucketMillis.length - 1; i >= 0 && bucketMillis[i] > bucket; i--) {
            above += counts[i];
        }
        return above;
    }

    /** Number of non-empty buckets. */
    public int bucketCount() {
        return bucketMillis.length;
    }

    /** Calls {@code action} with each non-empty bucket (named by its largest value) and its count, ascending. */
    public void forEachBucket(CountedValues.ValueCountAction action) {
        for (int i = 0; i < bucketMillis.length; i++) {
            action.accept(bucketMillis[i], counts[i]);
        }
    }

    /** The values of both histograms together. */
    public TimingHistogram plus(TimingHistogram other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long[] buckets = new long[bucketMillis.length + other.bucketMillis.length];
        long[] merged = new long[buckets.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < bucketMillis.length || j < other.bucketMillis.length) {
            long mine = i < bucketMillis.length ? bucketMillis[i] : Long.MAX_VALUE;
            long theirs = j < other.bucketMillis.length ? other.bucketMillis[j] : Long.MAX_VALUE;
            if (i < bucketMillis.length && (j >= other.bucketMillis.length || mine <= theirs)) {
                buckets[k] = mine;
                merged[k] = counts[i++];
                if (j < other.bucketMillis.length && theirs == mine) {
                    merged[k] += other.counts[j++];
                }
            } else {
                buckets[k] = theirs;
                merged[k] = other.counts[j++];
            }
            k++;
        }
        return new TimingHistogram(Arrays.copyOf(buckets, k), Arrays.copyOf(merged, k), count + other.count,
                sumMillis + other.sumMillis, Math.min(minMillis, other.minMillis), Math.max(maxMillis, other.maxMillis));
    }

    /** Collects ascending (value, count) pairs into buckets. */
    private static final class Builder {
        private long[] buckets = new long[64];
        private long[] counts = new long[64];
        private int size;
        private long total;
        private long previousValue = -1;

        void add(long valueMillis, long count) {
            if (valueMillis < previousValue) {
                throw new IllegalStateException("values must be listed in ascending order: " + valueMillis
                        + " after " + previousValue);
            }
            if (count <= 0) {
                throw new IllegalStateException("value " + valueMillis + " listed with count " + count);
            }
            previousValue = valueMillis;
            total += count;
            long bucket = bucketOf(valueMillis);
            if (size > 0 && buckets[size - 1] == bucket) {
                counts[size - 1] += count;
                return;
            }
            if (size == buckets.length) {
                buckets = Arrays.copyOf(buckets, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            buckets[size] = bucket;
            counts[size] = count;
            size++;
        }

        TimingHistogram build(long sumMillis, long minMillis, long maxMillis) {
            return new TimingHistogram(Arrays.copyOf(buckets, size), Arrays.copyOf(counts, size), total, sumMillis,
                    minMillis, maxMillis);
        }
    }
}
