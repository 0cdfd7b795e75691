package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.phases.FaultWindowOption;
import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.timeline.TimelineAccumulator;
import java.util.List;
import java.util.Objects;

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
 */
public record AnalysisRequest(List<FaultWindowOption> faultWindows, Warmup warmup, boolean keepLatency,
        boolean keepConnect, int cellBudget, OverTime overTime) {

    /** When the run is read over time. */
    public enum OverTime {
        /** Always: sustained or recovery criteria, charts. */
        ALWAYS,
        /** When the run has a fault window: for the recovery figures every report shows then. */
        WITH_FAULT,
        /** Never (statistics only, e.g. to record a reference run). */
        NEVER
    }

    public AnalysisRequest {
        faultWindows = List.copyOf(faultWindows);
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(overTime, "overTime");
    }

    /** Windows from the markers, no warm-up, response times only, over time always. */
    public static AnalysisRequest defaults() {
        return new AnalysisRequest(List.of(), Warmup.NONE, false, false, TimelineAccumulator.DEFAULT_BUDGET,
                OverTime.ALWAYS);
    }

    public AnalysisRequest withFaultWindows(List<FaultWindowOption> windows) {
        return new AnalysisRequest(windows, warmup, keepLatency, keepConnect, cellBudget, overTime);
    }

    public AnalysisRequest withWarmup(Warmup value) {
        return new AnalysisRequest(faultWindows, value, keepLatency, keepConnect, cellBudget, overTime);
    }

    public AnalysisRequest keeping(boolean latency, boolean connect) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency || latency, keepConnect || connect, cellBudget,
                overTime);
    }

    public AnalysisRequest withCellBudget(int cells) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency, keepConnect, cells, overTime);
    }

    public AnalysisRequest overTime(OverTime when) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency, keepConnect, cellBudget, when);
    }

    /** Whether a reading with {@code plan} keeps time cells. */
    boolean timeCells(dev.cvkit.evaluator.phases.PhasePlan plan) {
        return overTime == OverTime.ALWAYS || overTime == OverTime.WITH_FAULT && plan.hasFaultWindows();
    }
}
