package dev.cvkit.sandbox.chaos;

/**
 * An experiment definition is not what Chaos Studio accepts. The message names the source (file or request)
 * and the JSON path of the first problem, e.g.
 * {@code experiments/stamp-failure.json: properties.steps[0].branches[0].actions[0].duration: expected an ISO-8601 duration such as PT5M or PT30S, got '5m'}.
 */
public final class InvalidExperimentException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidExperimentException(String message) {
        super(message);
    }
}
