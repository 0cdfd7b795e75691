package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.Decimals;
import dev.cvkit.evaluator.analysis.PhaseStats;
import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Outcome;
import dev.cvkit.evaluator.criteria.RelativeFigures;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.timeline.RecoverySignal;
import dev.cvkit.evaluator.text.LogText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code --markdown} pipeline summary (also appended to {@code GITHUB_STEP_SUMMARY}): the verdict,
 * the criteria table, then the statistics per label in a collapsed section.
 */
public final class MarkdownSummary {

    private MarkdownSummary() {
    }

    public static String of(Evaluation evaluation, RunStats stats, List<String> inputs) {
        return of(evaluation, RunAnalysis.of(stats), List.of(), inputs);
    }

    /** With the fault phases: the before/during/after comparison and the recovery figures after the criteria. */
    public static String of(Evaluation evaluation, RunAnalysis stats, List<Recovery.FlowRecovery> recovery,
            List<String> inputs) {
        StringBuilder md = new StringBuilder();
        md.append("### cvkit evaluate: ").append(icon(evaluation)).append(' ')
                .append(evaluation.verdict().jsonName().toUpperCase(Locale.ROOT)).append("\n\n");
        md.append(ConsoleCriteriaReport.verdictLine(evaluation).replaceFirst("^Verdict: \\S+ ", ""))
                .append(" · criteria ").append(code(evaluation.criteriaSource()))
                .append(" · results ").append(String.join(", ", inputs.stream().map(MarkdownSummary::code).toList()))
                .append("\n\n");
        if (evaluation.reference() != null) {
            md.append(text(ConsoleCriteriaReport.referenceLine(evaluation.reference()))).append("\n\n");
        }
        boolean relative = evaluation.hasRelative();
        md.append(relative
                ? "| outcome | criterion | actual | threshold | reference | change | p | note |\n|---|---|---|---|---|---|---|---|\n"
                : "| outcome | criterion | actual | threshold | note |\n|---|---|---|---|---|\n");
        for (CriterionResult r : evaluation.results()) {
            md.append("| ").append(outcome(r.outcome()))
                    .append(" | ").append(code(Formats.criterion(r)))
                    .append(r.tier() == dev.cvkit.evaluator.criteria.Tier.WARN ? " (warn)" : "")
                    .append(" | ").append(cell(Formats.value(r.actual(), r.unit())))
                    .append(" | ").append(cell(Formats.threshold(r)));
            if (relative) {
                RelativeFigures f = r.relative();
                md.append(" | ").append(f == null ? "" : cell(Formats.value(f.referenceValue(), r.unit())))
                        .append(" | ").append(f == null ? "" : cell(Formats.signedPercent(f.changePct())))
                        .append(" | ").append(f == null ? "" : cell(Formats.pValue(f.pValue())));
            }
            md.append(" | ").append(text(r.note()))
                    .append(" |\n");
        }
        if (!stats.warnings().isEmpty()) {
            md.append("\n**Warnings while reading the results**\n\n");
            for (String w : stats.warnings()) {
                md.append("- ").append(text(w)).append('\n');
            }
        }
        FlowSelection shown = FlowSelection.of(stats.labels().keySet(), stats.labels(), evaluation,
                FlowSelection.TABLE_ROWS);
        phases(md, stats, recovery, shown);
        md.append("\n<details><summary>Statistics per label (elapsed, ms)</summary>\n\n");
        md.append("| label | count | error % | mean | p50 | p90 | p95 | p99 | rps |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        statsRow(md, "**overall**", stats.overall());
        for (String label : shown.labels()) {
            statsRow(md, text(label), stats.labels().get(label));
        }
        leftOut(md, shown, "this table");
        md.append("\n</details>\n");
        return bounded(md.toString(), MAX_BYTES);
    }

    /**
     * The most a summary takes, in UTF-8 bytes: GitHub refuses a step summary beyond 1 MiB ("each step is restricted
     * to a maximum size of 1MiB", and the whole summary is then lost), and a summary must also fit beside what other
     * commands of the same step wrote. The per-label tables are cut to {@link FlowSelection#TABLE_ROWS} rows long
     * before this; what is left to cut is criteria and warnings by the thousand.
     */
    public static final int MAX_BYTES = 512 * 1024;

    /**
     * {@code markdown} cut to at most {@code maxBytes} UTF-8 bytes, at a line end, with a line saying so; as it is
     * when it fits. Empty when not even that line fits.
     */
    public static String bounded(String markdown, int maxBytes) {
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return markdown;
        }
        String note = "\n\n**Summary cut here**: it would exceed " + maxBytes / 1024 + " KiB (" + bytes.length / 1024
                + " KiB in all); the --json report has everything.\n";
        int room = maxBytes - note.getBytes(StandardCharsets.UTF_8).length;
        if (room <= 0) {
            return "";
        }
        int end = room;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + note;
    }

    /** The line under a table that shows only some labels. */
    private static void leftOut(StringBuilder md, FlowSelection shown, String what) {
        if (shown.partial()) {
            md.append("\n").append(text(shown.notice(what, ": every label is in the --json report"))).append("\n");
        }
    }

