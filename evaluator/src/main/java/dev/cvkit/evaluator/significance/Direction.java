package dev.cvkit.evaluator.significance;

/** The change a one-sided test looks for: the current run's figure above, or below, the reference's. */
public enum Direction {
    /** The current figure is larger (slower responses, more errors, more requests). */
    INCREASE,
    /** The current figure is smaller (fewer requests per second, faster responses). */
    DECREASE
}
