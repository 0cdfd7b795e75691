package dev.cvkit.evaluator.markers;

/**
 * A fault-marker row this evaluator cannot read as the contract says: a newer marker format, or a window
 * value that is not what the contract allows. The message says what was found and what was expected.
 */
public final class MarkerFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MarkerFormatException(String message) {
        super(message);
    }
}
