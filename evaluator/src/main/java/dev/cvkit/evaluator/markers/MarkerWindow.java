package dev.cvkit.evaluator.markers;

import java.util.Objects;

/**
 * What a format-2 marker says about its fault window ({@code contracts/fault-markers.md}): the instants
 * {@code faultFrom} / {@code faultTo} in epoch ms on its engine's clock, and where they come from.
 *
 * @param source     {@code window=}: Chaos Studio's record of its fault actions, or the element's own instants
 * @param fromMillis {@code faultFrom}, or {@link #ABSENT} when the row does not carry it
 * @param toMillis   {@code faultTo}, or {@link #ABSENT}
 * @param faultRan   false when the row says {@code faultFrom=none; faultTo=none}: the service's record shows
 *                   that no fault action of the execution ever started
 */
public record MarkerWindow(Source source, long fromMillis, long toMillis, boolean faultRan) {

    /** An instant the row does not carry. */
    public static final long ABSENT = Long.MIN_VALUE;

    /** {@code window=service} or {@code window=fallback}. */
    public enum Source {
        /** Chaos Studio's record of when its fault actions ran, converted to the engine's clock. */
        SERVICE,
        /** The element's own conservative instants: before it sent the start, when it saw the end. */
        FALLBACK
    }

    public MarkerWindow {
        Objects.requireNonNull(source, "source");
    }

    public boolean hasFrom() {
        return fromMillis != ABSENT;
    }

    public boolean hasTo() {
        return toMillis != ABSENT;
    }
}
