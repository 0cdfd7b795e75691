package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.Decimals;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.evaluator.analysis.PhaseStats;
import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Outcome;
import dev.cvkit.evaluator.criteria.RelativeFigures;
import dev.cvkit.evaluator.criteria.Tier;
import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.phases.DurationText;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.SampleSummary;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import dev.cvkit.evaluator.timeline.RecoverySignal;
import dev.cvkit.evaluator.timeline.Steps;
import dev.cvkit.evaluator.timeline.TimeCell;
import dev.cvkit.evaluator.timeline.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code --html} report: one self-contained file (no network: styles and scripts inline, charts drawn
 * as SVG by an inline script from data embedded in the page). It shows the verdict, the criteria, the fault
 * windows and warm-up, the before/during/after comparison, the recovery figures, and per flow (overall and
 * each label) charts over time of the p50/p95/p99 response time, the throughput and the errors, with the
 * fault windows shaded.
 *
 * <p>Chart points are time cells merged so that a chart has at most {@value #MAX_POINTS} points; their
 * percentiles come from the cells' histograms (within 1.6%).
 */
public final class HtmlReport {

    static final int MAX_POINTS = 600;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HtmlReport() {
    }

    public static String of(Evaluation evaluation, RunAnalysis run, List<Recovery.FlowRecovery> recovery,
            RecoverySettings settings, List<String> inputs, Instant generatedAt) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String verdict = evaluation.verdict().jsonName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>cvkit evaluate: ").append(verdict.toUpperCase(Locale.ROOT)).append("</title>\n<style>\n")
                .append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<div id=\"verdict\" class=\"verdict ").append(verdict).append("\" data-verdict=\"")
                .append(verdict).append("\">").append(verdict.toUpperCase(Locale.ROOT)).append("</div>\n<div>\n<h1>cvkit evaluate</h1>\n<p>")
                .append(esc(ConsoleCriteriaReport.verdictLine(evaluation))).append("</p>\n<p class=\"meta\">criteria <code>")
                .append(esc(evaluation.criteriaSource())).append("</code> · results ");
        for (int i = 0; i < inputs.size(); i++) {
            h.append(i == 0 ? "" : ", ").append("<code>").append(esc(inputs.get(i))).append("</code>");
        }
        h.append(" · generated ").append(esc(generatedAt.toString())).append("</p>\n");
        if (evaluation.reference() != null) {
            h.append("<p class=\"meta\">").append(esc(ConsoleCriteriaReport.referenceLine(evaluation.reference())))
                    .append("</p>\n");
        }
        h.append("</div>\n</header>\n<main>\n");
        criteria(h, evaluation);
        fault(h, run);
        phases(h, run, evaluation);
        recovery(h, run, evaluation, recovery, settings);
        h.append("<section id=\"charts\">\n<h2>Over time</h2>\n<p class=\"meta\">Per flow: response time percentiles"
                + " (ms), throughput (requests per second) and errors (rows per second) over time; fault windows are"
                + " shaded red");
        if (run.plan().warmupEndMillis() != PhasePlan.NO_WARMUP) {
            h.append(", the warm-up grey");
        }
        h.append(".</p>\n");
        if (run.timeline() == null) {
            h.append("<p>No time cells: the statistics were not read from results.</p>\n");
        }
        FlowSelection charted = charted(run, evaluation);
        leftOut(h, charted, "the charts", "");
        if (run.timeline() != null && run.timeline().labelsLeftOut() > 0) {
            h.append("<p class=\"meta left-out\">")
                    .append(esc(FlowSelection.notOverTime(run.timeline().labelsLeftOut()))).append("</p>\n");
        }
        h.append("<div id=\"flows\"></div>\n</section>\n");
        if (!run.warnings().isEmpty()) {
            h.append("<section id=\"warnings\">\n<h2>Warnings while reading the results</h2>\n<ul>\n");
            for (String w : run.warnings()) {
                h.append("<li>").append(esc(w)).append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        h.append("</main>\n<script type=\"application/json\" id=\"cvkit-data\">")
                .append(scriptSafe(data(run, charted))).append("</script>\n<script>\n")
                .append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void criteria(StringBuilder h, Evaluation evaluation) {
        boolean relative = evaluation.hasRelative();
        h.append("<section>\n<h2>Criteria</h2>\n<table id=\"criteria\">\n<thead><tr><th>outcome</th><th>tier</th>"
                + "<th>criterion</th><th>actual</th><th>threshold</th>");
        if (relative) {
            h.append("<th>reference</th><th>change</th><th>p</th>");
        }
        h.append("<th>note</th></tr></thead>\n<tbody>\n");
        for (CriterionResult r : evaluation.results()) {
            h.append("<tr class=\"").append(r.outcome().jsonName()).append("\"><td class=\"outcome\">")
                    .append(esc(ConsoleCriteriaReport.outcomeName(r.outcome()))).append("</td><td>")
                    .append(r.tier() == Tier.FAIL ? "fail" : "warn").append("</td><td><code>")
                    .append(esc(Formats.criterion(r))).append("</code></td><td class=\"num\">")
                    .append(esc(Formats.value(r.actual(), r.unit()))).append("</td><td class=\"num\">")
                    .append(esc(Formats.threshold(r))).append("</td>");
            if (relative) {
                RelativeFigures f = r.relative();
                h.append("<td class=\"num\">").append(f == null ? "" : esc(Formats.value(f.referenceValue(), r.unit())))
                        .append("</td><td class=\"num\">").append(f == null ? "" : esc(Formats.signedPercent(f.changePct())))
                        .append("</td><td class=\"num\">").append(f == null ? "" : esc(Formats.pValue(f.pValue())))
                        .append("</td>");
            }
            h.append("<td>").append(esc(r.note())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
        if (evaluation.count(Outcome.NOT_EVALUATED) > 0) {
            h.append("<p class=\"meta\">Server metrics are not in JMeter results: ALT evaluates them in the cloud.</p>\n");
        }
    }

    private static void fault(StringBuilder h, RunAnalysis run) {
        h.append("<section id=\"fault\">\n<h2>Fault</h2>\n<ul>\n");
        if (run.plan().warmupEndMillis() != PhasePlan.NO_WARMUP) {
            h.append("<li class=\"warmup\">Warm-up (").append(esc(run.warmup().toString())).append("): rows before ")
                    .append(esc(Instant.ofEpochMilli(run.plan().warmupEndMillis()).toString())).append(" left out (")
                    .append(run.warmupRows()).append(" rows)</li>\n");
        }
        if (!run.plan().hasFaultWindows()) {
            h.append("<li>No fault window: no confirmed fault markers in the results and no --fault-window.</li>\n");
        }
        for (FaultWindow w : run.faultWindows()) {
            h.append("<li class=\"fault-window-item\">Fault window ")
                    .append(esc(PhasesConsole.window(w, run.lastSampleEndMillis())))
                    .append(w.experiments().isEmpty() ? "" : ", experiment " + esc(String.join(", ", w.experiments())))
                    .append(w.executions().isEmpty() ? "" : ", execution " + esc(String.join(", ", w.executions())))
                    .append(w.source() == FaultWindow.Source.OPTION ? " (--fault-window)" : " (fault markers)")
                    .append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void phases(StringBuilder h, RunAnalysis run, Evaluation evaluation) {
        if (run.phases().isEmpty()) {
            return;
        }
        h.append("<section>\n<h2>Before, during and after the fault</h2>\n<table id=\"phases\">\n<thead><tr><th rowspan=\"2\">flow</th>");
        for (PhaseStats p : run.phases()) {
            h.append("<th colspan=\"5\" class=\"phase-").append(p.phase().yamlName()).append("\">")
                    .append(p.phase().yamlName()).append(" <span class=\"meta\">")
                    .append(esc(DurationText.format(p.endMillis() - p.startMillis()))).append("</span></th>");
        }
        h.append("</tr>\n<tr>");
        for (int i = 0; i < run.phases().size(); i++) {
            h.append("<th>count</th><th>error %</th><th>p50</th><th>p95</th><th>p99</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        FlowSelection shown = FlowSelection.of(run.labels().keySet(), run.labels(), evaluation, FlowSelection.TABLE_ROWS);
        List<String> labels = new ArrayList<>();
        labels.add(null);
        labels.addAll(shown.labels());
        for (String label : labels) {
            h.append("<tr><td>").append(label == null ? "<b>overall</b>" : esc(label)).append("</td>");
            for (PhaseStats p : run.phases()) {
                SampleSummary s = label == null ? p.overall() : p.labels().get(label);
                Distribution d = s == null ? null : s.distribution(Metric.RESPONSE_TIME_MS);
                boolean any = d != null && d.count() > 0;
                h.append("<td class=\"num\">").append(s == null ? 0 : s.count()).append("</td><td class=\"num\">")
                        .append(s == null || s.count() == 0 ? "-" : esc(Formats.value(s.errorPct(), "")))
                        .append("</td><td class=\"num\">").append(any ? d.percentileMillis(50) : "-")
                        .append("</td><td class=\"num\">").append(any ? d.percentileMillis(95) : "-")
                        .append("</td><td class=\"num\">").append(any ? d.percentileMillis(99) : "-").append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        leftOut(h, shown, "this table", ": every label is in the --json report");
        h.append("</section>\n");
    }

    /** The page's notice of labels a table or the charts do not show (none when all are). */
    private static void leftOut(StringBuilder h, FlowSelection shown, String what, String where) {
        if (shown.partial()) {
            h.append("<p class=\"meta left-out\">").append(esc(shown.notice(what, where))).append("</p>\n");
        }
    }

    private static void recovery(StringBuilder h, RunAnalysis run, Evaluation evaluation,
            List<Recovery.FlowRecovery> all, RecoverySettings settings) {
        if (all.isEmpty()) {
            return;
        }
        List<String> measured = new ArrayList<>();
        for (Recovery.FlowRecovery f : all) {
            if (f.label() != null && f.signal() == RecoverySignal.RESPONSE_TIME_P95) {
                measured.add(f.label());
            }
        }
        FlowSelection shown = FlowSelection.of(measured, run.labels(), evaluation, FlowSelection.TABLE_ROWS);
        Set<String> rows = new HashSet<>(shown.labels());
        List<Recovery.FlowRecovery> flows = all.stream().filter(f -> f.label() == null || rows.contains(f.label()))
                .toList();
        h.append("<section>\n<h2>Recovery after the fault</h2>\n<p class=\"meta\">Seconds from the end of the fault"
                + " until the rolling ").append(esc(DurationText.format(settings.windowMillis())))
                .append(" p95 is within ").append(esc(Decimals.twoPlaces(settings.tolerancePct())))
                .append("% of its level before the fault and the error % within ")
                .append(esc(Decimals.twoPlaces(settings.errorTolerancePts()))).append(" point(s) of it, and stay so for ")
                .append(esc(DurationText.format(settings.holdMillis()))).append(".</p>\n<table id=\"recovery\">\n")
                .append("<thead><tr><th>flow</th><th>p95 response time</th><th>error %</th><th>note</th></tr></thead>\n<tbody>\n");
        for (Recovery.FlowRecovery f : flows) {
            if (f.signal() != RecoverySignal.RESPONSE_TIME_P95) {
                continue;
            }
            Recovery.FlowRecovery errors = flows.stream().filter(e -> e.signal() == RecoverySignal.ERROR_PCT
                    && Objects.equals(e.label(), f.label())).findFirst().orElse(null);
            List<String> notes = new ArrayList<>();
            for (Recovery.FlowRecovery x : new Recovery.FlowRecovery[] {f, errors}) {
                if (x != null && !x.note().isEmpty()) {
                    notes.add(x.signal().description() + ": " + x.note());
                }
            }
            h.append("<tr><td>").append(f.label() == null ? "<b>overall</b>" : esc(f.label())).append("</td><td class=\"num ")
                    .append(f.recovered() ? "pass" : "fail").append("\">").append(esc(PhasesConsole.figure(f)))
                    .append("</td><td class=\"num ").append(errors != null && errors.recovered() ? "pass" : "fail")
                    .append("\">").append(esc(PhasesConsole.figure(errors))).append("</td><td>")
                    .append(esc(String.join("; ", notes))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        leftOut(h, shown, "this table", "");
        int unread = run.timeline() == null ? 0 : run.timeline().labelsLeftOut();
        if (unread > 0) {
            h.append("<p class=\"meta left-out\">").append(esc(FlowSelection.notOverTime(unread))).append("</p>\n");
        }
        h.append("</section>\n");
    }

    /** The flows charted besides overall: those with time cells of their own, at most {@link FlowSelection#CHARTS}. */
    private static FlowSelection charted(RunAnalysis run, Evaluation evaluation) {
        List<String> labels = new ArrayList<>();
        if (run.timeline() != null) {
            for (String l : run.timeline().labels()) {
                if (!l.startsWith(FaultMarker.RESERVED_LABEL_PREFIX)) {
                    labels.add(l);
                }
            }
        }
        return FlowSelection.of(labels, run.labels(), evaluation, FlowSelection.CHARTS);
    }

    /** The chart data: run span, shaded windows, and per flow shown (overall first) the points. */
    static String data(RunAnalysis run, FlowSelection charted) {
        ObjectNode root = MAPPER.createObjectNode();
        Timeline timeline = run.timeline();
        ArrayNode windows = root.putArray("faultWindows");
        for (FaultWindow w : run.faultWindows()) {
            ObjectNode n = windows.addObject();
            n.put("start", w.startMillis());
            n.put("end", w.openEnded() ? run.lastSampleEndMillis() : w.endMillis());
            n.put("title", "fault " + String.join(", ", w.experiments()));
        }
        if (run.plan().warmupEndMillis() != PhasePlan.NO_WARMUP) {
            ObjectNode n = root.putObject("warmup");
            n.put("start", run.firstSampleMillis());
            n.put("end", run.plan().warmupEndMillis());
        }
        ArrayNode flows = root.putArray("flows");
        if (timeline == null) {
            return write(root);
        }
        root.put("start", timeline.firstMillis());
        root.put("end", timeline.endMillis());
        long cells = Math.floorDiv(timeline.endMillis() - 1, timeline.widthMillis())
                - Math.floorDiv(timeline.firstMillis(), timeline.widthMillis()) + 1;
        int factor = (int) Math.max(1, (cells + MAX_POINTS - 1) / MAX_POINTS);
        root.put("stepMillis", timeline.widthMillis());
        root.put("pointMillis", factor * timeline.widthMillis());
        root.put("flowsLeftOut", charted.leftOut());
        List<String> labels = new ArrayList<>();
        labels.add(null);
        labels.addAll(charted.labels());
        int last = timeline.segments().size() - 1;
        for (String label : labels) {
            Steps steps = timeline.steps(label, 0, last, Long.MIN_VALUE, Long.MAX_VALUE);
            Steps shown = steps.merged(factor);
            ObjectNode flow = flows.addObject();
            flow.put("name", label == null ? "overall" : label);
            ArrayNode t = flow.putArray("t");
            ArrayNode p50 = flow.putArray("p50");
            ArrayNode p95 = flow.putArray("p95");
            ArrayNode p99 = flow.putArray("p99");
            ArrayNode rps = flow.putArray("rps");
            ArrayNode eps = flow.putArray("errors");
            for (int i = 0; i < shown.size(); i++) {
                TimeCell c = shown.cell(i);
                // Rates over the nominal step: the first and last steps are cut to the run, and would spike.
                double seconds = (double) factor * timeline.widthMillis() / 1000.0;
                t.add(shown.start(i));
                if (c == null || c.rows() == 0) {
                    p50.addNull();
                    p95.addNull();
                    p99.addNull();
                    rps.add(0);
                    eps.add(0);
                } else {
                    p50.add(c.percentileMillis(50));
                    p95.add(c.percentileMillis(95));
                    p99.add(c.percentileMillis(99));
                    rps.add(round(c.rows() / seconds));
                    eps.add(round(c.errors() / seconds));
                }
            }
        }
        return write(root);
    }

    /**
     * JSON that can sit inside a {@code <script>} element whatever its strings hold: the HTML parser ends the element
     * at {@code </script}, and after {@code <!--} followed by {@code <script} it stops looking for the end, so the
     * page's own script would become data and no chart would be drawn. Every {@code <}, {@code >} and {@code &} is
     * written as a JSON escape instead ({@code \u003c}), which only ever occurs inside a JSON string.
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data failed to serialize", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("html/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource html/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTML text and attribute escaping. */
    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
