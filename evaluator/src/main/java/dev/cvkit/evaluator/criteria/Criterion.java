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
 * @param windowMillis for {@code ... for 30s}: the length the condition must hold for, judged on the
 *                   sustained level of the per-step value (see {@code timeline.SustainedLevel}); 0 for a
 *                   criterion judged on the scope's rows as a whole
 */
public record Criterion(
        String text,
        SourceLocation location,
        Tier tier,
        Scope scope,
        Measure measure,
        Comparison comparison,
        Threshold threshold,
        long windowMillis) {

    public Criterion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(threshold, "threshold");
        if (windowMillis < 0) {
            throw new IllegalArgumentException("window must be >= 0, got " + windowMillis);
        }
    }

    /** A criterion judged on its scope's rows as a whole. */
    public Criterion(String text, SourceLocation location, Tier tier, Scope scope, Measure measure,
            Comparison comparison, Threshold threshold) {
        this(text, location, tier, scope, measure, comparison, threshold, 0);
    }

    /** Whether the condition must hold over a time window ({@code for 30s}). */
    public boolean sustained() {
        return windowMillis > 0;
    }
}
