package dev.cvkit.evaluator.phases;

import java.util.List;
import java.util.Objects;

/**
 * One stretch of time during which a fault was running: rows whose {@code timeStamp} is in
 * {@code [startMillis, endMillis)} belong to the {@link Phase#DURING} phase.
 *
 * @param startMillis epoch ms: the earliest confirmed start over every engine
 * @param endMillis   epoch ms: the latest confirmed end over every engine; {@link Long#MAX_VALUE} when no end
 *                    marker was found (the window lasts to the end of the results)
 * @param experiments the experiments whose executions make this window (several after merging), in order
 * @param executions  the execution ids, in order; empty for a window given with {@code --fault-window}
 * @param source      where the window comes from
 */
public record FaultWindow(long startMillis, long endMillis, List<String> experiments, List<String> executions,
        Source source) {

    /** Where a window was learned. */
    public enum Source {
        /** The cvkit fault-marker rows in the results. */
        MARKERS,
        /** The {@code --fault-window} option (or {@code baseline record --fault-window}). */
        OPTION
    }

    public FaultWindow {
        experiments = List.copyOf(experiments);
        executions = List.copyOf(executions);
        Objects.requireNonNull(source, "source");
        if (endMillis <= startMillis) {
            throw new IllegalArgumentException("a fault window ends after it starts: " + startMillis + ".." + endMillis);
        }
    }

    /** A window without an end marker: it lasts to the end of the results. */
    public boolean openEnded() {
        return endMillis == Long.MAX_VALUE;
    }

    /** Whether {@code timeStampMillis} lies in the window. */
    public boolean contains(long timeStampMillis) {
        return startMillis <= timeStampMillis && timeStampMillis < endMillis;
    }
}
