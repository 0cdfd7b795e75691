package dev.cvkit.sandbox.chaos.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * Chaos Mesh {@code networkChaos} action {@code delay}: traffic to the selected pods is delayed.
 *
 * @param latency delay added to each request served by an affected pod (positive)
 * @param jitter  uniform random variation around {@code latency}, zero for none (never negative)
 * @param pods    which pods are delayed
 */
public record NetworkDelay(Duration latency, Duration jitter, PodSelection pods) implements Fault {

    public NetworkDelay {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(pods, "pods");
        if (latency.isNegative() || latency.isZero()) {
            throw new IllegalArgumentException("latency must be positive, got " + latency);
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative, got " + jitter);
        }
    }
}
