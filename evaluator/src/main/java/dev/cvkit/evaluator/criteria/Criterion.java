package dev.cvkit.evaluator.criteria;

import java.util.Objects;

/**
 * One failure (or warning) condition of a criteria file, e.g. {@code GetCustomerDetails: avg(latency) > 200}.
 * As in Azure Load Testing, the criterion <em>holds</em> when {@code measure <comparison> threshold} is
 * true, and a holding criterion fails the run (or warns, for {@link Tier#WARN}).
 *
 * @param text       the criterion as written (with its label), for reports
 * @param location   where it was written
 * @param tier       fail or warn
 * @param scope      the phase and label whose rows are judged
 * @param measure    what is measured on those rows
 * @param comparison the operator
 * @param threshold  what the measured value is compared with
 */
public record Criterion(
        String text,
        SourceLocation location,
        Tier tier,
        Scope scope,
        Measure measure,
        Comparison comparison,
        Threshold threshold) {

    public Criterion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(threshold, "threshold");
    }
}
