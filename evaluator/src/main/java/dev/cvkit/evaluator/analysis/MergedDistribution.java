package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.stats.CountedValues;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.NearestRank;
import java.util.List;

/**
 * Several distributions read as one (the phases of a run read as the whole run), without copying or
 * consuming them: count, minimum, maximum and mean are exact; percentiles walk the parts' values
 * ({@link CountedValues}) merged in ascending order, so they keep the parts' resolution.
 */
final class MergedDistribution implements Distribution, CountedValues {

    private final List<Distribution> parts;
    private long[] values;
    private long[] counts;

    MergedDistribution(List<Distribution> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public long count() {
        long n = 0;
        for (Distribution d : parts) {
            n += d.count();
        }
        return n;
    }

    @Override
    public long minMillis() {
        long min = Long.MAX_VALUE;
        for (Distribution d : parts) {
            if (d.count() > 0) {
                min = Math.min(min, d.minMillis());
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    @Override
    public long maxMillis() {
        long max = Long.MIN_VALUE;
        for (Distribution d : parts) {
            if (d.count() > 0) {
                max = Math.max(max, d.maxMillis());
            }
        }
        return max == Long.MIN_VALUE ? 0 : max;
    }

    @Override
    public double meanMillis() {
        long n = 0;
        double sum = 0;
        for (Distribution d : parts) {
            if (d.count() > 0) {
                n += d.count();
                sum += d.meanMillis() * d.count();
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public long percentileMillis(double percentile) {
        long rank = NearestRank.rank(percentile, Math.max(1, count()));
        merge();
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return values[i];
            }
        }
        return maxMillis();
    }

    @Override
    public void forEachAscending(ValueCountAction action) {
        merge();
        for (int i = 0; i < values.length; i++) {
            action.accept(values[i], counts[i]);
        }
    }

    /**
     * Merges the parts' ascending values once, equal values added up: each part's pairs into two primitive
     * arrays, merged with what came before (no object per value: this runs once per distribution asked for,
     * cold, so it has to be lean).
     */
    // Synchronized: the recovery figures and the criteria may ask from two threads at once. The fields are set
    // once, under the lock, so a thread that returns from here reads them safely.
    private synchronized void merge() {
        if (values != null) {
            return;
        }
        long[] mergedValues = new long[0];
        long[] mergedCounts = new long[0];
        int merged = 0;
        for (Distribution d : parts) {
            if (d.count() == 0) {
                continue;
            }
            if (!(d instanceof CountedValues counted)) {
                throw new IllegalStateException("a phase distribution cannot list its values: " + d.getClass());
            }
            Pairs mine = new Pairs();
            counted.forEachAscending(mine);
            long[] v = new long[merged + mine.size];
            long[] c = new long[merged + mine.size];
            int n = 0;
            int i = 0;
            int j = 0;
            while (i < merged || j < mine.size) {
                long value;
                long count;
                if (j >= mine.size || i < merged && mergedValues[i] <= mine.values[j]) {
                    value = mergedValues[i];
                    count = mergedCounts[i++];
                } else {
                    value = mine.values[j];
                    count = mine.counts[j++];
                }
                if (n > 0 && v[n - 1] == value) {
                    c[n - 1] += count;
                } else {
                    v[n] = value;
                    c[n++] = count;
                }
            }
            mergedValues = v;
            mergedCounts = c;
            merged = n;
        }
        counts = java.util.Arrays.copyOf(mergedCounts, merged);
        values = java.util.Arrays.copyOf(mergedValues, merged);
    }

    /** Value and count pairs in the order they come. */
    private static final class Pairs implements ValueCountAction {
        long[] values = new long[64];
        long[] counts = new long[64];
        int size;

        @Override
        public void accept(long value, long count) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
                counts = java.util.Arrays.copyOf(counts, size * 2);
            }
            values[size] = value;
            counts[size++] = count;
        }
    }
}
