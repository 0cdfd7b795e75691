package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.SampleSummary;
import dev.cvkit.evaluator.timeline.RecoveryFigure;
import dev.cvkit.evaluator.timeline.RecoveryScan;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import dev.cvkit.evaluator.timeline.RecoverySignal;
import dev.cvkit.evaluator.timeline.Steps;
import dev.cvkit.evaluator.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * How long flows took to recover after each fault of a run (see {@link RecoveryScan}): per flow (label)
 * and overall, the time until the rolling p95 (or error %) is back within the flow's level before the
 * fault (the whole {@code before} phase) and stays there.
 */
public final class Recovery {

    /** Why recovery cannot be measured on a run without fault windows. */
    public static final String NO_FAULT_WINDOW = "the results have no fault window: no confirmed fault markers"
            + " (cvkit:fault-start and cvkit:fault-end rows with success=true) and no --fault-window, so there is no"
            + " before, during or after the fault to judge";

    /**
     * One flow's recovery from one fault.
     *
     * @param window   the fault
     * @param figure   the measurement; null when it could not be made ({@code problem} says why)
     * @param problem  why not, or null
     */
    public record WindowRecovery(FaultWindow window, RecoveryFigure figure, String problem) {
    }

    /**
     * One flow's recovery from every fault.
     *
     * @param label   the label, or null for overall
     * @param signal  what had to be back
     * @param windows one entry per fault window, in time order
     * @param problem why recovery cannot be measured at all for this flow, or null
     */
    public record FlowRecovery(String label, RecoverySignal signal, List<WindowRecovery> windows, String problem) {

        public FlowRecovery {
            windows = List.copyOf(windows);
        }

        /** Whether every fault was measured and recovered from. */
        public boolean recovered() {
            return problem == null && windows.stream().allMatch(w -> w.figure() != null && w.figure().recovered());
        }

        /** The slowest recovery in seconds; null unless {@link #recovered()}. */
        public Double worstSeconds() {
            if (!recovered()) {
                return null;
            }
            return windows.stream().mapToDouble(w -> w.figure().seconds()).max().orElse(Double.NaN);
        }

        /** The before-fault level of the flow (p95 in ms, or error %); NaN when unknown. */
        public double beforeLevel() {
            return windows.stream().filter(w -> w.figure() != null).mapToDouble(w -> w.figure().beforeLevel())
                    .findFirst().orElse(Double.NaN);
        }

        /** What went wrong or is worth knowing, in words; empty when nothing. */
        public String note() {
            if (problem != null) {
                return problem;
            }
            List<String> notes = new ArrayList<>();
            for (WindowRecovery w : windows) {
                String text = w.problem() != null ? w.problem() : w.figure().note();
                if (!text.isEmpty()) {
                    notes.add(windows.size() == 1 ? text : "fault from " + java.time.Instant.ofEpochMilli(
                            w.window().startMillis()) + ": " + text);
                }
            }
            return String.join("; ", notes);
        }
    }

    private Recovery() {
    }

    /** One flow ({@code label} null for overall); measured once per run, whoever asks first. */
    public static FlowRecovery measure(RunAnalysis run, String label, RecoverySignal signal, RecoverySettings settings) {
        return run.recovery(label, signal, settings, () -> measureNow(run, label, signal, settings));
    }

    private static FlowRecovery measureNow(RunAnalysis run, String label, RecoverySignal signal,
            RecoverySettings settings) {
        if (!run.plan().hasFaultWindows()) {
            return new FlowRecovery(label, signal, List.of(), NO_FAULT_WINDOW);
        }
        Timeline timeline = run.timeline();
        PhaseStats before = run.phase(Phase.BEFORE).orElseThrow();
        SampleSummary rows = label == null ? before.overall() : before.labels().get(label);
        if (rows == null || rows.count() == 0) {
            return new FlowRecovery(label, signal, List.of(), "no rows of " + (label == null ? "overall" : "'" + label + "'")
                    + " before the fault to compare with");
        }
        double level;
        if (signal == RecoverySignal.ERROR_PCT) {
            level = rows.errorPct();
        } else {
            Distribution d = rows.distribution(metric(signal));
            if (d.count() == 0) {
                return new FlowRecovery(label, signal, List.of(), "the results carry no " + signal.description()
                        .replace("p95 ", "") + " values");
            }
            level = d.percentileMillis(95);
        }
        if (timeline == null || signal == RecoverySignal.LATENCY_P95 && !timeline.latencyKept()
                || signal == RecoverySignal.CONNECT_TIME_P95 && !timeline.connectKept()) {
            return new FlowRecovery(label, signal, List.of(), "the results were not read over time for "
                    + signal.description());
        }
        List<WindowRecovery> windows = new ArrayList<>();
        List<Segment> segments = timeline.segments();
        for (Segment s : segments) {
            if (s.kind() != Segment.Kind.DURING) {
                continue;
            }
            if (s.endMillis() == Long.MAX_VALUE || s.index() + 1 >= segments.size()) {
                windows.add(new WindowRecovery(s.window(), null, "the fault did not end within the results (no end"
                        + " marker): recovery cannot be measured"));
                continue;
            }
            Steps after = timeline.steps(label, s.index() + 1, s.index() + 1, s.endMillis(), Long.MAX_VALUE);
            windows.add(new WindowRecovery(s.window(), RecoveryScan.scan(after, s.endMillis(), level, signal, settings),
                    null));
        }
        return new FlowRecovery(label, signal, windows, null);
    }

    /**
     * What the reports show without being asked: overall and every label (cvkit's own rows aside) that was read
     * over time on its own (a run with very many labels leaves the least busy out: {@code Timeline#ownSteps}), for
     * the p95 response time and the error %. Empty when the run has no fault window.
     */
    public static List<FlowRecovery> report(RunAnalysis run, RecoverySettings settings) {
        List<FlowRecovery> result = new ArrayList<>();
        if (!run.plan().hasFaultWindows() || run.timeline() == null) {
            return result;
        }
        List<String> labels = new ArrayList<>();
        labels.add(null);
        for (String l : run.labels().keySet()) {
            if (!l.startsWith(dev.cvkit.evaluator.markers.FaultMarker.RESERVED_LABEL_PREFIX)
                    && run.timeline().ownSteps(l)) {
                labels.add(l);
            }
        }
        for (String l : labels) {
            result.add(measure(run, l, RecoverySignal.RESPONSE_TIME_P95, settings));
            result.add(measure(run, l, RecoverySignal.ERROR_PCT, settings));
        }
        return result;
    }

    private static Metric metric(RecoverySignal signal) {
        return switch (signal) {
            case RESPONSE_TIME_P95 -> Metric.RESPONSE_TIME_MS;
            case LATENCY_P95 -> Metric.LATENCY_MS;
            case CONNECT_TIME_P95 -> Metric.CONNECT_TIME_MS;
            case ERROR_PCT -> throw new IllegalArgumentException("error % has no timing");
        };
    }
}
