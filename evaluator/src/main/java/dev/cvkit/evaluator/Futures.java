package dev.cvkit.evaluator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work done beside the main thread (a reference read, the recovery figures), and its outcome taken back. */
public final class Futures {

    private Futures() {
    }

    /** Starts {@code work} on a daemon thread of its own named {@code name}: a JVM exiting never waits for it. */
    public static void startDaemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The value of {@code future} once done; what the work threw is thrown as it was (an input error stays one,
     * with its exit code), not wrapped in a {@link CompletionException}.
     */
    public static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }
}
