package dev.cvkit.sandbox.chaos.fault;

/**
 * Something the Chaos Studio emulator can break: it owns a set of Chaos target resource ids and applies
 * {@link Fault}s to them. The demo shop implements it (one AKS Chaos Mesh target per stamp); tests can use
 * {@link RecordingFaultTarget}.
 *
 * <p>Implementations must be thread-safe: branches of an experiment run in parallel.
 */
public interface FaultTarget {

    /**
     * Whether this target knows the given Chaos target resource id. The emulator checks every selector
     * target before an execution starts, so that an unknown target fails the execution before any fault is
     * applied (as Chaos Studio fails an experiment whose target is not onboarded).
     */
    boolean resolves(String targetResourceId);

    /**
     * Applies a fault and returns the handle that removes it. Must return quickly (the fault's duration is
     * timed by the emulator, not here).
     *
     * @throws FaultTargetException when the fault cannot be applied; the execution then fails with this
     *                              message in its details
     */
    AppliedFault apply(FaultRequest request) throws FaultTargetException;
}
