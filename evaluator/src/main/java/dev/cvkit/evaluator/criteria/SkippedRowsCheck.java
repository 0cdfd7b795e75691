package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.Decimals;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --lenient} skipped can decide no plain pass. Skipped rows are in no figure, and a malformed row may be
 * exactly a failing one (a failure message with an unquoted comma shifts its fields), so the gate adds a check of its
 * own to the criteria when the skipped rows could hide what the criteria judge:
 *
 * <ul>
 *   <li>warn: the skipped rows are more than {@value #WARN_PCT}% of the rows read, or at least as many as the failed
 *       requests counted (they could be every failure);</li>
 *   <li>fail: they are more than {@value #FAIL_PCT}% of the rows read: the figures describe less than half the
 *       run.</li>
 * </ul>
 *
 * The check names the first skipped row (file and line) and shows in every report as a criterion of its own.
 */
public final class SkippedRowsCheck {

    static final double WARN_PCT = 1;
    static final double FAIL_PCT = 50;
    /** How the check reads in the reports. */
    public static final String TEXT = "rows skipped by --lenient";

    private SkippedRowsCheck() {
    }

    /** {@code evaluation}, with the check added (and the verdict it gives) when the skipped rows could matter. */
    public static Evaluation apply(Evaluation evaluation, RunStats stats) {
        RowCounts rows = stats.rowCounts();
        long skipped = rows.skipped();
        if (skipped == 0) {
            return evaluation;
        }
        long read = rows.total() + skipped;
        double pct = 100.0 * skipped / read;
        long errors = stats.overall().errorCount();
        boolean fail = pct > FAIL_PCT;
        if (!fail && pct <= WARN_PCT && skipped < errors) {
            return evaluation;
        }
        String why = fail
                ? "more than " + Decimals.twoPlaces(FAIL_PCT) + "% of the rows: the figures describe less than half the"
                        + " run"
                : pct > WARN_PCT ? "more than " + Decimals.twoPlaces(WARN_PCT) + "% of the rows"
                : "at least as many as the " + errors + " failed request(s) counted: they could be every failure";
        String note = skipped + " of " + read + " rows skipped as malformed, the first at " + rows.firstSkipped()
                + "; " + why + " (--lenient warns above " + Decimals.twoPlaces(WARN_PCT) + "% or from as many as the"
                + " failures, fails above " + Decimals.twoPlaces(FAIL_PCT) + "%)";
        Tier tier = fail ? Tier.FAIL : Tier.WARN;
        CriterionResult check = new CriterionResult(TEXT, location(rows.firstSkipped()), tier, Scope.WHOLE_RUN, null,
                pct, fail ? FAIL_PCT : WARN_PCT, "%", fail ? Outcome.FAIL : Outcome.WARN, note);
        List<CriterionResult> results = new ArrayList<>(evaluation.results());
        results.add(check);
        return new Evaluation(evaluation.criteriaSource(), results, Verdict.of(results), evaluation.reference());
    }

    /** A row's place as a criterion's location, whose line is an int. */
    private static SourceLocation location(RowCounts.Place row) {
        return new SourceLocation(row.file(), (int) Math.max(1, Math.min(Integer.MAX_VALUE, row.line())));
    }
}
