package dev.cvkit.sandbox.shop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cvkit.sandbox.http.DaemonThreads;
import dev.cvkit.sandbox.http.HttpExchanges;
import dev.cvkit.sandbox.http.Json;
import dev.cvkit.sandbox.http.LoopbackServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's global entry point, behaving like Azure Front Door in front of the stamps: it probes every
 * origin's {@code /health/ready} every {@code probeInterval}, keeps an origin in rotation while enough of its
 * recent probes succeed ({@link OriginHealth}), and sends each request to the fastest healthy origins (those
 * whose probe latency is within {@code latencySensitivity} of the fastest), round robin among them. When no
 * origin is healthy it uses them all. It does not retry: an origin's error reaches the client until the
 * probes take the origin out of rotation. Answers carry {@code X-Cvkit-Origin}; {@code GET /frontdoor/status}
 * shows the origins' health.
 */
final class FrontDoor implements AutoCloseable {

    /** Headers passed from client to origin and back (hop-by-hop and length headers are the servers' job). */
    private static final Set<String> REQUEST_HEADERS = Set.of("content-type", "accept", "x-ms-client-request-id", "user-agent");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "location", "x-cvkit-stamp", "x-cvkit-pod", "retry-after");

    private final List<Stamp> origins;
    private final List<OriginHealth> health = new ArrayList<>();
    private final Duration latencySensitivity;
    private final Duration probeTimeout;
    private final HttpServer server;
    private final ThreadPoolExecutor threads;
    private final ScheduledExecutorService prober;
    private final HttpClient client;
    private final AtomicInteger next = new AtomicInteger();

    FrontDoor(List<Stamp> origins, int port, Duration probeInterval, Duration probeTimeout, int sampleSize,
            int successfulSamplesRequired, Duration latencySensitivity) throws IOException {
        this.origins = List.copyOf(origins);
        this.latencySensitivity = latencySensitivity;
        this.probeTimeout = probeTimeout;
        origins.forEach(o -> health.add(new OriginHealth(sampleSize, successfulSamplesRequired)));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newCachedThreadPool(new DaemonThreads("cvkit-frontdoor-client"))).build();
        server = LoopbackServers.http(port, 512);
        threads = ShopThreads.pool("cvkit-frontdoor");
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        prober = Executors.newScheduledThreadPool(origins.size(), new DaemonThreads("cvkit-frontdoor-probe"));
        for (int i = 0; i < origins.size(); i++) {
            int index = i;
            prober.scheduleWithFixedDelay(() -> probe(index), 0, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    boolean healthy(Stamp stamp) {
        return health.get(origins.indexOf(stamp)).healthy();
    }

    private void probe(int index) {
        long start = System.nanoTime();
        boolean success;
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(origins.get(index).url().resolve("/health/ready"))
                    .timeout(probeTimeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            success = response.statusCode() == 200;
        } catch (IOException e) {
            success = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        health.get(index).record(success, (System.nanoTime() - start) / 1_000_000);
    }

    /** The origins requests go to now: the healthy ones within the latency sensitivity of the fastest. */
    private List<Integer> candidates() {
        List<Integer> healthy = new ArrayList<>();
        double fastest = Double.MAX_VALUE;
        for (int i = 0; i < origins.size(); i++) {
            if (health.get(i).healthy()) {
                healthy.add(i);
                fastest = Math.min(fastest, health.get(i).latencyMillis());
            }
        }
        if (healthy.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < origins.size(); i++) {
                all.add(i);
            }
            return all;
        }
        double limit = fastest + latencySensitivity.toMillis();
        healthy.removeIf(i -> health.get(i).latencyMillis() > limit);
        return healthy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/frontdoor/status")) {
                HttpExchanges.sendJson(exchange, 200, status());
                return;
            }
            List<Integer> candidates = candidates();
            int index = candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
            Stamp origin = origins.get(index);
            exchange.getResponseHeaders().set("X-Cvkit-Origin", origin.region());
            forward(exchange, origin);
        }
    }

    private void forward(HttpExchange exchange, Stamp origin) throws IOException {
        URI uri = origin.url().resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        byte[] body = exchange.getRequestBody().readNBytes(HttpExchanges.MAX_REQUEST_BODY_BYTES);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (REQUEST_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            HttpExchanges.sendJson(exchange, 504, Map.of("error", "origin " + origin.region() + " did not answer in time"));
            return;
        } catch (IOException e) {
            HttpExchanges.sendJson(exchange, 502, Map.of("error", "origin " + origin.region() + " is unreachable"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (RESPONSE_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] responseBody = response.body();
        exchange.sendResponseHeaders(response.statusCode(), responseBody.length == 0 ? -1 : responseBody.length);
        if (responseBody.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(responseBody);
            }
        }
    }

    private ObjectNode status() {
        ObjectNode status = Json.object();
        ArrayNode list = status.putArray("origins");
        for (int i = 0; i < origins.size(); i++) {
            ObjectNode origin = list.addObject();
            origin.put("region", origins.get(i).region());
            origin.put("url", origins.get(i).url().toString());
            origin.put("healthy", health.get(i).healthy());
            origin.put("probeLatencyMillis", Math.round(health.get(i).latencyMillis()));
        }
        return status;
    }

    @Override
    public void close() {
        prober.shutdownNow();
        server.stop(0);
        threads.shutdownNow();
        client.executor().ifPresent(e -> ((java.util.concurrent.ExecutorService) e).shutdownNow());
    }
}
