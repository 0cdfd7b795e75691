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
}
