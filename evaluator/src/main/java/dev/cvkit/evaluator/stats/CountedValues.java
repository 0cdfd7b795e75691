package dev.cvkit.evaluator.stats;

/**
 * A {@link Distribution} that can list what it recorded: the seam through which reference runs and
 * significance tests see a label's whole distribution rather than a few percentiles.
 */
public interface CountedValues {

    /**
     * Calls {@code action} once per distinct recorded value in ascending order, with how many times it was
     * recorded. A bucketing implementation reports each non-empty bucket once, as the value its
     * percentiles report for that bucket (never below the bucket's smallest recorded value, never above
     * the largest); the counts add up to {@link Distribution#count()}.
     */
    void forEachAscending(ValueCountAction action);

    /** Receives one value and its count. */
    @FunctionalInterface
    interface ValueCountAction {
        void accept(long valueMillis, long count);
    }
}
