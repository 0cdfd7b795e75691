package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.stats.CountedValues;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.NearestRank;
import java.util.ArrayList;
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

    /** Merges the parts' ascending values once, equal values added up. */
    private void merge() {
        if (values != null) {
            return;
        }
        List<long[]> pairs = new ArrayList<>();
        for (Distribution d : parts) {
            if (d.count() == 0) {
                continue;
            }
            if (!(d instanceof CountedValues counted)) {
                throw new IllegalStateException("a phase distribution cannot list its values: " + d.getClass());
            }
            List<long[]> mine = new ArrayList<>();
            counted.forEachAscending((v, c) -> mine.add(new long[] {v, c}));
            pairs = mergeSorted(pairs, mine);
        }
        values = new long[pairs.size()];
        counts = new long[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            values[i] = pairs.get(i)[0];
            counts[i] = pairs.get(i)[1];
        }
    }

    private static List<long[]> mergeSorted(List<long[]> a, List<long[]> b) {
        List<long[]> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            long[] next;
            if (j >= b.size() || i < a.size() && a.get(i)[0] <= b.get(j)[0]) {
                next = a.get(i++);
            } else {
                next = b.get(j++);
            }
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last[0] == next[0]) {
                last[1] += next[1];
            } else {
                out.add(new long[] {next[0], next[1]});
            }
        }
        return out;
    }
}
