package dev.cvkit.sandbox.chaos;

import java.util.Locale;
import java.util.Set;

/**
 * The execution statuses the emulator reports in {@code properties.status}, spelled as the live Chaos
 * Studio service spells them (the portal and {@code Get-AzChaosExperimentExecution} show {@code Success};
 * the REST spec's examples show lower case {@code success}/{@code failed}, so clients must compare
 * case-insensitively — {@link #isTerminal(String)} does).
 *
 * <p>A started execution goes {@value #PRE_PROCESSING_QUEUED} → {@value #WAITING_TO_START} →
 * {@value #RUNNING} → {@value #SUCCESS}; a fault that cannot be applied ends it in {@value #FAILED}; a
 * cancel goes {@value #CANCELLING} → {@value #CANCELLED}.
 */
public final class ExecutionStatus {

    public static final String PRE_PROCESSING_QUEUED = "PreProcessingQueued";
    public static final String WAITING_TO_START = "WaitingToStart";
    public static final String RUNNING = "Running";
    public static final String SUCCESS = "Success";
    public static final String FAILED = "Failed";
    public static final String CANCELLING = "Cancelling";
    public static final String CANCELLED = "Cancelled";

    private static final Set<String> TERMINAL = Set.of("success", "failed", "cancelled", "canceled");

    private ExecutionStatus() {
    }

    /** Whether a status (any case, either spelling of cancelled) is final. */
    public static boolean isTerminal(String status) {
        return status != null && TERMINAL.contains(status.toLowerCase(Locale.ROOT));
    }
}
