package dev.cvkit.evaluator.stats;

/**
 * Figures over one set of rows: a label's rows, or the requests counted in "overall". Immutable.
 */
public interface SampleSummary {

    /** Rows counted. */
    long count();

    /** Rows whose {@code success} is false. */
    long errorCount();

    /** {@code 100 * errorCount / count}; NaN when {@link #count()} is 0. */
    double errorPct();

    /** Earliest {@code timeStamp} (sample start), epoch milliseconds. */
    long firstStartMillis();

    /** Latest {@code timeStamp + elapsed} (sample end), epoch milliseconds. */
    long lastEndMillis();

    /**
     * Throughput as JMeter's dashboard computes it: {@code count} divided by the seconds from the first
     * sample's start to the last sample's end; NaN when that span is 0.
     */
    double requestsPerSecond();

    /** The distribution of a timing; a metric the results lack has {@link Distribution#count()} 0. */
    Distribution distribution(Metric metric);
}
