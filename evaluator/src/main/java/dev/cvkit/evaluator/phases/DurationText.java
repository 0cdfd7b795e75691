package dev.cvkit.evaluator.phases;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations written in criteria files and options: {@code 30s}, {@code 2m}, {@code 1h},
 * {@code 1m30s}, {@code 500ms}, or ISO-8601 ({@code PT30S}). Whole numbers only; letter case ignored.
 */
public final class DurationText {

    private static final Pattern UNITS = Pattern.compile(
            "(?:(\\d+)\\s*h)?\\s*(?:(\\d+)\\s*m(?!s))?\\s*(?:(\\d+)\\s*s)?\\s*(?:(\\d+)\\s*ms)?");

    /** What this class accepts, for messages. */
    public static final String ACCEPTED = "a duration such as 30s, 2m, 1m30s, 1h or 500ms";

    /**
     * The longest duration accepted: 100 years of 365.25 days. Far beyond any load test, and small enough
     * that adding it to any timestamp a results file may hold (18 digits) never overflows a {@code long}.
     */
    public static final long MAX_MILLIS = 100L * 36525 * 24 * 3600 * 1000;

    private DurationText() {
    }

    /**
     * Parses {@code text}.
     *
     * @return the duration, or null when {@code text} is not a duration
     */
    public static Duration parse(String text) {
        Duration d = parseUnbounded(text);
        return d == null || tooLong(d) ? null : d;
    }

    /**
     * What a message about {@code text}, which {@link #parse} refused, should say was expected: {@link #ACCEPTED},
     * and the bound when {@code text} is a duration beyond {@link #MAX_MILLIS}.
     */
    public static String expected(String text) {
        Duration d = parseUnbounded(text);
        return d == null || !tooLong(d) ? ACCEPTED : ACCEPTED + ", and at most 100 years";
    }

    private static boolean tooLong(Duration d) {
        return d.compareTo(Duration.ofMillis(MAX_MILLIS)) > 0;
    }

    private static Duration parseUnbounded(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() ? null : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = UNITS.matcher(t);
        if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
            return null;
        }
        try {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) {
                d = d.plusHours(Long.parseLong(m.group(1)));
            }
            if (m.group(2) != null) {
                d = d.plusMinutes(Long.parseLong(m.group(2)));
            }
            if (m.group(3) != null) {
                d = d.plusSeconds(Long.parseLong(m.group(3)));
            }
            if (m.group(4) != null) {
                d = d.plusMillis(Long.parseLong(m.group(4)));
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@code 30s}, {@code 1m30s}, {@code 2h}, {@code 1.5s}, {@code 250ms}: a compact readable form. */
    public static String format(long millis) {
        if (millis % 1000 != 0) {
            return millis < 1000 ? millis + "ms" : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
        }
        long s = millis / 1000;
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }
}
