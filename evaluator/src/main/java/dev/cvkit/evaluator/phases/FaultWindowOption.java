package dev.cvkit.evaluator.phases;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A fault window given on the command line ({@code --fault-window START/END}), which replaces the windows
 * read from markers. Each end is one of:
 * <ul>
 *   <li>an ISO-8601 instant with its zone or offset: {@code 2026-01-01T00:00:20Z},
 *       {@code 2026-01-01T01:00:20.500+01:00};</li>
 *   <li>epoch milliseconds, as JTL {@code timeStamp}s are written: {@code 1767225620000};</li>
 *   <li>an offset from the first sample (the earliest {@code timeStamp} of every row read), written with a
 *       leading {@code +}: {@code +60s}, {@code +1m30s}, {@code +90000ms}.</li>
 * </ul>
 * The window holds rows with {@code START <= timeStamp < END}.
 *
 * @param text  as written, for messages
 * @param start the start
 * @param end   the end
 */
public record FaultWindowOption(String text, Point start, Point end) {

    /** The syntax, for messages and help. */
    public static final String SYNTAX = "START/END, each an ISO-8601 instant with its zone (2026-01-01T00:00:20Z),"
            + " epoch milliseconds, or an offset from the first sample (+60s, +1m30s)";

    /** One end of the window: an instant, or an offset from the first sample. */
    public record Point(long millis, boolean fromFirstSample) {
        long resolve(long firstSampleMillis) {
            return fromFirstSample ? firstSampleMillis + millis : millis;
        }

        @Override
        public String toString() {
            return fromFirstSample ? "+" + DurationText.format(millis) : Instant.ofEpochMilli(millis).toString();
        }
    }

    public FaultWindowOption {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /**
     * Parses one {@code --fault-window} value.
     *
     * @throws IllegalArgumentException with a message naming the value and the syntax
     */
    public static FaultWindowOption parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash < 0 || t.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("--fault-window '" + text + "': expected " + SYNTAX);
        }
        Point start = point(t.substring(0, slash).strip(), text, "start");
        Point end = point(t.substring(slash + 1).strip(), text, "end");
        if (start.fromFirstSample() == end.fromFirstSample() && end.millis() <= start.millis()) {
            throw new IllegalArgumentException("--fault-window '" + text + "': the end (" + end + ") must come after the"
                    + " start (" + start + ")");
        }
        return new FaultWindowOption(t, start, end);
    }

    private static Point point(String p, String whole, String which) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("--fault-window '" + whole + "': the " + which + " is missing; expected "
                    + SYNTAX);
        }
        if (p.startsWith("+")) {
            Duration d = DurationText.parse(p.substring(1));
            if (d == null) {
                throw new IllegalArgumentException("--fault-window '" + whole + "': '" + p + "' is not an offset such as"
                        + " +60s or +1m30s; expected " + SYNTAX);
            }
            return new Point(d.toMillis(), true);
        }
        if (p.chars().allMatch(Character::isDigit)) {
            try {
                return new Point(Long.parseLong(p), false);
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        for (java.util.function.Function<String, Instant> parser : List.<java.util.function.Function<String, Instant>>of(
                Instant::parse, s -> OffsetDateTime.parse(s).toInstant(), s -> ZonedDateTime.parse(s).toInstant())) {
            try {
                return new Point(parser.apply(p).toEpochMilli(), false);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new IllegalArgumentException("--fault-window '" + whole + "': '" + p + "' is not an ISO-8601 instant with"
                + " its zone (2026-01-01T00:00:20Z), epoch milliseconds or an offset (+60s); expected " + SYNTAX);
    }

    /** Whether an end is an offset, so that the first sample must be known to place the window. */
    public boolean needsFirstSample() {
        return start.fromFirstSample() || end.fromFirstSample();
    }

    /**
     * The window in epoch ms.
     *
     * @throws IllegalArgumentException when the ends, once placed, are not in order
     */
    public FaultWindow resolve(long firstSampleMillis) {
        long s = start.resolve(firstSampleMillis);
        long e = end.resolve(firstSampleMillis);
        if (e <= s) {
            throw new IllegalArgumentException("--fault-window '" + text + "': the end (" + Instant.ofEpochMilli(e)
                    + ") is not after the start (" + Instant.ofEpochMilli(s) + ") once the offsets are placed after the"
                    + " first sample (" + Instant.ofEpochMilli(firstSampleMillis) + ")");
        }
        return new FaultWindow(s, e, List.of(), List.of(), FaultWindow.Source.OPTION);
    }
}
