package dev.cvkit.evaluator.criteria;

/**
 * What the measured value is compared with. Sealed so that a threshold relative to a recorded reference
 * run can join later as another record.
 */
public sealed interface Threshold permits AbsoluteThreshold {
}
