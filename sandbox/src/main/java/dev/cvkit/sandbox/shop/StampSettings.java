package dev.cvkit.sandbox.shop;

import java.time.Duration;

/**
 * How a stamp behaves.
 *
 * @param pods                    pods per stamp
 * @param endpointRemovalDelay    how long a failed pod still gets traffic (and answers 502) before the service
 *                                drops it
 * @param recoveryDelay           how long a recovered pod waits before it gets traffic again
 * @param commentProcessingDelay  time from posting a comment to its visibility (the background pipeline)
 * @param cpuPenaltyMillis        extra milliseconds per request for each full CPU-stress worker (100 % load)
 */
record StampSettings(int pods, Duration endpointRemovalDelay, Duration recoveryDelay, Duration commentProcessingDelay,
        long cpuPenaltyMillis) {
}
