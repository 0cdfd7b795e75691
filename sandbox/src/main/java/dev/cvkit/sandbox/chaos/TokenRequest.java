package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cvkit.sandbox.http.HttpExchanges;
import dev.cvkit.sandbox.http.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * One request to a managed-identity token endpoint ({@link ImdsHandler}, {@link IdentityHandler}): what both
 * share around their protocols. It takes the next {@link FaultKnob} of {@link ArmOperation#GET_TOKEN}, turns the
 * knob into its status, and journals the answer before sending it (a client that got the answer must find it in
 * the journal). Errors have the OAuth shape {@code {"error","error_description"}} of both protocols.
 */
final class TokenRequest {

    private final EmulatorState state;
    private final HttpExchange exchange;
    private final Instant receivedAt;
    private final long startNanos;
    private final FaultKnob knob;

    private TokenRequest(EmulatorState state, HttpExchange exchange, Instant receivedAt, long startNanos,
            FaultKnob knob) {
        this.state = state;
        this.exchange = exchange;
        this.receivedAt = receivedAt;
        this.startNanos = startNanos;
        this.knob = knob;
    }

    /** Takes the next knob; a DELAY knob is waited out here, after which the endpoint answers normally. */
    static TokenRequest begin(EmulatorState state, HttpExchange exchange) {
        Instant receivedAt = Instant.now();
        long startNanos = System.nanoTime();
        FaultKnob knob = state.knobs.next(ArmOperation.GET_TOKEN);
        if (knob != null && knob.kind() == FaultKnob.Kind.DELAY) {
            try {
                Thread.sleep(knob.duration().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new TokenRequest(state, exchange, receivedAt, startNanos, knob);
    }

    /** Whether a knob makes this request fail: every kind but DELAY. */
    boolean failedByKnob() {
        return knob != null && knob.kind() != FaultKnob.Kind.DELAY;
    }

    /** The status of the failure the knob asks for ({@link #failedByKnob()} only); a throttle gets Retry-After. */
    int knobStatus() {
        if (knob.kind() == FaultKnob.Kind.THROTTLE) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(knob.retryAfterSeconds()));
        }
        return switch (knob.kind()) {
            case THROTTLE -> 429;
            case CONFLICT -> 409;
            case UNAUTHORIZED -> 401;
            default -> 500;
        };
    }

    FaultKnob knob() {
        return knob;
    }

    /** Journals the answer, then sends it. */
    void answer(String path, int status, ObjectNode body) throws IOException {
        state.journal.record(new JournalEntry(receivedAt, exchange.getRequestMethod(), path, ArmOperation.GET_TOKEN,
                status, knob, (System.nanoTime() - startNanos) / 1_000_000));
        HttpExchanges.sendJson(exchange, status, body);
    }

    /** An OAuth error body. */
    static ObjectNode error(String code, String description) {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("error_description", description);
        return body;
    }
}
