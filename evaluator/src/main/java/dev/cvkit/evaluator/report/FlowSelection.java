package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Which labels a report shows one by one. A run with ids in its URLs has tens of thousands of labels: a table or a
 * chart per label makes a page of hundreds of megabytes and a summary GitHub refuses (1 MiB per step). So a report
 * shows at most a limit of them: every label a criterion names, then the busiest (most rows), then those with the
 * most errors (a quarter of the room, so that a failing flow with few rows still shows), in the order the statistics
 * list them; and says how many it left out.
 *
 * @param labels  the labels to show, in the order given
 * @param leftOut how many of the labels given are not shown
 */
public record FlowSelection(List<String> labels, int leftOut) {

    /** Rows of a table per label in the Markdown summary and the HTML report. */
    public static final int TABLE_ROWS = 100;
    /** Flows charted in the HTML report besides overall (each chart embeds some 20 KB of points). */
    public static final int CHARTS = 50;

    public FlowSelection {
        labels = List.copyOf(labels);
    }

    /**
     * @param candidates the labels that could be shown, in the order to show them
     * @param stats      every label's figures (for the rows and errors); a candidate without figures ranks last
     */
    public static FlowSelection of(Collection<String> candidates, Map<String, SampleSummary> stats,
            Evaluation evaluation, int limit) {
        if (candidates.size() <= limit) {
            return new FlowSelection(new ArrayList<>(candidates), 0);
        }
        Set<String> chosen = new HashSet<>();
        Set<String> named = new HashSet<>();
        if (evaluation != null) {
            for (CriterionResult r : evaluation.results()) {
                if (r.label() != null) {
                    named.add(r.label());
                }
            }
        }
        for (String l : candidates) {
            if (named.contains(l) && chosen.size() < limit) {
                chosen.add(l);
            }
        }
        int busiest = chosen.size() + (limit - chosen.size()) * 3 / 4;
        pick(candidates, stats, SampleSummary::count, busiest, chosen);
        pick(candidates, stats, SampleSummary::errorCount, limit, chosen);
        pick(candidates, stats, SampleSummary::count, limit, chosen);
        List<String> shown = new ArrayList<>();
        for (String l : candidates) {
            if (chosen.contains(l)) {
                shown.add(l);
            }
        }
        return new FlowSelection(shown, candidates.size() - shown.size());
    }

    /** Adds the candidates ranking highest (first seen among equals) until {@code chosen} holds {@code upTo}. */
    private static void pick(Collection<String> candidates, Map<String, SampleSummary> stats,
            ToLongFunction<SampleSummary> rank, int upTo, Set<String> chosen) {
        if (chosen.size() >= upTo) {
            return;
        }
        List<String> order = new ArrayList<>();
        for (String l : candidates) {
            SampleSummary s = stats.get(l);
            // Only labels with something to rank by: a flow without errors is not one of "the most errors".
            if (!chosen.contains(l) && s != null && rank.applyAsLong(s) > 0) {
                order.add(l);
            }
        }
        // Stable: among equals, the first seen stays first.
        order.sort((a, b) -> Long.compare(rank.applyAsLong(stats.get(b)), rank.applyAsLong(stats.get(a))));
        for (String l : order) {
            if (chosen.size() >= upTo) {
                return;
            }
            chosen.add(l);
        }
    }

    /** Whether labels were left out. */
    public boolean partial() {
        return leftOut > 0;
    }

    /**
     * What a report says under what it cut, e.g. "69,900 of 70,000 labels left out of this table (shown: ...)".
     *
     * @param what  what was cut, e.g. "this table"
     * @param where where the rest is, e.g. ": every label is in the --json report", or empty
     */
    public String notice(String what, String where) {
        return String.format(Locale.ROOT, "%,d of %,d labels left out of %s (shown: those criteria name, the busiest"
                + " and those with the most errors)%s", leftOut, labels.size() + leftOut, what, where);
    }

    /** Why labels have no figures over time: more labels than the time cells keep one by one. */
    public static String notOverTime(int labels) {
        return String.format(Locale.ROOT, "%,d labels were not read over time on their own (more labels than the time"
                + " cells keep one by one; the least busy are left out, never one a criterion names): they count in"
                + " overall's figures over time, and have no recovery figures or charts of their own", labels);
    }
}
