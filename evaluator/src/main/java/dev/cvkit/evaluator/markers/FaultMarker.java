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
        long line) {

    /** Label prefix reserved for cvkit's own rows; such rows never count in {@code overall}. */
    public static final String RESERVED_LABEL_PREFIX = "cvkit:";
    static final String START_PREFIX = "cvkit:fault-start:";
    static final String END_PREFIX = "cvkit:fault-end:";

    /** Whether the fault was started (or joined) or ended. */
    public enum Kind { START, END }

    public FaultMarker {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(source, "source");
        threadName = threadName == null ? "" : threadName;
        failureMessage = failureMessage == null ? "" : failureMessage;
    }

    /** The instant the marker stands for: {@code timeStamp + elapsed}, when the state was confirmed. */
    public long instantMillis() {
        return startMillis + elapsedMillis;
    }

    /** The same marker, read at another line (readers count lines per part, then make them absolute). */
    public FaultMarker withLine(long newLine) {
        return new FaultMarker(kind, experiment, executionId, status, role, by, startMillis, elapsedMillis, success,
                threadName, failureMessage, source, newLine);
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
                    default -> { }
                }
            }
        }
        return new FaultMarker(kind, experiment, executionId, status, role, by, startMillis, elapsedMillis, success,
                threadName, failureMessage, source, line);
    }
}
