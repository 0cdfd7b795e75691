package dev.cvkit.jmeter.fault;

import java.util.Objects;

/**
 * What one start, stop or guard action achieved, with everything a marker row needs.
 *
 * @param kind start or end
 * @param success true when the state was confirmed (execution seen running, or seen in a terminal status)
 * @param executionId the execution's ID, or null when none is known
 * @param status Chaos Studio's status as last seen, or null when unknown
 * @param role how this engine took part
 * @param by which element acted
 * @param timeStampMillis epoch ms at which the element began to act
 * @param elapsedMillis ms until the state was confirmed (or the element gave up)
 * @param responseCode {@code 200} when confirmed; else the failing call's HTTP status or {@code cvkit-error}
 * @param failureMessage why it failed, or null on success
 * @param dryRun true when nothing was called: {@code detail} says what would have been called
 * @param detail for a dry run, the calls it would have made; otherwise null
 * @param window what the row says about the fault window (confirmed outcomes); null when it says nothing
 */
public record FaultOutcome(Kind kind, boolean success, String executionId, String status, FaultRole role,
        MarkerSource by, long timeStampMillis, long elapsedMillis, String responseCode, String failureMessage,
        boolean dryRun, String detail, WindowInstants window) {

    /** Response code of a failure that has no HTTP status of its own. */
    public static final String CVKIT_ERROR = "cvkit-error";
    /** Response code of a dry-run row. */
    public static final String DRY_RUN = "cvkit-dry-run";

    /** Which marker the outcome becomes. */
    public enum Kind {
        START("fault-start"),
        END("fault-end");

        private final String labelPart;

        Kind(String labelPart) {
            this.labelPart = labelPart;
        }

        /** {@code fault-start} or {@code fault-end}. */
        public String labelPart() {
            return labelPart;
        }
    }

    /** An outcome that says nothing about the fault window. */
    public FaultOutcome(Kind kind, boolean success, String executionId, String status, FaultRole role,
            MarkerSource by, long timeStampMillis, long elapsedMillis, String responseCode, String failureMessage,
            boolean dryRun, String detail) {
        this(kind, success, executionId, status, role, by, timeStampMillis, elapsedMillis, responseCode,
                failureMessage, dryRun, detail, null);
    }

    public FaultOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(responseCode, "responseCode");
        if (success && failureMessage != null) {
            throw new IllegalArgumentException("a successful outcome has no failure message");
        }
    }

    static FaultOutcome confirmed(Kind kind, String executionId, String status, FaultRole role, MarkerSource by,
            long timeStampMillis, long elapsedMillis, WindowInstants window) {
        return new FaultOutcome(kind, true, executionId, status, role, by, timeStampMillis, elapsedMillis, "200",
                null, false, null, window);
    }

    static FaultOutcome failed(Kind kind, String executionId, String status, FaultRole role, MarkerSource by,
            long timeStampMillis, long elapsedMillis, String responseCode, String failureMessage) {
        return new FaultOutcome(kind, false, executionId, status, role, by, timeStampMillis, elapsedMillis,
                responseCode, Objects.requireNonNull(failureMessage, "failureMessage"), false, null);
    }

    static FaultOutcome dryRun(Kind kind, MarkerSource by, long timeStampMillis, String wouldCall) {
        return new FaultOutcome(kind, true, null, "DryRun", FaultRole.STARTED, by, timeStampMillis, 0, DRY_RUN,
                null, true, wouldCall);
    }
}
