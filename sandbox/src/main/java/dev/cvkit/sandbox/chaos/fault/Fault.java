package dev.cvkit.sandbox.chaos.fault;

/**
 * A fault the emulator can apply, already translated from Chaos Studio's action URN and parameters.
 * Each kind says which pods of the target it hits through a {@link PodSelection}.
 */
public sealed interface Fault permits PodFailure, NetworkDelay, CpuPressure {

    /** Which of the target's pods the fault hits. */
    PodSelection pods();
}
