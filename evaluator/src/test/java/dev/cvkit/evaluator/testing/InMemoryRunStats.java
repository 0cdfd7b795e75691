package dev.cvkit.evaluator.testing;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.CountedValues;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact, in-memory {@link RunStats} for tests: every row is kept, percentiles are computed by the
 * nearest-rank definition on the sorted values. Rows added with {@link Builder#excludedRow} count in
 * their label only (as transaction-controller and marker rows do), not in overall.
 */
public final class InMemoryRunStats implements RunStats {

    /** Marks a timing the row does not carry (the column is absent). */
    public static final long ABSENT = -1;

    private final Summary overall;
    private final Map<String, SampleSummary> labels;
    private final List<String> warnings;

    private InMemoryRunStats(Summary overall, Map<String, SampleSummary> labels, List<String> warnings) {
        this.overall = overall;
        this.labels = Collections.unmodifiableMap(labels);
        this.warnings = List.copyOf(warnings);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SampleSummary overall() {
        return overall;
    }

    @Override
    public Map<String, SampleSummary> labels() {
        return labels;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    /** Rows added with {@link Builder#row} are requests; those added with {@link Builder#excludedRow} transactions. */
    @Override
    public RowCounts rowCounts() {
        long labelled = labels.values().stream().mapToLong(SampleSummary::count).sum();
        return new RowCounts(overall.count(), labelled - overall.count(), 0, 0);
    }

    /** In-memory statistics carry no fault markers. */
    @Override
    public List<FaultMarker> markers() {
        return List.of();
    }

    public static final class Builder {
        private final Summary overall = new Summary();
        private final Map<String, Summary> labels = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        public Builder row(String label, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
                boolean success) {
            labels.computeIfAbsent(label, l -> new Summary()).add(startMillis, elapsedMillis, latencyMillis,
                    connectMillis, success);
            overall.add(startMillis, elapsedMillis, latencyMillis, connectMillis, success);
            return this;
        }

        /** A row with latency = elapsed / 2 and connect = 1. */
        public Builder row(String label, long startMillis, long elapsedMillis, boolean success) {
            return row(label, startMillis, elapsedMillis, elapsedMillis / 2, 1, success);
        }

        /** A row that counts in its label only (transaction controller, marker). */
        public Builder excludedRow(String label, long startMillis, long elapsedMillis, boolean success) {
            labels.computeIfAbsent(label, l -> new Summary()).add(startMillis, elapsedMillis, elapsedMillis / 2, 1,
                    success);
            return this;
        }

        public Builder warning(String warning) {
            warnings.add(warning);
            return this;
        }

        public InMemoryRunStats build() {
            return new InMemoryRunStats(overall, new LinkedHashMap<>(labels), warnings);
        }
    }

    private static final class Summary implements SampleSummary {
        private long count;
        private long errors;
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd = Long.MIN_VALUE;
        private final Map<Metric, List<Long>> values = new EnumMap<>(Metric.class);

        void add(long start, long elapsed, long latency, long connect, boolean success) {
            count++;
            if (!success) {
                errors++;
            }
            firstStart = Math.min(firstStart, start);
            lastEnd = Math.max(lastEnd, start + elapsed);
            record(Metric.RESPONSE_TIME_MS, elapsed);
            record(Metric.LATENCY_MS, latency);
            record(Metric.CONNECT_TIME_MS, connect);
        }

        private void record(Metric metric, long value) {
            if (value != ABSENT) {
                values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
            }
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public long errorCount() {
            return errors;
        }

        @Override
        public double errorPct() {
            return count == 0 ? Double.NaN : 100.0 * errors / count;
        }

        @Override
        public long firstStartMillis() {
            return firstStart;
        }

        @Override
        public long lastEndMillis() {
            return lastEnd;
        }

        @Override
        public double requestsPerSecond() {
            long span = lastEnd - firstStart;
            return span <= 0 ? Double.NaN : count / (span / 1000.0);
        }

        @Override
        public Distribution distribution(Metric metric) {
            List<Long> v = values.getOrDefault(metric, List.of());
            long[] sorted = v.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new Exact(sorted);
        }
    }

    private record Exact(long[] sorted) implements Distribution, CountedValues {
        @Override
        public void forEachAscending(ValueCountAction action) {
            int i = 0;
            while (i < sorted.length) {
                int j = i;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                action.accept(sorted[i], j - i);
                i = j;
            }
        }

        @Override
        public long count() {
            return sorted.length;
        }

        @Override
        public long minMillis() {
            return sorted.length == 0 ? 0 : sorted[0];
        }

        @Override
        public long maxMillis() {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }

        @Override
        public double meanMillis() {
            return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
        }

        @Override
        public long percentileMillis(double percentile) {
            if (!(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile " + percentile);
            }
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length - 1e-9);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
