package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.text.LogText;
import dev.cvkit.evaluator.Decimals;
import dev.cvkit.evaluator.analysis.PhaseStats;
import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.phases.DurationText;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.SampleSummary;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import dev.cvkit.evaluator.timeline.RecoverySignal;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The console part of {@code cvkit evaluate} about the fault: the warm-up left out, the fault windows, the
 * before/during/after comparison per label and overall, and how long each flow took to recover.
 */
public final class PhasesConsole {

    private PhasesConsole() {
    }

    public static void print(RunAnalysis run, List<Recovery.FlowRecovery> recovery, RecoverySettings settings,
            PrintWriter out) {
        for (String line : lines(run, recovery, settings)) {
            out.println(line);
        }
        out.flush();
    }

    static List<String> lines(RunAnalysis run, List<Recovery.FlowRecovery> recovery, RecoverySettings settings) {
        List<String> lines = new ArrayList<>();
        if (run.warmupRows() > 0 || run.plan().warmupEndMillis() != PhasePlan.NO_WARMUP) {
            lines.add("");
            lines.add("Warm-up (" + LogText.inline(String.valueOf(run.warmup())) + "): rows before "
                    + Instant.ofEpochMilli(run.plan().warmupEndMillis())
                    + " left out (" + run.warmupRows() + " rows)");
        }
        if (!run.plan().hasFaultWindows()) {
            if (run.timeline() != null) {
                lines.add("");
                lines.add("No fault window: no confirmed fault markers in the results and no --fault-window.");
            }
            return lines;
        }
        lines.add("");
        String from = run.windowSource() == RunAnalysis.WindowSource.OPTION ? "--fault-window" : "the fault markers";
        for (FaultWindow w : run.faultWindows()) {
            lines.add("Fault window (from " + from + "): " + window(w, run.lastSampleEndMillis())
                    + (w.experiments().isEmpty() ? ""
                            : ", experiment " + LogText.inline(String.join(", ", w.experiments())))
                    + (w.executions().isEmpty() ? ""
                            : ", execution " + LogText.inline(String.join(", ", w.executions()))));
        }
        lines.add("");
        lines.add("Phases: " + String.join(", ", run.phases().stream().map(p -> p.phase().yamlName() + " "
                + DurationText.format(p.endMillis() - p.startMillis())).toList())
                + "  (count, error %, p95 ms of elapsed)");
        lines.addAll(comparison(run));
        List<Recovery.FlowRecovery> shown = recovery;
        if (!shown.isEmpty()) {
            lines.add("");
            lines.add("Recovery after the fault: seconds until the rolling " + DurationText.format(settings.windowMillis())
                    + " p95 is within " + Decimals.twoPlaces(settings.tolerancePct()) + "% of its before level and the error %"
                    + " within " + Decimals.twoPlaces(settings.errorTolerancePts()) + " point(s), for "
                    + DurationText.format(settings.holdMillis()) + ":");
            lines.addAll(recoveryTable(shown));
            if (run.timeline() != null && run.timeline().labelsLeftOut() > 0) {
                lines.add(FlowSelection.notOverTime(run.timeline().labelsLeftOut()));
            }
        }
        return lines;
    }

    static String window(FaultWindow w, long lastEndMillis) {
        String end = w.openEnded() ? "end of results (no end marker)" : Instant.ofEpochMilli(w.endMillis()).toString();
        long to = w.openEnded() ? lastEndMillis : w.endMillis();
        return Instant.ofEpochMilli(w.startMillis()) + " to " + end + " (" + DurationText.format(Math.max(0, to - w.startMillis()))
                + ")";
    }

    private static List<String> comparison(RunAnalysis run) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("label"));
        List<String> sub = new ArrayList<>(List.of(""));
        for (PhaseStats p : run.phases()) {
            header.addAll(List.of(p.phase().yamlName(), "", ""));
            sub.addAll(List.of("count", "err %", "p95"));
        }
        rows.add(header.toArray(String[]::new));
        rows.add(sub.toArray(String[]::new));
        Set<String> labels = new LinkedHashSet<>(run.labels().keySet());
        for (String label : labels) {
            rows.add(row(LogText.inline(label), run, label));
        }
        rows.add(row("overall", run, null));
        return table(rows);
    }

    private static String[] row(String name, RunAnalysis run, String label) {
        List<String> cells = new ArrayList<>(List.of(name));
        for (PhaseStats p : run.phases()) {
            SampleSummary s = label == null ? p.overall() : p.labels().get(label);
            if (s == null || s.count() == 0) {
                cells.addAll(List.of("0", "-", "-"));
                continue;
            }
            Distribution d = s.distribution(Metric.RESPONSE_TIME_MS);
            cells.add(Long.toString(s.count()));
            cells.add(String.format(Locale.ROOT, "%.2f", s.errorPct()));
            cells.add(d.count() == 0 ? "-" : Long.toString(d.percentileMillis(95)));
        }
        return cells.toArray(String[]::new);
    }

    private static List<String> recoveryTable(List<Recovery.FlowRecovery> flows) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"flow", "p95 response time", "error %", "note"});
        Set<String> labels = new LinkedHashSet<>();
        for (Recovery.FlowRecovery f : flows) {
            labels.add(f.label() == null ? "" : f.label());
        }
        for (String l : labels) {
            String label = l.isEmpty() ? null : l;
            Recovery.FlowRecovery p95 = find(flows, label, RecoverySignal.RESPONSE_TIME_P95);
            Recovery.FlowRecovery errors = find(flows, label, RecoverySignal.ERROR_PCT);
            List<String> notes = new ArrayList<>();
            for (Recovery.FlowRecovery f : new Recovery.FlowRecovery[] {p95, errors}) {
                if (f != null && !f.note().isEmpty()) {
                    notes.add(f.signal().description() + ": " + f.note());
                }
            }
            rows.add(new String[] {label == null ? "overall" : LogText.inline(label), figure(p95), figure(errors),
                LogText.inline(String.join("; ", notes))});
        }
        return table(rows);
    }

    private static Recovery.FlowRecovery find(List<Recovery.FlowRecovery> flows, String label, RecoverySignal signal) {
        for (Recovery.FlowRecovery f : flows) {
            if (java.util.Objects.equals(f.label(), label) && f.signal() == signal) {
                return f;
            }
        }
        return null;
    }

    /** {@code 12 s}, {@code never}, {@code not proven} (results too short), or {@code -} when it cannot be measured. */
    static String figure(Recovery.FlowRecovery f) {
        if (f == null || f.problem() != null || f.windows().stream().anyMatch(w -> w.problem() != null)) {
            return "-";
        }
        if (f.recovered()) {
            return Decimals.twoPlaces(f.worstSeconds()) + " s";
        }
        boolean never = f.windows().stream().anyMatch(w -> !w.figure().recovered() && !w.figure().cutShort());
        return never ? "never" : "not proven";
    }

    /** Left-aligned first column, right-aligned numbers, last column as it is. */
    private static List<String> table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        boolean lastIsText = "note".equals(rows.get(0)[columns - 1]);
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = r[i];
                if (i == 0 || lastIsText && i == columns - 1) {
                    b.append(cell).append(" ".repeat(widths[i] - cell.length()));
                } else {
                    b.append(" ".repeat(widths[i] - cell.length())).append(cell);
                }
                b.append(i == columns - 1 ? "" : "  ");
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }
}
