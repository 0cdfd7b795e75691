package dev.cvkit.evaluator.markers;

import java.util.Objects;

/**
 * One cvkit fault-marker row as {@code contracts/fault-markers.md} defines it: a JMeter sample whose label
 * is {@code cvkit:fault-start:<experiment>} or {@code cvkit:fault-end:<experiment>}.
 *
 * <p>The reader recognises these rows while it streams the results and keeps them (they are few); phases
 * are derived from them later. A marker row also counts in its own label's statistics and never in
 * {@code overall}.
 *
 * @param kind          start or end
 * @param experiment    the experiment name: the label after {@code cvkit:fault-start:} / {@code cvkit:fault-end:}
 * @param executionId   {@code execution=} of the responseMessage; {@code null} when absent
 * @param status        {@code status=} of the responseMessage (Chaos Studio's free string); {@code null} when absent
 * @param role          {@code role=} ({@code started}, {@code joined}, {@code observed}); {@code null} when absent
 * @param by            {@code by=} ({@code sampler}, {@code schedule}, {@code guard}); {@code null} when absent
 * @param startMillis   the row's {@code timeStamp}, epoch milliseconds: when the element began to act
 * @param elapsedMillis the row's {@code elapsed}: until the state was confirmed
 * @param success       the row's {@code success}: only confirmed markers open or close a window
 * @param threadName    the JMeter thread that wrote it (ALT prefixes the engine's address); "" when absent
 * @param failureMessage why the element failed; "" when none
 * @param source        the file (or archive entry) the row was read from
 * @param line          1-based line (CSV) or line of the element (XML) in {@code source}
 * @param format        {@code format=} of the responseMessage; 1 when absent (markers written before format 2)
 * @param window        what the row says about its fault window (format 2); {@code null} when it says nothing
 */
