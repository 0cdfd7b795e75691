package dev.cvkit.sandbox.shop;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Health of one front-door origin from its probes, the way Azure Front Door judges it: over the last
 * {@code sampleSize} probes, the origin is healthy when at least {@code successfulSamplesRequired}
 * succeeded; its latency is a moving average of successful probes' latency. Thread-safe.
 */
final class OriginHealth {

    private final int sampleSize;
    private final int successfulSamplesRequired;
    private final Deque<Boolean> samples = new ArrayDeque<>();
    private double latencyMillis = -1;

    OriginHealth(int sampleSize, int successfulSamplesRequired) {
        this.sampleSize = sampleSize;
        this.successfulSamplesRequired = successfulSamplesRequired;
    }

    synchronized void record(boolean success, long probeMillis) {
        samples.addLast(success);
        while (samples.size() > sampleSize) {
            samples.removeFirst();
        }
        if (success) {
            // Weighted towards the newest probe so that a latency change moves traffic within a few probes.
            latencyMillis = latencyMillis < 0 ? probeMillis : 0.5 * latencyMillis + 0.5 * probeMillis;
        }
    }

    /** Healthy until probes prove otherwise: a new origin starts healthy, as AFD assumes. */
    synchronized boolean healthy() {
        if (samples.size() < sampleSize) {
            return samples.stream().filter(s -> !s).count() <= sampleSize - successfulSamplesRequired;
        }
        return samples.stream().filter(s -> s).count() >= successfulSamplesRequired;
    }

    /** Moving average latency of successful probes; 0 before the first. */
    synchronized double latencyMillis() {
        return Math.max(0, latencyMillis);
    }
}
