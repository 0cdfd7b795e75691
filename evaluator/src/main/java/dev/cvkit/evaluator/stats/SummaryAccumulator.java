package dev.cvkit.evaluator.stats;

/**
 * Accumulates the figures of one set of rows (a label's, or overall's) in memory that does not grow with
 * the number of rows. {@link #summary()} gives the read-only {@link SampleSummary} view; record nothing
 * more once it has been handed out.
 */
public final class SummaryAccumulator {

    private long count;
    private long errorCount;
    private long firstStartMillis = Long.MAX_VALUE;
    private long lastEndMillis = Long.MIN_VALUE;
    private final MillisDistribution elapsed = new MillisDistribution();
    private final MillisDistribution latency = new MillisDistribution();
    private final MillisDistribution connect = new MillisDistribution();

    /**
     * Records one row.
     *
     * @param latencyMillis {@link SampleSink#ABSENT} when the row carries no latency
     * @param connectMillis {@link SampleSink#ABSENT} when the row carries no connect time
     */
    public void record(long startMillis, long elapsedMillis, long latencyMillis, long connectMillis, boolean success) {
        count++;
        if (!success) {
            errorCount++;
        }
        if (startMillis < firstStartMillis) {
            firstStartMillis = startMillis;
        }
        long end = startMillis + elapsedMillis;
        if (end > lastEndMillis) {
            lastEndMillis = end;
        }
        elapsed.record(elapsedMillis);
        if (latencyMillis >= 0) {
            latency.record(latencyMillis);
        }
        if (connectMillis >= 0) {
            connect.record(connectMillis);
        }
    }

    /**
     * Adds everything {@code other} recorded; {@code other} must not be used afterwards (its storage may
     * be taken over rather than copied).
     */
    public void absorb(SummaryAccumulator other) {
        count += other.count;
        errorCount += other.errorCount;
        firstStartMillis = Math.min(firstStartMillis, other.firstStartMillis);
        lastEndMillis = Math.max(lastEndMillis, other.lastEndMillis);
        elapsed.absorb(other.elapsed);
        latency.absorb(other.latency);
        connect.absorb(other.connect);
    }

    public long count() {
        return count;
    }

    /** The figures recorded so far, as a {@link SampleSummary}. */
    public SampleSummary summary() {
        return new Summary();
    }

    private final class Summary implements SampleSummary {
        @Override
        public long count() {
            return count;
        }

        @Override
        public long errorCount() {
            return errorCount;
        }

        @Override
        public double errorPct() {
            return count == 0 ? Double.NaN : 100.0 * errorCount / count;
        }

        @Override
        public long firstStartMillis() {
            return count == 0 ? 0 : firstStartMillis;
        }

        @Override
        public long lastEndMillis() {
            return count == 0 ? 0 : lastEndMillis;
        }

        @Override
        public double requestsPerSecond() {
            long spanMillis = lastEndMillis() - firstStartMillis();
            return count == 0 || spanMillis <= 0 ? Double.NaN : count * 1000.0 / spanMillis;
        }

        @Override
        public Distribution distribution(Metric metric) {
            return switch (metric) {
                case RESPONSE_TIME_MS -> elapsed;
                case LATENCY_MS -> latency;
                case CONNECT_TIME_MS -> connect;
            };
        }

        @Override
        public String toString() {
            return "SampleSummary[count=" + count + ", errors=" + errorCount + ", meanMillis=" + elapsed.meanMillis() + "]";
        }
    }
}
