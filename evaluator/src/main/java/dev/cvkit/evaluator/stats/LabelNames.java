package dev.cvkit.evaluator.stats;

/**
 * The labels a reader has met, numbered {@code 0..size()-1} in order of first appearance. Sinks receive
 * label ids (ints, so that no object is made per row) and turn them into names only when they report.
 */
public interface LabelNames {

    /** Number of labels known so far. */
    int size();

    /** The label with this id. */
    String name(int labelId);

    /** The id of {@code name}, registering it (as the next id) when it is new. */
    int intern(String name);
}
