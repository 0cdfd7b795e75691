package dev.cvkit.evaluator.jtl;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;

/**
 * Reads JMeter's {@code timeStamp} field. By default: epoch milliseconds, else one of the date formats
 * JMeter itself falls back to when a timestamp is not a number (its {@code CSVSaveService}), each parsed
 * strictly in the JVM's time zone (as JMeter writes them); the first format that matches is tried first
 * from then on. With {@code --timestamp-format}: that {@link SimpleDateFormat} pattern only (the syntax of
 * JMeter's {@code jmeter.save.saveservice.timestamp_format}), or {@code ms} for epoch milliseconds only.
 *
 * <p>Not thread-safe: one per reading thread.
 */
final class TimestampParser {

    /** JMeter 5.6.3's fallback formats, in its order. */
    static final List<String> JMETER_FALLBACK_FORMATS = List.of(
            "yyyy/MM/dd HH:mm:ss.SSS",
            "yyyy/MM/dd HH:mm:ss",
            "yyyy-MM-dd HH:mm:ss.SSS",
            "yyyy-MM-dd HH:mm:ss",
            "MM/dd/yy HH:mm:ss");

    /** The most digits an epoch-milliseconds value (or any millisecond field) may have. */
    static final int MAX_DIGITS = 18;

    private final String userFormat;
    private final boolean epochOnly;
    private final List<String> patterns;
    /** Made on first use: building date formats loads locale data, which epoch timestamps never need. */
    private SimpleDateFormat[] formats;
    private int lastMatch;
    /** The last text refused was a date before 1970. */
    private boolean beforeEpoch;

    /** @param userFormat {@code --timestamp-format}, or {@code null} for JMeter's defaults */
    TimestampParser(String userFormat) {
        this.userFormat = userFormat;
        this.epochOnly = "ms".equals(userFormat);
        this.patterns = userFormat == null ? JMETER_FALLBACK_FORMATS : epochOnly ? List.of() : List.of(userFormat);
    }

    /** Checks a {@code --timestamp-format} value; returns the problem, or {@code null} when it is usable. */
    static String checkFormat(String format) {
        if ("ms".equals(format)) {
            return null;
        }
        try {
            new SimpleDateFormat(format);
            return null;
        } catch (IllegalArgumentException e) {
            return "--timestamp-format '" + format + "' is not a date pattern: " + e.getMessage()
                    + " (use SimpleDateFormat letters as in jmeter.save.saveservice.timestamp_format, e.g. "
                    + "'yyyy/MM/dd HH:mm:ss.SSS', or 'ms' for epoch milliseconds)";
        }
    }

    /** True when digit-only values are epoch milliseconds (no user pattern, or {@code ms}). */
    boolean digitsAreEpochMillis() {
        return userFormat == null || epochOnly;
    }

    /**
     * Epoch milliseconds of {@code text}, or {@link Long#MIN_VALUE} when it does not parse (see
     * {@link #problem}).
     */
    long parse(String text) {
        beforeEpoch = false;
        if (digitsAreEpochMillis()) {
            long millis = Fields.parseMillis(text);
            if (millis >= 0) {
                return millis;
            }
        }
        if (formats == null) {
            formats = new SimpleDateFormat[patterns.size()];
            for (int i = 0; i < formats.length; i++) {
                formats[i] = new SimpleDateFormat(patterns.get(i));
                formats[i].setLenient(false);
            }
        }
        for (int k = 0; k < formats.length; k++) {
            int i = (lastMatch + k) % formats.length;
            ParsePosition position = new ParsePosition(0);
            Date date = formats[i].parse(text, position);
            if (date != null && position.getIndex() == text.length()) {
                lastMatch = i;
                if (date.getTime() < 0) {
                    // No results file honestly predates 1970; and epoch milliseconds are never negative either.
                    beforeEpoch = true;
                    return Long.MIN_VALUE;
                }
                return date.getTime();
            }
        }
        return Long.MIN_VALUE;
    }

    /** What was expected instead of {@code text}. */
    String problem(String text) {
        String found = Fields.quote(text);
        if (beforeEpoch) {
            return "timeStamp: " + found + " is before 1970-01-01 (epoch 0): no results file predates it";
        }
        if (epochOnly) {
            return "timeStamp: expected epoch milliseconds (--timestamp-format ms), found " + found;
        }
        if (userFormat != null) {
            return "timeStamp: expected a date in the format '" + userFormat + "' (--timestamp-format), found " + found;
        }
        return "timeStamp: expected epoch milliseconds or a date in one of JMeter's formats ("
                + String.join(", ", JMETER_FALLBACK_FORMATS) + "), found " + found
                + "; give the format with --timestamp-format";
    }
}
