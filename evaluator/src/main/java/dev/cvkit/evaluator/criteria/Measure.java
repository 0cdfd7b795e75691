package dev.cvkit.evaluator.criteria;

/**
 * What a criterion measures on its scope's rows. A sealed hierarchy so that further kinds (recovery time
 * after a fault) join as new records without changing the existing ones.
 */
public sealed interface Measure permits ClientMeasure {

    /** The measure as written in a criteria file, e.g. {@code p95(response_time_ms)}. */
    String text();

    /** Unit of the measured value as printed after a number ({@code ms}, {@code /s}, {@code %}, or empty). */
    String unit();
}
