package dev.cvkit.sandbox.jmeter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of a finished test.
 *
 * @param resultsFile  the CSV JTL written
 * @param samples      top-level sample results recorded
 * @param errors       of which failed
 * @param startedAt    when the engine started
 * @param endedAt      when the engine had stopped
 * @param stoppedEarly whether {@link RunningTest#shutdown()} or {@link RunningTest#stop()} ended it
 */
public record JMeterRunResult(Path resultsFile, long samples, long errors, Instant startedAt, Instant endedAt, boolean stoppedEarly) {

    public Duration elapsed() {
        return Duration.between(startedAt, endedAt);
    }
}
