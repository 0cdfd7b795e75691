package dev.cvkit.sandbox.chaos.fault;

/** Handle of a fault a {@link FaultTarget} applied. */
@FunctionalInterface
public interface AppliedFault {

    /**
     * Removes the fault at once. Idempotent: the emulator may call it twice (cancel racing the end of an
     * action) and it must not throw.
     */
    void remove();
}
