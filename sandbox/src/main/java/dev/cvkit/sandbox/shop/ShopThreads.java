package dev.cvkit.sandbox.shop;

import dev.cvkit.sandbox.http.DaemonThreads;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Request thread pools of the shop's servers. */
final class ShopThreads {

    /** Threads at most per server: enough for a few hundred requests/s each delayed by a few hundred ms. */
    static final int MAX_THREADS = 400;

    private ShopThreads() {
    }

    /**
     * A pool that grows to {@link #MAX_THREADS} and then runs the request on the server's dispatcher thread
     * (back-pressure instead of a refused request).
     */
    static ThreadPoolExecutor pool(String name) {
        return new ThreadPoolExecutor(8, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), new DaemonThreads(name),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
