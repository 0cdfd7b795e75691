package dev.cvkit.sandbox.jmeter;

import java.time.Duration;

/**
 * A progress report of a running test.
 *
 * @param elapsed           time since the test started
 * @param samples           sample results so far (top-level results: a transaction controller's parent sample
 *                          counts once, embedded sub-results do not)
 * @param errors            of which failed
 * @param samplesPerSecond  samples in the last interval divided by its length
 * @param errorsPerSecond   errors in the last interval divided by its length
 * @param activeThreads     JMeter threads running now
 * @param finished          true for the last report, sent once the test has ended
 * @param requests          of the samples, the requests: not a Transaction Controller's own row (response message
 *                          "Number of samples in transaction ...") nor a cvkit marker row (label {@code cvkit:...}),
 *                          as the evaluator's overall figures count
 * @param requestErrors     of which failed
 * @param requestsPerSecond requests in the last interval divided by its length
 */
public record Progress(Duration elapsed, long samples, long errors, double samplesPerSecond, double errorsPerSecond,
        int activeThreads, boolean finished, long requests, long requestErrors, double requestsPerSecond) {
}
