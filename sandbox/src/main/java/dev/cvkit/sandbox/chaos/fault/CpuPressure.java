package dev.cvkit.sandbox.chaos.fault;

import java.util.Objects;

/**
 * Chaos Mesh {@code stressChaos} with a CPU stressor: {@code workers} threads each keeping a CPU
 * {@code loadPercent} % busy inside the selected pods, which makes them slower.
 *
 * @param workers     number of stress workers (at least 1)
 * @param loadPercent load each worker generates, 1..100
 * @param pods        which pods are stressed
 */
public record CpuPressure(int workers, int loadPercent, PodSelection pods) implements Fault {

    public CpuPressure {
        Objects.requireNonNull(pods, "pods");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (loadPercent < 1 || loadPercent > 100) {
            throw new IllegalArgumentException("loadPercent must be within 1..100, got " + loadPercent);
        }
    }
}