    private static void phases(StringBuilder md, RunAnalysis run, List<Recovery.FlowRecovery> recovery,
            FlowSelection shown) {
        if (!run.plan().hasFaultWindows()) {
            return;
        }
        md.append("\n**Fault phases**");
        for (FaultWindow w : run.faultWindows()) {
            md.append(" · fault ").append(text(dev.cvkit.evaluator.report.PhasesConsole.window(w, run.lastSampleEndMillis())));
        }
        md.append("\n\n| label |");
        StringBuilder rule = new StringBuilder("|---|");
        for (PhaseStats p : run.phases()) {
            md.append(' ').append(p.phase().yamlName()).append(" p95 ms | ").append(p.phase().yamlName())
                    .append(" error % |");
            rule.append("---:|---:|");
        }
        md.append('\n').append(rule).append('\n');
        List<String> labels = new ArrayList<>(shown.labels());
        labels.add(null);
        for (String label : labels) {
            md.append("| ").append(label == null ? "**overall**" : text(label)).append(" |");
            for (PhaseStats p : run.phases()) {
                SampleSummary s = label == null ? p.overall() : p.labels().get(label);
                Distribution d = s == null ? null : s.distribution(Metric.RESPONSE_TIME_MS);
                md.append(' ').append(d == null || d.count() == 0 ? "-" : d.percentileMillis(95)).append(" | ")
                        .append(s == null || s.count() == 0 ? "-" : Formats.value(s.errorPct(), "")).append(" |");
            }
            md.append('\n');
        }
        leftOut(md, shown, "this table");
        if (!recovery.isEmpty()) {
            Set<String> rows = new HashSet<>(shown.labels());
            md.append("\n| recovery | p95 response time | error % |\n|---|---:|---:|\n");
            int measured = 0;
            for (Recovery.FlowRecovery f : recovery) {
                if (f.signal() != RecoverySignal.RESPONSE_TIME_P95) {
                    continue;
                }
                if (f.label() != null && !rows.contains(f.label())) {
                    measured++;
                    continue;
                }
                Recovery.FlowRecovery errors = recovery.stream().filter(e -> e.signal() == RecoverySignal.ERROR_PCT
                        && Objects.equals(e.label(), f.label())).findFirst().orElse(null);
                md.append("| ").append(f.label() == null ? "**overall**" : text(f.label())).append(" | ")
                        .append(PhasesConsole.figure(f)).append(" | ").append(PhasesConsole.figure(errors)).append(" |\n");
            }
            if (measured > 0) {
                md.append("\n").append(String.format(Locale.ROOT, "%,d more labels' recovery figures are in"
                        + " the --json report", measured)).append("\n");
            }
            if (run.timeline() != null && run.timeline().labelsLeftOut() > 0) {
                md.append("\n").append(text(FlowSelection.notOverTime(run.timeline().labelsLeftOut()))).append("\n");
            }
        }
    }

    private static void statsRow(StringBuilder md, String label, SampleSummary s) {
        Distribution d = s.distribution(Metric.RESPONSE_TIME_MS);
        boolean any = d.count() > 0;
        md.append("| ").append(label)
                .append(" | ").append(s.count())
                .append(" | ").append(Formats.value(s.errorPct(), ""))
                .append(" | ").append(any ? Decimals.twoPlaces(d.meanMillis()) : "-")
                .append(" | ").append(any ? d.percentileMillis(50) : "-")
                .append(" | ").append(any ? d.percentileMillis(90) : "-")
                .append(" | ").append(any ? d.percentileMillis(95) : "-")
                .append(" | ").append(any ? d.percentileMillis(99) : "-")
                .append(" | ").append(Formats.value(s.requestsPerSecond(), ""))
                .append(" |\n");
    }

    private static String icon(Evaluation e) {
        return switch (e.verdict()) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
        };
    }

    private static String outcome(Outcome o) {
        return switch (o) {
            case PASS -> "✅ pass";
            case WARN -> "⚠️ warn";
            case FAIL -> "❌ fail";
            case NOT_EVALUATED -> "➖ not evaluated";
        };
    }

    /** A table cell: pipes escaped, line breaks flattened. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /**
     * Text from the inputs in the summary, shown as written and never as markup: control characters (terminal
     * sequences) as escapes ({@link LogText#visibleControls}), no HTML, every character that could open a link, an
     * image, emphasis, code or a heading escaped, and the forms GitHub turns into links by themselves ({@code ://},
     * {@code www.}, e-mail addresses) broken with a character reference, which the link finder does not read through.
     */
    static String text(String text) {
        String t = LogText.visibleControls(text);
        StringBuilder b = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '!', '~', '#' -> b.append('\\').append(c);
                case '@' -> b.append("&#64;");
                case ':' -> b.append(t.startsWith("//", i + 1) ? "&#58;" : ":");
                case '.' -> b.append(i >= 3 && t.regionMatches(true, i - 3, "www", 0, 3) ? "&#46;" : ".");
                default -> b.append(c);
            }
        }
        return cell(b.toString());
    }

    /** Inline code that survives any backticks inside: fenced by a longer run of them (code is never a link). */
    static String code(String text) {
        String t = cell(LogText.visibleControls(text));
        int longest = 0;
        int run = 0;
        for (int i = 0; i < t.length(); i++) {
            run = t.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        // A space between fence and a backtick inside keeps them apart; CommonMark strips one space each side.
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return fence + pad + t + pad + fence;
    }
}
