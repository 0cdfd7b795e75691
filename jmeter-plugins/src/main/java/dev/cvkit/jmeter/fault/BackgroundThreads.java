package dev.cvkit.jmeter.fault;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The single daemon thread on which an element acts off the sampler threads (schedule, blast-radius stop). */
public final class BackgroundThreads {

    private BackgroundThreads() {
    }

    /** A one-thread scheduler whose daemon thread is named {@code <name>-<n>}. */
    public static ScheduledExecutorService single(String name) {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Stops {@code executor}, interrupting what runs, and waits up to {@code waitMillis} for it to finish. */
    public static void stop(ScheduledExecutorService executor, long waitMillis) {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
