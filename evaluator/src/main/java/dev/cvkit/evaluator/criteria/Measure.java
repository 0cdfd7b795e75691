package dev.cvkit.evaluator.criteria;

/**
 * What a criterion measures: an aggregate of a metric over its scope's rows ({@link ClientMeasure}), or the
 * time a flow took to recover after a fault ({@link RecoveryMeasure}).
 */
public sealed interface Measure permits ClientMeasure, RecoveryMeasure {

    /** The measure as written in a criteria file, e.g. {@code p95(response_time_ms)}. */
    String text();

    /** Unit of the measured value as printed after a number ({@code ms}, {@code /s}, {@code %}, or empty). */
    String unit();
}
