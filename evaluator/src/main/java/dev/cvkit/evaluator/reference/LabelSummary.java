package dev.cvkit.evaluator.reference;

import dev.cvkit.evaluator.stats.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reference run keeps of one set of rows (a label's, or the requests counted in overall): counts,
 * time span and the histogram of each timing the rows carry. Immutable.
 *
 * @param count            rows
 * @param errors           rows whose {@code success} is false
 * @param firstStartMillis earliest sample start, epoch ms (0 when {@code count} is 0)
 * @param lastEndMillis    latest sample end, epoch ms (0 when {@code count} is 0)
 * @param timings          a histogram per timing the rows carry (a metric without values is absent)
 */
public record LabelSummary(long count, long errors, long firstStartMillis, long lastEndMillis,
        Map<Metric, TimingHistogram> timings) {

    public LabelSummary {
        if (count < 0 || errors < 0 || errors > count) {
            throw new IllegalArgumentException("need 0 <= errors <= count, got errors " + errors + " of " + count);
        }
        if (lastEndMillis < firstStartMillis) {
            throw new IllegalArgumentException("last end " + lastEndMillis + " before first start " + firstStartMillis);
        }
        Objects.requireNonNull(timings, "timings");
        EnumMap<Metric, TimingHistogram> copy = new EnumMap<>(Metric.class);
        timings.forEach((metric, histogram) -> {
            if (histogram.count() > 0) {
                copy.put(metric, histogram);
            }
        });
        timings = Collections.unmodifiableMap(copy);
    }

    /** {@code 100 * errors / count}; NaN when there are no rows. */
    public double errorPct() {
        return count == 0 ? Double.NaN : 100.0 * errors / count;
    }

    /** Seconds from the first start to the last end. */
    public double spanSeconds() {
        return (lastEndMillis - firstStartMillis) / 1000.0;
    }

    /** Rows per second over {@link #spanSeconds()}, as the statistics compute it; NaN for a zero span. */
    public double requestsPerSecond() {
        long span = lastEndMillis - firstStartMillis;
        return count == 0 || span <= 0 ? Double.NaN : count * 1000.0 / span;
    }

    /** The histogram of {@code metric}, or empty when the rows carry no such values. */
    public Optional<TimingHistogram> timing(Metric metric) {
        return Optional.ofNullable(timings.get(metric));
    }
}