public record FaultMarker(
        Kind kind,
        String experiment,
        String executionId,
        String status,
        String role,
        String by,
        long startMillis,
        long elapsedMillis,
        boolean success,
        String threadName,
        String failureMessage,
        String source,
        long line,
        int format,
        MarkerWindow window) {

    /** Label prefix reserved for cvkit's own rows; such rows never count in {@code overall}. */
    public static final String RESERVED_LABEL_PREFIX = "cvkit:";
    static final String START_PREFIX = "cvkit:fault-start:";
    static final String END_PREFIX = "cvkit:fault-end:";

    /** The newest marker format this evaluator reads. */
    public static final int FORMAT = 2;

    /** Whether the fault was started (or joined) or ended. */
    public enum Kind { START, END }

    /** A format-1 marker: no window instants. */
    public FaultMarker(Kind kind, String experiment, String executionId, String status, String role, String by,
            long startMillis, long elapsedMillis, boolean success, String threadName, String failureMessage,
            String source, long line) {
        this(kind, experiment, executionId, status, role, by, startMillis, elapsedMillis, success, threadName,
                failureMessage, source, line, 1, null);
    }

    public FaultMarker {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(source, "source");
        threadName = threadName == null ? "" : threadName;
        failureMessage = failureMessage == null ? "" : failureMessage;
    }

    /**
     * When the element confirmed the state: {@code timeStamp + elapsed} (the instant a format-1 marker stands
     * for; a format-2 marker's window instants are in {@link #window}).
     */
    public long instantMillis() {
        return startMillis + elapsedMillis;
    }

    /** The same marker, read at another line (readers count lines per part, then make them absolute). */
    public FaultMarker withLine(long newLine) {
        return new FaultMarker(kind, experiment, executionId, status, role, by, startMillis, elapsedMillis, success,
                threadName, failureMessage, source, newLine, format, window);
    }

    /** True for labels with the reserved {@code cvkit:} prefix (markers and any future cvkit row). */
    public static boolean isReservedLabel(String label) {
        return label.startsWith(RESERVED_LABEL_PREFIX);
    }

    /**
     * Builds the marker a row stands for, or returns {@code null} when the label is not a fault marker
     * (another {@code cvkit:} row, which is still left out of {@code overall}).
     *
     * @param responseMessage the row's responseMessage: {@code key=value} pairs joined by {@code "; "}
     * @throws MarkerFormatException when the row is of a newer marker format or its window keys are not as
     *     the contract says
     */
    public static FaultMarker fromRow(String label, String responseMessage, long startMillis, long elapsedMillis,
            boolean success, String threadName, String failureMessage, String source, long line) {
        Kind kind;
        String experiment;
        if (label.startsWith(START_PREFIX)) {
            kind = Kind.START;
            experiment = label.substring(START_PREFIX.length());
        } else if (label.startsWith(END_PREFIX)) {
            kind = Kind.END;
            experiment = label.substring(END_PREFIX.length());
        } else {
            return null;
        }
        String executionId = null;
        String status = null;
        String role = null;
        String by = null;
        String format = null;
        String window = null;
        String from = null;
        String to = null;
        if (responseMessage != null) {
            for (String pair : responseMessage.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String value = pair.substring(eq + 1).trim();
                switch (pair.substring(0, eq).trim()) {
                    case "execution" -> executionId = value;
                    case "status" -> status = value;
                    case "role" -> role = value;
                    case "by" -> by = value;
                    case "format" -> format = value;
                    case "window" -> window = value;
                    case "faultFrom" -> from = value;
                    case "faultTo" -> to = value;
                    default -> { }
                }
            }
        }
        int formatNumber = format(format);
        MarkerWindow markerWindow = window(window, from, to);
        return new FaultMarker(kind, experiment, executionId, status, role, by, startMillis, elapsedMillis, success,
                threadName, failureMessage, source, line, formatNumber, markerWindow);
    }

    private static int format(String text) {
        if (text == null) {
            return 1;
        }
        if (!text.matches("[0-9]{1,9}")) {
            throw new MarkerFormatException("fault marker: format=" + text + ": expected a whole number");
        }
        int format = Integer.parseInt(text);
        if (format > FORMAT) {
            throw new MarkerFormatException("fault marker of format " + format + ", newer than this evaluator reads"
                    + " (format " + FORMAT + " and older): use the cvkit release that wrote the results, or newer");
        }
        return format;
    }

    private static MarkerWindow window(String window, String from, String to) {
        if (window == null) {
            if (from != null || to != null) {
                throw new MarkerFormatException("fault marker: faultFrom/faultTo without window=service or"
                        + " window=fallback");
            }
            return null;
        }
        MarkerWindow.Source source = switch (window) {
            case "service" -> MarkerWindow.Source.SERVICE;
            case "fallback" -> MarkerWindow.Source.FALLBACK;
            default -> throw new MarkerFormatException("fault marker: window=" + window
                    + ": expected service or fallback");
        };
        boolean noneFrom = "none".equals(from);
        boolean noneTo = "none".equals(to);
        if (noneFrom || noneTo) {
            if (!(noneFrom && noneTo) || source != MarkerWindow.Source.SERVICE) {
                throw new MarkerFormatException("fault marker: faultFrom=none and faultTo=none go together and only"
                        + " with window=service (found window=" + window + "; faultFrom=" + from + "; faultTo=" + to
                        + ")");
            }
            return new MarkerWindow(source, MarkerWindow.ABSENT, MarkerWindow.ABSENT, false);
        }
        long fromMillis = instant("faultFrom", from);
        long toMillis = instant("faultTo", to);
        if (fromMillis == MarkerWindow.ABSENT && toMillis == MarkerWindow.ABSENT) {
            throw new MarkerFormatException("fault marker: window=" + window + " without faultFrom or faultTo");
        }
        if (fromMillis != MarkerWindow.ABSENT && toMillis != MarkerWindow.ABSENT && toMillis <= fromMillis) {
            throw new MarkerFormatException("fault marker: faultTo=" + to + " is not after faultFrom=" + from);
        }
        return new MarkerWindow(source, fromMillis, toMillis, true);
    }

    private static long instant(String key, String text) {
        if (text == null) {
            return MarkerWindow.ABSENT;
        }
        if (!text.matches("[0-9]{1,15}")) {
            throw new MarkerFormatException("fault marker: " + key + "=" + text + ": expected epoch milliseconds or"
                    + " none");
        }
        return Long.parseLong(text);
    }
}
