package dev.cvkit.sandbox.shop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One pod of a stamp, with the faults that hit it. A failed pod answers nothing (the ingress turns that into
 * 502) until its endpoint is removed from the service, {@code endpointRemovalDelay} after it failed (its
 * readiness probe failing); a recovered pod rejoins the endpoints {@code recoveryDelay} after its last
 * failure ended (container restart and readiness). Thread-safe.
 */
final class Pod {

    /** A latency fault on this pod. */
    record Latency(Duration latency, Duration jitter) {
    }

    private final String name;
    private final Duration endpointRemovalDelay;
    private final Duration recoveryDelay;
    private int failures;
    private long failedSinceNanos;
    private long recoveredAtNanos = Long.MIN_VALUE;
    private final List<Latency> latencies = new ArrayList<>();
    private final List<Integer> cpuLoads = new ArrayList<>();

    Pod(String name, Duration endpointRemovalDelay, Duration recoveryDelay) {
        this.name = name;
        this.endpointRemovalDelay = endpointRemovalDelay;
        this.recoveryDelay = recoveryDelay;
    }

    String name() {
        return name;
    }

    synchronized void fail() {
        if (failures++ == 0) {
            failedSinceNanos = System.nanoTime();
        }
    }

    synchronized void recover() {
        if (failures > 0 && --failures == 0) {
            recoveredAtNanos = System.nanoTime();
        }
    }

    /** Whether the pod's containers run (it answers requests). */
    synchronized boolean serving() {
        return failures == 0;
    }

    /** Whether the service still routes to it (a failed pod stays in rotation until its removal delay passed). */
    synchronized boolean inEndpoints() {
        long now = System.nanoTime();
        if (failures > 0) {
            return now - failedSinceNanos < endpointRemovalDelay.toNanos();
        }
        return recoveredAtNanos == Long.MIN_VALUE || now - recoveredAtNanos >= recoveryDelay.toNanos();
    }

    synchronized void addLatency(Latency latency) {
        latencies.add(latency);
    }

    synchronized void removeLatency(Latency latency) {
        latencies.remove(latency);
    }

    /** Load units (workers × load %) of one CPU-pressure fault. */
    synchronized void addCpuLoad(int loadUnits) {
        cpuLoads.add(loadUnits);
    }

    synchronized void removeCpuLoad(int loadUnits) {
        cpuLoads.remove(Integer.valueOf(loadUnits));
    }

    /** Total CPU pressure on the pod, in workers × load % (e.g. 2 workers at 80 % = 160). */
    synchronized int cpuLoadUnits() {
        return cpuLoads.stream().mapToInt(Integer::intValue).sum();
    }

    /** The extra time a request served by this pod takes now: network delays (with jitter) and CPU slowdown. */
    synchronized long extraDelayMillis(RandomGenerator random, long cpuPenaltyMillisPerFullWorker) {
        double millis = 0;
        for (Latency latency : latencies) {
            double jitter = latency.jitter().toNanos() / 1e6;
            millis += latency.latency().toNanos() / 1e6 + (jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter);
        }
        millis += cpuLoadUnits() / 100.0 * cpuPenaltyMillisPerFullWorker;
        return Math.max(0, Math.round(millis));
    }
}
