package dev.cvkit.sandbox.jmeter;

/**
 * Receives {@link Progress} reports while a test runs, from one dedicated thread, every report interval
 * and once more when the test has ended. Must return quickly; exceptions are logged and ignored.
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(Progress progress);
}
