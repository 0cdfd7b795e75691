package dev.cvkit.sandbox.jmeter;

import dev.cvkit.sandbox.http.DaemonThreads;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.threads.JMeterContextService;

/**
 * A test started by {@link EmbeddedJMeter#start()}. Any thread may {@link #shutdown()} or {@link #stop()} it;
 * one thread waits for it with {@link #awaitCompletion()}.
 */
public final class RunningTest {

    private static final Logger LOG = Logger.getLogger(RunningTest.class.getName());

    private final StandardJMeterEngine engine;
    private final ProgressCollector progress;
    private final Path resultsFile;
    private final Instant startedAt;
    private final ProgressListener listener;
    private final ScheduledExecutorService reporter;
    private final Runnable release;
    private final URLClassLoader extraLoader;
    private final AtomicBoolean stoppedEarly = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Guards the last-report counters (the reporter thread and the final report). */
    private final Object reportLock = new Object();
    private long lastSamples;
    private long lastErrors;
    private long lastRequests;
    private long lastNanos;
    private JMeterRunResult result;

    RunningTest(StandardJMeterEngine engine, ProgressCollector progress, Path resultsFile, Instant startedAt,
            ProgressListener listener, Duration interval, Runnable release, URLClassLoader extraLoader) {
        this.engine = engine;
        this.progress = progress;
        this.resultsFile = resultsFile;
        this.startedAt = startedAt;
        this.listener = listener;
        this.release = release;
        this.extraLoader = extraLoader;
        this.lastNanos = System.nanoTime();
        if (listener != null) {
            reporter = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("cvkit-jmeter-progress"));
            reporter.scheduleAtFixedRate(() -> report(false), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            reporter = null;
        }
    }

    /**
     * Graceful stop, like JMeter's "Shutdown": threads finish their current sample and end; tear-down thread
     * groups run. Returns at once; {@link #awaitCompletion()} waits for the end.
     */
    public void shutdown() {
        requestStop(false);
    }

    /** Immediate stop, like JMeter's "Stop": running samplers are interrupted. Returns at once. */
    public void stop() {
        requestStop(true);
    }

    /**
     * Asks the engine to stop, and asks again every half second until it has: a stop that arrives while the
     * engine is still starting its thread groups would otherwise find no group to stop and be lost.
     */
    private void requestStop(boolean now) {
        if (finished.get() || !engine.isActive()) {
            return;
        }
        stoppedEarly.set(true);
        Thread stopper = new Thread(() -> {
            while (!finished.get() && engine.isActive()) {
                engine.stopTest(now);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cvkit-jmeter-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Whether the engine still runs. */
    public boolean isRunning() {
        return !finished.get() && engine.isActive();
    }

    /** Samples recorded so far. */
    public long samples() {
        return progress.samples();
    }

    /** Failed samples so far. */
    public long errors() {
        return progress.errors();
    }

    /** Waits until the test ends, however long that takes. */
    public JMeterRunResult awaitCompletion() throws InterruptedException {
        try {
            return awaitCompletion(Duration.ofDays(365));
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits up to {@code timeout} for the test to end.
     *
     * @throws TimeoutException when it still runs (it keeps running; stop it and wait again)
     */
    public synchronized JMeterRunResult awaitCompletion(Duration timeout) throws InterruptedException, TimeoutException {
        if (result != null) {
            return result;
        }
        try {
            engine.awaitTermination(timeout);
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "the JMeter engine failed", e.getCause());
        }
        finished.set(true);
        if (reporter != null) {
            reporter.shutdownNow();
            reporter.awaitTermination(5, TimeUnit.SECONDS);
            report(true);
        }
        if (extraLoader != null) {
            try {
                extraLoader.close();
            } catch (IOException e) {
                // Nothing held open that matters.
            }
        }
        release.run();
        result = new JMeterRunResult(resultsFile, progress.samples(), progress.errors(), startedAt, Instant.now(), stoppedEarly.get());
        return result;
    }

    private void report(boolean last) {
        synchronized (reportLock) {
            reportLocked(last);
        }
    }

    private void reportLocked(boolean last) {
        long now = System.nanoTime();
        long samples = progress.samples();
        long errors = progress.errors();
        long requests = progress.requests();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        Progress report = new Progress(Duration.between(startedAt, Instant.now()), samples, errors,
                (samples - lastSamples) / seconds, (errors - lastErrors) / seconds,
                last ? 0 : JMeterContextService.getNumberOfThreads(), last, requests, progress.requestErrors(),
                (requests - lastRequests) / seconds);
        lastSamples = samples;
        lastRequests = requests;
        lastErrors = errors;
        lastNanos = now;
        try {
            listener.onProgress(report);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "progress listener failed", e);
        }
    }
}
