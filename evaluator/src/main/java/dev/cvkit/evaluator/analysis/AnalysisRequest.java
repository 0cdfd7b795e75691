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
 */
public record AnalysisRequest(List<FaultWindowOption> faultWindows, Warmup warmup, boolean keepLatency,
        boolean keepConnect, int cellBudget) {

    public AnalysisRequest {
        faultWindows = List.copyOf(faultWindows);
        Objects.requireNonNull(warmup, "warmup");
    }

    /** Windows from the markers, no warm-up, response times only. */
    public static AnalysisRequest defaults() {
        return new AnalysisRequest(List.of(), Warmup.NONE, false, false, TimelineAccumulator.DEFAULT_BUDGET);
    }

    public AnalysisRequest withFaultWindows(List<FaultWindowOption> windows) {
        return new AnalysisRequest(windows, warmup, keepLatency, keepConnect, cellBudget);
    }

    public AnalysisRequest withWarmup(Warmup value) {
        return new AnalysisRequest(faultWindows, value, keepLatency, keepConnect, cellBudget);
    }

    public AnalysisRequest keeping(boolean latency, boolean connect) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency || latency, keepConnect || connect, cellBudget);
    }

    public AnalysisRequest withCellBudget(int cells) {
        return new AnalysisRequest(faultWindows, warmup, keepLatency, keepConnect, cells);
    }
}
