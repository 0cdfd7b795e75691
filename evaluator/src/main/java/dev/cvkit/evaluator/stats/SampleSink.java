package dev.cvkit.evaluator.stats;

/**
 * Where a reader delivers rows: one call per row, primitives only, so the hot loop allocates nothing.
 *
 * <p>A reader may split one input into parts read in parallel; each part gets its own sink (made by a
 * {@link SampleSinkFactory}), and the parts' sinks are merged in input order afterwards. A sink is used
 * by one thread at a time. Rows arrive in file order within a part, except that the few rows whose kind
 * depends on the part before (possible sub-results at a part's start) arrive after the rest of their part.
 * Implementations must therefore not depend on row order (statistics, histograms, time buckets do not).
 */
public interface SampleSink {

    /** Value of {@code latencyMillis} / {@code connectMillis} when the results do not carry that timing. */
    long ABSENT = -1;

    /**
     * One row.
     *
     * @param labelId       the row's label, an id of the {@link LabelNames} the sink was created with
     * @param startMillis   {@code timeStamp}: sample start, epoch milliseconds
     * @param elapsedMillis {@code elapsed}, &gt;= 0
     * @param latencyMillis {@code Latency}, or {@link #ABSENT}
     * @param connectMillis {@code Connect}, or {@link #ABSENT}
     * @param success       {@code success}
     * @param kind          what the row stands for; decides whether it counts in {@code overall}
     */
    void sample(int labelId, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
            boolean success, RowKind kind);
}
