package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.Memo;
import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import dev.cvkit.evaluator.timeline.RecoverySignal;
import dev.cvkit.evaluator.timeline.Timeline;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything one reading of the results yields for the gate: the whole run's statistics after the warm-up
 * (this object, as {@link RunStats}), the fault windows and the statistics of each phase, and the run over
 * time ({@link Timeline}) for sustained criteria, recovery and charts.
 */
public final class RunAnalysis implements RunStats {

    /** Where the fault windows came from. */
    public enum WindowSource { MARKERS, OPTION, NONE }

    private final SampleSummary overall;
    private final Map<String, SampleSummary> labels;
    private final List<String> warnings;
    private final RowCounts rowCounts;
    private final List<FaultMarker> markers;
    private final PhasePlan plan;
    private final List<PhaseStats> phases;
    private final Timeline timeline;
    private final Warmup warmup;
    private final long warmupRows;
    private final long firstSampleMillis;
    private final long lastSampleEndMillis;
    private final WindowSource windowSource;
    private final int readings;
    /**
     * Recovery figures already measured, per flow, signal and settings: the criteria (main thread) and the
     * reports (a thread of their own) ask for some of the same, at the same time.
     */
    private final Memo<List<Object>, Recovery.FlowRecovery> recoveries = new Memo<>();

    RunAnalysis(SampleSummary overall, Map<String, SampleSummary> labels, List<String> warnings, RowCounts rowCounts,
            List<FaultMarker> markers, PhasePlan plan, List<PhaseStats> phases, Timeline timeline, Warmup warmup,
            long warmupRows, long firstSampleMillis, long lastSampleEndMillis, WindowSource windowSource, int readings) {
        this.overall = overall;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.warnings = List.copyOf(warnings);
        this.rowCounts = rowCounts;
        this.markers = List.copyOf(markers);
        this.plan = plan;
        this.phases = List.copyOf(phases);
        this.timeline = timeline;
        this.warmup = warmup;
        this.warmupRows = warmupRows;
        this.firstSampleMillis = firstSampleMillis;
        this.lastSampleEndMillis = lastSampleEndMillis;
        this.windowSource = windowSource;
        this.readings = readings;
    }

    /**
     * Statistics read without phases or a timeline (e.g. built in memory): no fault window, no time cells;
     * phase, sustained and recovery criteria then fail for want of them.
     */
    public static RunAnalysis of(RunStats stats) {
        if (stats instanceof RunAnalysis analysis) {
            return analysis;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SampleSummary s : stats.labels().values()) {
            if (s.count() > 0) {
                first = Math.min(first, s.firstStartMillis());
                last = Math.max(last, s.lastEndMillis());
            }
        }
        return new RunAnalysis(stats.overall(), stats.labels(), stats.warnings(), stats.rowCounts(), stats.markers(),
                PhasePlan.whole(), List.of(), null, Warmup.NONE, 0, first, last, WindowSource.NONE, 0);
    }

    @Override
    public SampleSummary overall() {
        return overall;
    }

    @Override
    public Map<String, SampleSummary> labels() {
        return labels;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    /** Rows after the warm-up, per kind. */
    @Override
    public RowCounts rowCounts() {
        return rowCounts;
    }

    @Override
    public List<FaultMarker> markers() {
        return markers;
    }

    public PhasePlan plan() {
        return plan;
    }

    /** The fault windows, merged, in time order; empty when the run has none. */
    public List<FaultWindow> faultWindows() {
        return plan.windows();
    }

    public WindowSource windowSource() {
        return windowSource;
    }

    /** Before, during and after, when the run has fault windows; else empty. */
    public List<PhaseStats> phases() {
        return phases;
    }

    public Optional<PhaseStats> phase(Phase phase) {
        return phases.stream().filter(p -> p.phase() == phase).findFirst();
    }

    /** The run over time, or null when the statistics were not read from results. */
    public Timeline timeline() {
        return timeline;
    }

    public Warmup warmup() {
        return warmup;
    }

    /** Rows of every kind left out as the warm-up. */
    public long warmupRows() {
        return warmupRows;
    }

    /** Earliest {@code timeStamp} of every row (the warm-up's included). */
    public long firstSampleMillis() {
        return firstSampleMillis;
    }

    /**
     * How many times the results were read: 1, or 2 when the pre-scan's guess of the phases was wrong (see
     * {@link RunAnalyzer}); 0 for statistics not read from results.
     */
    public int readings() {
        return readings;
    }

    /** Latest {@code timeStamp + elapsed} of every row. */
    public long lastSampleEndMillis() {
        return lastSampleEndMillis;
    }

    /**
     * The recovery of one flow, measured once: a second caller gets the first one's figures (waiting for them
     * while they are being measured on another thread).
     */
    Recovery.FlowRecovery recovery(String label, RecoverySignal signal, RecoverySettings settings,
            Supplier<Recovery.FlowRecovery> measure) {
        return recoveries.get(Arrays.asList(label, signal, settings), key -> measure.get());
    }
}
