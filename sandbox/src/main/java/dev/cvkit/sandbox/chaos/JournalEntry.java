package dev.cvkit.sandbox.chaos;

import java.time.Instant;

/**
 * One request the emulator answered. Never holds headers (tokens live there).
 *
 * @param receivedAt    when the request arrived
 * @param method        HTTP method
 * @param path          request path (no query string)
 * @param operation     what it was
 * @param status        HTTP status answered
 * @param knob          the fault knob applied to it, or null
 * @param elapsedMillis time from arrival to the answer
 */
public record JournalEntry(Instant receivedAt, String method, String path, ArmOperation operation, int status,
        FaultKnob knob, long elapsedMillis) {
}
