package dev.cvkit.sandbox.chaos;

import java.time.Instant;

/**
 * An execution as the emulator sees it at one moment (what {@code GET .../executions/{id}} would show).
 *
 * @param experimentName the experiment
 * @param executionId    execution GUID (upper case, as the live service returns it)
 * @param status         one of {@link ExecutionStatus}
 * @param startedAt      when the start was accepted
 * @param stoppedAt      when it reached a terminal status; null before
 * @param failureReason  why it failed; null unless {@link ExecutionStatus#FAILED}
 */
public record ExecutionSnapshot(String experimentName, String executionId, String status, Instant startedAt,
        Instant stoppedAt, String failureReason) {

    public boolean isTerminal() {
        return ExecutionStatus.isTerminal(status);
    }
}
