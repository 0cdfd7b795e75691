package dev.cvkit.evaluator.stats;

/**
 * What a results row stands for. Every row counts in its own label's statistics; only {@link #REQUEST}
 * rows count in {@code overall} (see the evaluator README, "What overall counts").
 */
public enum RowKind {
    /** An ordinary sample: a request or any sampler's result. */
    REQUEST,
    /** A Transaction Controller's row: its responseMessage starts with {@code Number of samples in transaction}. */
    TRANSACTION,
    /** A sub-result (redirect, embedded resource) of the row before it, already timed inside its parent. */
    SUB_RESULT,
    /** One of cvkit's own rows: its label starts with {@code cvkit:} (fault markers). */
    MARKER;

    /** Whether rows of this kind count in {@code overall}. */
    public boolean countsInOverall() {
        return this == REQUEST;
    }
}
