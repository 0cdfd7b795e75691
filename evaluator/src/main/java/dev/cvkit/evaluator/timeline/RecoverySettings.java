package dev.cvkit.evaluator.timeline;

/**
 * How recovery after a fault is measured ({@code recovery:} in a criteria file).
 *
 * @param windowMillis      the rolling window: error % and p95 are computed over the rows of the last
 *                          {@code window} (only rows after the fault's end), at every step
 * @param holdMillis        how long the flow must stay back within its before-fault level to count as recovered
 * @param tolerancePct      how far above the before-fault p95 counts as back: {@code 20} = up to 20% above
 * @param errorTolerancePts how far above the before-fault error % counts as back, in percentage points
 */
public record RecoverySettings(long windowMillis, long holdMillis, double tolerancePct, double errorTolerancePts) {

    /** {@code window: 10s, hold: 30s, tolerance: 20%, errorTolerance: 1%}. */
    public static final RecoverySettings DEFAULTS = new RecoverySettings(10_000, 30_000, 20, 1);

    public RecoverySettings {
        if (windowMillis < 1000 || holdMillis < 0 || !(tolerancePct >= 0) || !(errorTolerancePts >= 0)) {
            throw new IllegalArgumentException("recovery settings out of range: window " + windowMillis + " ms, hold "
                    + holdMillis + " ms, tolerance " + tolerancePct + "%, error tolerance " + errorTolerancePts);
        }
    }

    // equals and hashCode written out, the same as a record's: these settings key the memo of recovery figures,
    // and a record's own methods are bootstrapped on first use (method handles put together at run time), which
    // on the cold JVM of each gate cost some 15 ms of CPU while the figures after the reading were made.

    @Override
    public boolean equals(Object o) {
        return o instanceof RecoverySettings r && windowMillis == r.windowMillis && holdMillis == r.holdMillis
                && Double.compare(tolerancePct, r.tolerancePct) == 0
                && Double.compare(errorTolerancePts, r.errorTolerancePts) == 0;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(windowMillis);
        h = 31 * h + Long.hashCode(holdMillis);
        h = 31 * h + Double.hashCode(tolerancePct);
        return 31 * h + Double.hashCode(errorTolerancePts);
    }
}
