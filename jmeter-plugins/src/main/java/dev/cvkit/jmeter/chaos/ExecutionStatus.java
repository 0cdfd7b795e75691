package dev.cvkit.jmeter.chaos;

import java.util.Locale;
import java.util.Set;

/**
 * How to read Chaos Studio's execution status, which the REST API defines as a free string
 * ({@code Running}, {@code Success}, {@code Failed}, {@code Cancelled}, ...; the examples even use lower case).
 *
 * <p>Comparisons ignore case. A status that is neither known terminal nor running (e.g.
 * {@code PreProcessingQueued}, {@code Cancelling}, or one added to the service later) is <em>active</em>:
 * the execution may still act on the targets, so the guard treats it as something to cancel.
 */
public final class ExecutionStatus {

    private static final Set<String> TERMINAL =
            Set.of("success", "succeeded", "failed", "cancelled", "canceled", "completed", "stopped");
    private static final Set<String> CANCELLING = Set.of("cancelling", "canceling");

    private ExecutionStatus() {
    }

    /** True when the execution has ended and no longer acts on its targets. */
    public static boolean isTerminal(String status) {
        return status != null && TERMINAL.contains(normalize(status));
    }

    /** True for {@code Running}: the fault is in effect. */
    public static boolean isRunning(String status) {
        return "running".equals(normalize(status));
    }

    /** True while a cancel request is being carried out. */
    public static boolean isCancelling(String status) {
        return status != null && CANCELLING.contains(normalize(status));
    }

    /** True for every status that is not terminal (including unknown and missing ones). */
    public static boolean isActive(String status) {
        return !isTerminal(status);
    }

    private static String normalize(String status) {
        return status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
    }
}
