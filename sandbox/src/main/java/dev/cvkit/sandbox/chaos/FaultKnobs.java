package dev.cvkit.sandbox.chaos;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-operation queues of {@link FaultKnob}s: {@code inject(START, FaultKnob.throttle(1s), 2)} makes the
 * next two start calls answer 429, then the emulator answers normally again. Knobs injected for the same
 * operation apply in the order injected. Thread-safe.
 */
public final class FaultKnobs {

    private static final class Pending {
        final FaultKnob knob;
        int remaining;

        Pending(FaultKnob knob, int remaining) {
            this.knob = knob;
            this.remaining = remaining;
        }
    }

    private final Map<ArmOperation, Deque<Pending>> queues = new EnumMap<>(ArmOperation.class);

    FaultKnobs() {
    }

    /**
     * Makes the next {@code calls} calls of {@code operation} misbehave as {@code knob} says (after any
     * knobs already queued for it).
     */
    public synchronized FaultKnobs inject(ArmOperation operation, FaultKnob knob, int calls) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(knob, "knob");
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, got " + calls);
        }
        queues.computeIfAbsent(operation, o -> new ArrayDeque<>()).addLast(new Pending(knob, calls));
        return this;
    }

    /** Removes every pending knob. */
    public synchronized void clear() {
        queues.clear();
    }

    /** How many calls of {@code operation} are still to misbehave. */
    public synchronized int pending(ArmOperation operation) {
        Deque<Pending> queue = queues.get(operation);
        return queue == null ? 0 : queue.stream().mapToInt(p -> p.remaining).sum();
    }

    /** Consumes the knob for one call of {@code operation}; null when the call should behave. */
    synchronized FaultKnob next(ArmOperation operation) {
        Deque<Pending> queue = queues.get(operation);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        Pending head = queue.peekFirst();
        if (--head.remaining == 0) {
            queue.removeFirst();
        }
        return head.knob;
    }
}
