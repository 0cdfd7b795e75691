package dev.cvkit.evaluator.criteria;

/**
 * A fixed number in the measure's unit (milliseconds, requests per second, requests, or percent).
 */
public record AbsoluteThreshold(double value) implements Threshold {
    public AbsoluteThreshold {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold must be a finite number, got " + value);
        }
    }
}
