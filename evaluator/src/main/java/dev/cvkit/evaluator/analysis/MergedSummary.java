package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Several sets of rows (one label's rows in each phase) read as one, without copying them. */
final class MergedSummary implements SampleSummary {

    private final List<SampleSummary> parts;
    private final Map<Metric, MergedDistribution> distributions = new EnumMap<>(Metric.class);

    MergedSummary(List<SampleSummary> parts) {
        this.parts = List.copyOf(parts);
        for (Metric m : Metric.values()) {
            List<Distribution> ds = new ArrayList<>();
            for (SampleSummary s : parts) {
                ds.add(s.distribution(m));
            }
            distributions.put(m, new MergedDistribution(ds));
        }
    }

    /** One summary as it is, several merged. */
    static SampleSummary of(List<SampleSummary> parts) {
        return parts.size() == 1 ? parts.get(0) : new MergedSummary(parts);
    }

    @Override
    public long count() {
        long n = 0;
        for (SampleSummary s : parts) {
            n += s.count();
        }
        return n;
    }

    @Override
    public long errorCount() {
        long n = 0;
        for (SampleSummary s : parts) {
            n += s.errorCount();
        }
        return n;
    }

    @Override
    public double errorPct() {
        long n = count();
        return n == 0 ? Double.NaN : 100.0 * errorCount() / n;
    }

    @Override
    public long firstStartMillis() {
        long first = Long.MAX_VALUE;
        for (SampleSummary s : parts) {
            if (s.count() > 0) {
                first = Math.min(first, s.firstStartMillis());
            }
        }
        return first == Long.MAX_VALUE ? 0 : first;
    }

    @Override
    public long lastEndMillis() {
        long last = Long.MIN_VALUE;
        for (SampleSummary s : parts) {
            if (s.count() > 0) {
                last = Math.max(last, s.lastEndMillis());
            }
        }
        return last == Long.MIN_VALUE ? 0 : last;
    }

    @Override
    public double requestsPerSecond() {
        long n = count();
        long span = lastEndMillis() - firstStartMillis();
        return n == 0 || span <= 0 ? Double.NaN : n * 1000.0 / span;
    }

    @Override
    public Distribution distribution(Metric metric) {
        return distributions.get(metric);
    }
}
