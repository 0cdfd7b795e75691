package dev.cvkit.sandbox.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the emulator can show on its next calls of one {@link ArmOperation}, to test a client's
 * retries and error handling. Create with the factories; inject with {@link FaultKnobs#inject}.
 * The error bodies have ARM's shape {@code {"error":{"code","message"}}}.
 */
public final class FaultKnob {

    /** What the knob does. */
    public enum Kind {
        /** 429 Too Many Requests with {@code Retry-After}. */
        THROTTLE,
        /** 500 Internal Server Error. */
        SERVER_ERROR,
        /** 409 Conflict. */
        CONFLICT,
        /** 401 Unauthorized with {@code WWW-Authenticate}, whatever the token. */
        UNAUTHORIZED,
        /** Answer normally, after a delay. */
        DELAY
    }

    private final Kind kind;
    private final Duration duration;

    private FaultKnob(Kind kind, Duration duration) {
        this.kind = kind;
        this.duration = duration;
    }

    /** 429 with {@code Retry-After} = {@code retryAfter} in whole seconds (rounded up). */
    public static FaultKnob throttle(Duration retryAfter) {
        requireNotNegative(retryAfter, "retryAfter");
        return new FaultKnob(Kind.THROTTLE, retryAfter);
    }

    /** 500 Internal Server Error. */
    public static FaultKnob serverError() {
        return new FaultKnob(Kind.SERVER_ERROR, Duration.ZERO);
    }

    /** 409 Conflict. */
    public static FaultKnob conflict() {
        return new FaultKnob(Kind.CONFLICT, Duration.ZERO);
    }

    /** 401 Unauthorized, even with a valid token. */
    public static FaultKnob unauthorized() {
        return new FaultKnob(Kind.UNAUTHORIZED, Duration.ZERO);
    }

    /** The normal answer, sent {@code delay} later. */
    public static FaultKnob delay(Duration delay) {
        requireNotNegative(delay, "delay");
        return new FaultKnob(Kind.DELAY, delay);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** {@code Retry-After} of a throttle, delay of a delay, zero otherwise. */
    public Duration duration() {
        return duration;
    }

    /** {@code Retry-After} in whole seconds, rounded up. */
    public long retryAfterSeconds() {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    @Override
    public String toString() {
        return kind == Kind.THROTTLE || kind == Kind.DELAY ? kind + "(" + duration + ")" : kind.toString();
    }
}
