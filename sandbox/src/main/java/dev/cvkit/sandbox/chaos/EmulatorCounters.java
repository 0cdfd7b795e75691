package dev.cvkit.sandbox.chaos;

/**
 * Counts since the emulator started.
 *
 * @param startCalls          {@code POST .../start} requests received (any outcome)
 * @param startsAccepted      starts answered 202 (each created one execution)
 * @param cancelCalls         {@code POST .../cancel} requests received (any outcome)
 * @param cancelsAccepted     cancels answered 202
 * @param executionsCancelled executions a cancel actually stopped (a cancel of nothing running stops none)
 * @param executionsCreated   executions created by starts (seeded history not counted)
 * @param tokensIssued        access tokens issued by the managed-identity endpoint or {@code issueAccessToken}
 */
public record EmulatorCounters(int startCalls, int startsAccepted, int cancelCalls, int cancelsAccepted,
        int executionsCancelled, int executionsCreated, int tokensIssued) {
}
