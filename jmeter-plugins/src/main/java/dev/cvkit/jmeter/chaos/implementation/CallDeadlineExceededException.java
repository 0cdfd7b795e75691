package dev.cvkit.jmeter.chaos.implementation;

import java.time.Duration;

/**
 * Thrown before a try is sent when its call's deadline has passed. Deliberately neither an
 * {@code IOException} nor a {@code TimeoutException}: the retry policy must not retry it.
 */
public final class CallDeadlineExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration budget;

    public CallDeadlineExceededException(Duration budget) {
        super("the call's time budget of " + budget.toMillis() + " ms is used up");
        this.budget = budget;
    }

    public Duration budget() {
        return budget;
    }
}
