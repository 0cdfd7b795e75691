package dev.cvkit.sandbox.chaos.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A {@link FaultTarget} that breaks nothing: it accepts the target ids its predicate accepts, remembers
 * every fault applied and which are still active. The emulator uses it when no other target is given, so
 * that plugin tests can run experiments against the emulator alone and assert on what was applied.
 */
public final class RecordingFaultTarget implements FaultTarget {

    private final Predicate<String> knownTargets;
    private final List<FaultRequest> history = new ArrayList<>();
    // Keyed by a fresh token per application: two identical requests (parallel branches) are two faults.
    private final java.util.Map<Object, FaultRequest> active = new ConcurrentHashMap<>();
    private final Set<String> failingTargets = ConcurrentHashMap.newKeySet();

    /** Accepts every target id. */
    public RecordingFaultTarget() {
        this(id -> true);
    }

    /** Accepts the target ids {@code knownTargets} accepts. */
    public RecordingFaultTarget(Predicate<String> knownTargets) {
        this.knownTargets = knownTargets;
    }

    /** From now on, applying any fault to {@code targetResourceId} fails (to exercise failed executions). */
    public RecordingFaultTarget failOn(String targetResourceId) {
        failingTargets.add(targetResourceId.toLowerCase(java.util.Locale.ROOT));
        return this;
    }

    @Override
    public boolean resolves(String targetResourceId) {
        return knownTargets.test(targetResourceId);
    }

    @Override
    public AppliedFault apply(FaultRequest request) throws FaultTargetException {
        if (failingTargets.contains(request.targetResourceId().toLowerCase(java.util.Locale.ROOT))) {
            throw new FaultTargetException("FaultInjectionFailed", "the target refused the fault (configured to fail)");
        }
        synchronized (history) {
            history.add(request);
        }
        Object token = new Object();
        active.put(token, request);
        return () -> active.remove(token);
    }

    /** Every fault applied so far, in order. */
    public List<FaultRequest> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The faults applied and not yet removed. */
    public List<FaultRequest> active() {
        return List.copyOf(active.values());
    }
}
