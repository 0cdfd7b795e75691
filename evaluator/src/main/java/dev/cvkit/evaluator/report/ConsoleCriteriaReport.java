package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.text.LogText;
import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Outcome;
import dev.cvkit.evaluator.criteria.ReferenceRunInfo;
import dev.cvkit.evaluator.criteria.RelativeFigures;
import dev.cvkit.evaluator.criteria.Tier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console part of {@code cvkit evaluate} after the statistics table: each criterion with its
 * outcome, tier, actual value and threshold (and why, when it could not be judged), then the verdict line.
 */
public final class ConsoleCriteriaReport {

    private static final String[] HEADER = {"outcome", "tier", "criterion", "actual", "threshold", "note"};
    private static final String[] RELATIVE_HEADER =
            {"outcome", "tier", "criterion", "actual", "threshold", "reference", "change", "p", "note"};

    private ConsoleCriteriaReport() {
    }

    /**
     * Prints the criteria table and the verdict line. When any criterion is relative to a reference run,
     * the table also shows the reference value, the change and its p-value, and a line names the reference.
     */
    public static void print(Evaluation evaluation, PrintWriter out) {
        out.println();
        out.println("Criteria from " + LogText.inline(evaluation.criteriaSource()) + ":");
        if (evaluation.reference() != null) {
            out.println(LogText.inline(referenceLine(evaluation.reference())));
        }
        boolean relative = evaluation.hasRelative();
        String[] header = relative ? RELATIVE_HEADER : HEADER;
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (CriterionResult r : evaluation.results()) {
            List<String> row = new ArrayList<>(List.of(
                    outcomeName(r.outcome()),
                    r.tier() == Tier.FAIL ? "fail" : "warn",
                    LogText.inline(Formats.criterion(r)),
                    Formats.value(r.actual(), r.unit()),
                    Formats.threshold(r)));
            if (relative) {
                RelativeFigures f = r.relative();
                row.add(f == null ? "" : Formats.value(f.referenceValue(), r.unit()));
                row.add(f == null ? "" : Formats.signedPercent(f.changePct()));
                row.add(f == null ? "" : Formats.pValue(f.pValue()));
            }
            row.add(LogText.inline(r.note()));
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < widths.length; i++) {
                line.append(pad(row[i], widths[i])).append("  ");
            }
            line.append(row[header.length - 1]);
            out.println(line.toString().stripTrailing());
        }
        out.println();
        out.println(verdictLine(evaluation));
        out.flush();
    }

    /** {@code Reference run: ref.json, recorded 2026-01-02T03:04:05Z from a.jtl}. */
    public static String referenceLine(ReferenceRunInfo reference) {
        return "Reference run: " + reference.source() + ", recorded " + reference.recordedAt()
                + (reference.sources().isEmpty() ? "" : " from " + String.join(", ", reference.sources()));
    }

    /** {@code Verdict: FAIL (2 failed, 1 warned, 3 passed, 1 not evaluated)}. */
    public static String verdictLine(Evaluation evaluation) {
        List<String> parts = new ArrayList<>();
        addCount(parts, evaluation.count(Outcome.FAIL), "failed");
        addCount(parts, evaluation.count(Outcome.WARN), "warned");
        addCount(parts, evaluation.count(Outcome.PASS), "passed");
        addCount(parts, evaluation.count(Outcome.NOT_EVALUATED), "not evaluated");
        return "Verdict: " + evaluation.verdict().jsonName().toUpperCase(Locale.ROOT) + " (" + String.join(", ", parts) + ")";
    }

    private static void addCount(List<String> parts, long count, String what) {
        if (count > 0) {
            parts.add(count + " " + what);
        }
    }

    static String outcomeName(Outcome outcome) {
        return outcome == Outcome.NOT_EVALUATED ? "NOT EVALUATED" : outcome.jsonName().toUpperCase(Locale.ROOT);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
