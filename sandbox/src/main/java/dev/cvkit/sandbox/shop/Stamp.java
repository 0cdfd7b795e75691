package dev.cvkit.sandbox.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cvkit.sandbox.chaos.fault.AppliedFault;
import dev.cvkit.sandbox.chaos.fault.CpuPressure;
import dev.cvkit.sandbox.chaos.fault.Fault;
import dev.cvkit.sandbox.chaos.fault.NetworkDelay;
import dev.cvkit.sandbox.chaos.fault.PodFailure;
import dev.cvkit.sandbox.http.HttpExchanges;
import dev.cvkit.sandbox.http.LoopbackServers;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One region of the shop (an AKS cluster in the real architecture): its own HTTP server and port, an
 * ingress that spreads requests over its pods, a background comment worker, and the faults Chaos Studio
 * applies to it. A request routed to a failed pod answers 502, a stamp without any pod in rotation 503.
 */
public final class Stamp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Stamp.class.getName());

    private final String region;
    private final String clusterName;
    private final StampSettings settings;
    private final List<Pod> pods = new ArrayList<>();
    private final HttpServer server;
    private final ThreadPoolExecutor threads;
    private final CommentWorker worker;
    private final ShopApi api;
    private final AtomicInteger nextPod = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final SplittableRandom seed = new SplittableRandom();

    Stamp(String region, String clusterName, int port, ShopDatabase database, StampSettings settings) throws IOException {
        this.region = region;
        this.clusterName = clusterName;
        this.settings = settings;
        for (int i = 1; i <= settings.pods(); i++) {
            pods.add(new Pod(region + "-" + i, settings.endpointRemovalDelay(), settings.recoveryDelay()));
        }
        worker = new CommentWorker(region, database, settings.commentProcessingDelay(), this::anyPodServing, this::workerSlowdownMillis);
        api = new ShopApi(region, database, worker, this::readyPods, settings.pods());
        server = LoopbackServers.http(port, 256);
        // Requests sleep through injected latency: threads are cheap, a small pool would cap the throughput.
        threads = ShopThreads.pool("cvkit-shop-" + region);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Region name, e.g. {@code eastus}. */
    public String region() {
        return region;
    }

    /** AKS cluster name Chaos Studio targets, e.g. {@code aks-contoso-eastus}. */
    public String clusterName() {
        return clusterName;
    }

    /** The stamp's own URL (what the front door forwards to), {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests this stamp received. */
    public long requestsReceived() {
        return requests.get();
    }

    /** Pods whose containers run. */
    public int servingPods() {
        return (int) pods.stream().filter(Pod::serving).count();
    }

    int readyPods() {
        return (int) pods.stream().filter(p -> p.serving() && p.inEndpoints()).count();
    }

    boolean anyPodServing() {
        return pods.stream().anyMatch(Pod::serving);
    }

    private long workerSlowdownMillis() {
        int units = pods.stream().mapToInt(Pod::cpuLoadUnits).max().orElse(0);
        return units * settings.cpuPenaltyMillis() / 100;
    }

    /** The ingress: round robin over the pods the service routes to; null when there is none. */
    private Pod route() {
        int n = pods.size();
        int start = Math.floorMod(nextPod.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Pod pod = pods.get((start + i) % n);
            if (pod.inEndpoints()) {
                return pod;
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.getResponseHeaders().set("X-Cvkit-Stamp", region);
        try {
            Pod pod = route();
            if (pod == null) {
                HttpExchanges.sendJson(exchange, 503, Map.of("error", "no healthy upstream in stamp " + region));
                return;
            }
            exchange.getResponseHeaders().set("X-Cvkit-Pod", pod.name());
            if (!pod.serving()) {
                HttpExchanges.sendJson(exchange, 502, Map.of("error", "upstream pod " + pod.name() + " is not answering"));
                return;
            }
            long delayMillis;
            synchronized (seed) {
                delayMillis = pod.extraDelayMillis(seed.split(), settings.cpuPenaltyMillis());
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            api.handle(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "stamp " + region + " request failed", e);
            exchange.close();
        }
    }

    // ---- faults ----

    /** Applies a fault to the pods its selection picks; the handle restores them. */
    AppliedFault apply(Fault fault) {
        List<Pod> hit = pick(fault);
        AtomicBoolean removed = new AtomicBoolean();
        if (fault instanceof PodFailure) {
            hit.forEach(Pod::fail);
            return () -> {
                if (removed.compareAndSet(false, true)) {
                    hit.forEach(Pod::recover);
                }
            };
        }
        if (fault instanceof NetworkDelay delay) {
            Pod.Latency latency = new Pod.Latency(delay.latency(), delay.jitter());
            hit.forEach(p -> p.addLatency(latency));
            return () -> {
                if (removed.compareAndSet(false, true)) {
                    hit.forEach(p -> p.removeLatency(latency));
                }
            };
        }
        CpuPressure pressure = (CpuPressure) fault;
        int units = pressure.workers() * pressure.loadPercent();
        hit.forEach(p -> p.addCpuLoad(units));
        return () -> {
            if (removed.compareAndSet(false, true)) {
                hit.forEach(p -> p.removeCpuLoad(units));
            }
        };
    }

    private List<Pod> pick(Fault fault) {
        List<Pod> shuffled = new ArrayList<>(pods);
        synchronized (seed) {
            Collections.shuffle(shuffled, new java.util.Random(seed.nextLong()));
            int count = fault.pods().podsHit(pods.size(), seed.split());
            return List.copyOf(shuffled.subList(0, count));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        worker.close();
    }
}
