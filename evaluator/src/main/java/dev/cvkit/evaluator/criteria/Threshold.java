package dev.cvkit.evaluator.criteria;

/**
 * What the measured value is compared with: a fixed number ({@link AbsoluteThreshold}) or a change
 * relative to a recorded reference run ({@link RelativeThreshold}).
 */
public sealed interface Threshold permits AbsoluteThreshold, RelativeThreshold {
}
