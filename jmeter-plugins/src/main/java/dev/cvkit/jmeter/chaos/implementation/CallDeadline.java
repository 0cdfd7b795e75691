package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.util.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * The moment by which a whole call (every retry and every wait included) must be over, so that a JMeter
 * thread never waits beyond its configured timeout. It travels in the azure-core {@link Context} of a call;
 * {@link DeadlineBindingPolicy} makes it visible to the retry strategy, which cannot see the context.
 */
public final class CallDeadline {

    /** Key of the deadline in an azure-core {@link Context}. */
    public static final String CONTEXT_KEY = "cvkit-call-deadline";

    private static final ThreadLocal<CallDeadline> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final Duration budget;

    private CallDeadline(long deadlineNanos, Duration budget) {
        this.deadlineNanos = deadlineNanos;
        this.budget = budget;
    }

    /** A deadline {@code budget} from now. */
    public static CallDeadline in(Duration budget) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("call budget must be positive, got " + budget);
        }
        return new CallDeadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** The time left; zero or negative once passed. */
    public Duration remaining() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    /** True once the deadline has passed. */
    public boolean passed() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** The whole budget this deadline was made with (for messages). */
    public Duration budget() {
        return budget;
    }

    /** {@code context} with this deadline added. */
    public Context addTo(Context context) {
        return (context == null ? Context.NONE : context).addData(CONTEXT_KEY, this);
    }

    /** The deadline carried by {@code context}, if any. */
    public static Optional<CallDeadline> from(Context context) {
        return context == null ? Optional.empty()
                : context.getData(CONTEXT_KEY).filter(CallDeadline.class::isInstance).map(CallDeadline.class::cast);
    }

    /** The deadline of the call the current thread is making, if any. */
    static Optional<CallDeadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static CallDeadline bind(CallDeadline deadline) {
        CallDeadline previous = CURRENT.get();
        CURRENT.set(deadline);
        return previous;
    }

    static void restore(CallDeadline previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
