package dev.cvkit.jmeter.chaos;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What this engine knows about the difference between the service's clock and its own, learned from the
 * {@code Date} header of every answer (RFC 9110: the origin's time when it made the answer, in whole
 * seconds).
 *
 * <p>An answer sent at engine time {@code S}, received at {@code R}, dated {@code D} was made at a service
 * instant in {@code [D, D + 1 s)} and an engine instant in {@code [S, R]}, so the offset (service minus
 * engine) lies in {@code (D - R, D + 1 s - S)}. The bounds of every answer are intersected: a few answers
 * made at different fractions of a second narrow it to about one round trip. When an answer contradicts
 * the bounds (a clock was stepped), the bounds start again from that answer.
 *
 * <p>Service instants are turned into engine instants conservatively: {@link #earliestEngineMillis} for the
 * start of a fault (the largest offset), {@link #latestEngineMillis} for its end (the smallest), so a window
 * on the engine's clock always contains the service's. Thread-safe.
 */
public final class ServiceClock {

    /** Bounds in ms, service minus engine: {@code lower < offset < upper}. */
    public record Offset(long lowerMillis, long upperMillis) {

        /** The earliest engine instant {@code serviceMillis} can be (converted with the upper bound). */
        public long earliestEngineMillis(long serviceMillis) {
            return serviceMillis - upperMillis;
        }

        /** The latest engine instant {@code serviceMillis} can be (converted with the lower bound). */
        public long latestEngineMillis(long serviceMillis) {
            return serviceMillis - lowerMillis;
        }

        /** {@code lower..upper}, the form the fault markers carry. */
        @Override
        public String toString() {
            return lowerMillis + ".." + upperMillis;
        }
    }

    private long lower = Long.MIN_VALUE;
    private long upper = Long.MAX_VALUE;
    private int answers;

    /**
     * Records one answer.
     *
     * @param sentMillis engine time just before the request was sent
     * @param receivedMillis engine time just after the answer's headers arrived
     * @param dateHeader the answer's {@code Date} header, or null
     * @return false when the header was absent or unreadable (nothing learned)
     */
    public boolean record(long sentMillis, long receivedMillis, String dateHeader) {
        Optional<Long> date = parseDate(dateHeader);
        if (date.isEmpty() || receivedMillis < sentMillis) {
            return false;
        }
        long newLower = date.get() - receivedMillis;
        long newUpper = date.get() + 1000 - sentMillis;
        synchronized (this) {
            if (answers > 0 && (newLower >= upper || newUpper <= lower)) {
                // A clock moved: what was learned before no longer holds.
                answers = 0;
                lower = Long.MIN_VALUE;
                upper = Long.MAX_VALUE;
            }
            lower = Math.max(lower, newLower);
            upper = Math.min(upper, newUpper);
            answers++;
        }
        return true;
    }

    /** The bounds learned so far; empty until an answer carried a readable {@code Date}. */
    public synchronized Optional<Offset> offset() {
        return answers == 0 ? Optional.empty() : Optional.of(new Offset(lower, upper));
    }

    /** The earliest engine instant {@code serviceMillis} can be; empty while the offset is unknown. */
    public Optional<Long> earliestEngineMillis(long serviceMillis) {
        return offset().map(o -> o.earliestEngineMillis(serviceMillis));
    }

    /** The latest engine instant {@code serviceMillis} can be; empty while the offset is unknown. */
    public Optional<Long> latestEngineMillis(long serviceMillis) {
        return offset().map(o -> o.latestEngineMillis(serviceMillis));
    }

    static Optional<Long> parseDate(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
