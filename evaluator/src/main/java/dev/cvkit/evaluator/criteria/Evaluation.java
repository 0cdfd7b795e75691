package dev.cvkit.evaluator.criteria;

import java.util.List;
import java.util.Objects;

/**
 * The judgement of one set of results against one criteria file.
 *
 * @param criteriaSource the criteria file as the user named it
 * @param results        every criterion in file order, server-metric criteria last
 * @param verdict        the overall verdict
 * @param reference      the reference run file relative criteria compared against, or null when none was given
 */
public record Evaluation(String criteriaSource, List<CriterionResult> results, Verdict verdict, ReferenceRunInfo reference) {
    public Evaluation {
        Objects.requireNonNull(criteriaSource, "criteriaSource");
        results = List.copyOf(results);
        Objects.requireNonNull(verdict, "verdict");
    }

    /** An evaluation without a reference run. */
    public Evaluation(String criteriaSource, List<CriterionResult> results, Verdict verdict) {
        this(criteriaSource, results, verdict, null);
    }

    /** Whether any criterion compares against a reference run. */
    public boolean hasRelative() {
        return results.stream().anyMatch(CriterionResult::isRelative);
    }

    /** How many results have the given outcome. */
    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
