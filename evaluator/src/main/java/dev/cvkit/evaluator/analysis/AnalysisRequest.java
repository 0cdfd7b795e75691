package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.phases.FaultWindowOption;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.timeline.TimelineAccumulator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an analysis needs besides the results: where the fault windows come from, the warm-up, and which
 * timings the time cells keep.
 *
 * @param faultWindows {@code --fault-window} values; empty to read the windows from the fault markers
 * @param warmup       the warm-up to leave out
 * @param keepLatency  keep latency per time cell (a criterion judges it over time or for recovery)
 * @param keepConnect  keep connect time per time cell
 * @param cellBudget   time cells held before their width doubles
 * @param overTime     when to read the run over time (time cells cost about a fifth of the reading)
 * @param rowsRead     run once the results' rows are read, before the figures are made from them (work that
 *                     needs a free core can start then: the reading keeps every core busy)
 * @param namedLabels  labels kept over time on their own however many labels the run has (criteria name them;
 *                     others may be left out of the time cells of a run with very many labels)
 */
public record AnalysisRequest(List<FaultWindowOption> faultWindows, Warmup warmup, boolean keepLatency,
        boolean keepConnect, int cellBudget, OverTime overTime, Runnable rowsRead, Set<String> namedLabels) {

    /** When the run is read over time. */
    public enum OverTime {
        /** Always: sustained or recovery criteria, charts. */
        ALWAYS,
        /**
         * When the run has a fault window: for the recovery figures every report shows then. These read only
         * the steps after each fault (the level before it comes from the phase statistics), so only the rows
         * of the {@code after} phase are kept over time.
         */
        WITH_FAULT,
        /** Never (statistics only, e.g. to record a reference run). */
        NEVER
    }

    public AnalysisRequest {
        faultWindows = List.copyOf(faultWindows);
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(overTime, "overTime");
        Objects.requireNonNull(rowsRead, "rowsRead");
        namedLabels = Set.copyOf(namedLabels);
    }

    /** Windows from the markers, no warm-up, response times only, over time always. */
    public static AnalysisRequest defaults() {
        return new AnalysisRequest(List.of(), Warmup.NONE, false, false, TimelineAccumulator.DEFAULT_BUDGET,
                OverTime.ALWAYS, () -> { }, Set.of());
    }

    public AnalysisRequest withFaultWindows(List<FaultWindowOption> windows) {
        return new AnalysisRequest(windows, warmup, keepLatency, keepConnect, cellBudget, overTime, rowsRead, namedLabels);
    }

    public AnalysisRequest withWarmup(Warmup value) {
        return new AnalysisRequest(faultWindows, value, keepLatency, keepConnect, cellBudget, overTime, rowsRead, namedLabels);
    }

    public AnalysisRequest keeping(boolean latency, boolean connect) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency || latency, keepConnect || connect, cellBudget,
                overTime, rowsRead, namedLabels);
    }

    public AnalysisRequest withCellBudget(int cells) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency, keepConnect, cells, overTime, rowsRead, namedLabels);
    }

    public AnalysisRequest overTime(OverTime when) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency, keepConnect, cellBudget, when, rowsRead, namedLabels);
    }

    /** Keeps these labels over time on their own, however many labels the run has (see {@link #namedLabels()}). */
    public AnalysisRequest naming(Set<String> labels) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency, keepConnect, cellBudget, overTime, rowsRead,
                labels);
    }

    /** Runs {@code action} once the results' rows are read (see {@link #rowsRead()}). */
    public AnalysisRequest whenRowsRead(Runnable action) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency, keepConnect, cellBudget, overTime, action, namedLabels);
    }

    /**
     * Which segments of {@code plan} a reading keeps time cells for (indexed by segment), or null for none.
     * {@link OverTime#WITH_FAULT} keeps the {@code after} segments only (those that follow a fault window):
     * their rows are all the recovery figures read, and the rows before and during a fault then cost no time
     * cells.
     */
    boolean[] timeCellSegments(PhasePlan plan) {
        List<Segment> segments = plan.segments();
        boolean[] kept = new boolean[segments.size()];
        switch (overTime) {
            case ALWAYS -> java.util.Arrays.fill(kept, true);
            case WITH_FAULT -> {
                if (!plan.hasFaultWindows()) {
                    return null;
                }
                // Recovery reads the segment that follows each fault window (an after one, as the plan cuts).
                for (Segment s : segments) {
                    kept[s.index()] = s.kind() == Segment.Kind.AFTER
                            || s.index() > 0 && segments.get(s.index() - 1).kind() == Segment.Kind.DURING;
                }
            }
            case NEVER -> {
                return null;
            }
        }
        return kept;
    }
}
