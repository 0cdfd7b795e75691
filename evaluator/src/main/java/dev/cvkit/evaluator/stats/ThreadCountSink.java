package dev.cvkit.evaluator.stats;

/**
 * A {@link SampleSink} that also wants each row's number of active threads, for {@code warmup: auto}. The
 * readers call {@link #activeThreads} for every row that carries the count, in addition to
 * {@link SampleSink#sample}, when {@link #wantsActiveThreads()} is true; parsing the column costs nothing
 * otherwise.
 */
public interface ThreadCountSink {

    /** Whether the reader should deliver thread counts at all. */
    boolean wantsActiveThreads();

    /**
     * One row's active-thread count.
     *
     * @param source      the results file (or archive entry) the row was read from, as messages name it
     * @param startMillis the row's {@code timeStamp}
     * @param threads     JMeter's {@code allThreads} (active threads of every thread group of the engine), or
     *                    {@code grpThreads} when the results have no {@code allThreads}
     */
    void activeThreads(String source, long startMillis, long threads);
}
