package dev.cvkit.sandbox.chaos.fault;

import java.util.Objects;

/**
 * Chaos Mesh {@code podChaos} action {@code pod-failure}: the selected pods stop serving (their containers
 * are replaced by a pause image) until the fault is removed.
 *
 * @param pods which pods fail
 */
public record PodFailure(PodSelection pods) implements Fault {

    public PodFailure {
        Objects.requireNonNull(pods, "pods");
    }
}
