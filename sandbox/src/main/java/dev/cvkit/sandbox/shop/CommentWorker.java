package dev.cvkit.sandbox.shop;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A stamp's background comment processor (think: a queue and a worker deployment): a posted comment becomes
 * visible {@code processingDelay} after it was posted, later when the worker is slowed by CPU pressure, and
 * not before the stamp runs again when all its pods have failed.
 */
final class CommentWorker implements AutoCloseable {

    private final ShopDatabase database;
    private final Duration processingDelay;
    private final BooleanSupplier stampRunning;
    private final LongSupplier slowdownMillis;
    private final BlockingQueue<ShopDatabase.Comment> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    CommentWorker(String region, ShopDatabase database, Duration processingDelay, BooleanSupplier stampRunning, LongSupplier slowdownMillis) {
        this.database = database;
        this.processingDelay = processingDelay;
        this.stampRunning = stampRunning;
        this.slowdownMillis = slowdownMillis;
        thread = new Thread(this::run, "cvkit-shop-" + region + "-comment-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void submit(ShopDatabase.Comment comment) {
        queue.add(comment);
    }

    int backlog() {
        return queue.size();
    }

    boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            while (true) {
                ShopDatabase.Comment comment = queue.take();
                // Until the wall clock reaches the due instant: a sleep of the truncated milliseconds (or on the
                // monotonic clock) could publish a fraction of a millisecond before postedAt + processingDelay.
                Instant due = comment.postedAt().plus(processingDelay);
                Duration left;
                while ((left = Duration.between(Instant.now(), due)).compareTo(Duration.ZERO) > 0) {
                    Thread.sleep(left.toMillis() + 1);
                }
                while (!stampRunning.getAsBoolean()) {
                    Thread.sleep(50);
                }
                long slowdown = slowdownMillis.getAsLong();
                if (slowdown > 0) {
                    Thread.sleep(slowdown);
                }
                database.publish(comment);
            }
        } catch (InterruptedException e) {
            // Closed.
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
