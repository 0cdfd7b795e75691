package dev.cvkit.evaluator.criteria;

import java.util.Objects;

/**
 * One criterion as the reports show it: what was asked, what was measured, and the outcome.
 *
 * @param text      the criterion as written
 * @param location  where it was written
 * @param tier      fail or warn
 * @param phase     the phase judged: {@link Scope#WHOLE_RUN}, {@code before}, {@code during} or {@code after}
 * @param label     the label judged, or {@code null} for the overall figures
 * @param actual    the measured value, or {@code null} when it could not be measured or was not evaluated
 * @param threshold the threshold, or {@code null} for a criterion that is not evaluated locally
 * @param unit      unit of {@code actual} and {@code threshold} ({@code ms}, {@code /s}, {@code %} or empty)
 * @param outcome   pass, warn, fail or not evaluated
 * @param note      why, when the outcome needs explaining (unknown label, no data); otherwise empty
 * @param relative  for a criterion relative to a reference run: the reference value, change and p-value
 *                  ({@code actual} is then the current value and {@code threshold} the percentage);
 *                  null for an absolute criterion
 * @param sustained for a {@code ... for 30s} criterion: the window and how long the condition held; else null
 */
public record CriterionResult(
        String text,
        SourceLocation location,
        Tier tier,
        String phase,
        String label,
        Double actual,
        Double threshold,
        String unit,
        Outcome outcome,
        String note,
        RelativeFigures relative,
        SustainedFigures sustained) {

    public CriterionResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(note, "note");
    }

    /** An absolute criterion's result. */
    public CriterionResult(String text, SourceLocation location, Tier tier, String phase, String label, Double actual,
            Double threshold, String unit, Outcome outcome, String note) {
        this(text, location, tier, phase, label, actual, threshold, unit, outcome, note, null, null);
    }

    /** A relative criterion's result. */
    public CriterionResult(String text, SourceLocation location, Tier tier, String phase, String label, Double actual,
            Double threshold, String unit, Outcome outcome, String note, RelativeFigures relative) {
        this(text, location, tier, phase, label, actual, threshold, unit, outcome, note, relative, null);
    }

    /** Whether the criterion compares against a reference run. */
    public boolean isRelative() {
        return relative != null;
    }
}
