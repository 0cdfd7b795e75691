package dev.cvkit.jmeter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cvkit.sandbox.tls.SelfSignedTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the Chaos Studio REST spec's published examples over HTTPS on loopback, for the client's contract
 * tests: a request whose method and path ending match a route gets that example's response (status, headers,
 * body), with {@code https://management.azure.com} rewritten to this server (ARM links point to the host
 * that answered). Not an emulator: no state, no behaviour; the sandbox's emulator is for that.
 */
public final class SpecExampleServer implements AutoCloseable {

    /** One request as received: method, path with query, whether it carried a bearer token. */
    public record Received(String method, String pathAndQuery, boolean bearer) {
    }

    private record Route(String method, String pathEnd, String file, int status) {
    }

    private final Path examples;
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "spec-example-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, SpecExample> cache = new ConcurrentHashMap<>();

    public SpecExampleServer(Path examples, SelfSignedTls tls) {
        this.examples = examples;
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code https://127.0.0.1:<port>} */
    public String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method} requests whose path ends with {@code pathEnd} with {@code file}'s {@code status} response. */
    public SpecExampleServer route(String method, String pathEnd, String file, int status) {
        routes.add(0, new Route(method, pathEnd, file, status));
        return this;
    }

    public List<Received> received() {
        return received;
    }

    public void reset() {
        routes.clear();
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            received.add(new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
                    authorization != null && authorization.startsWith("Bearer ")));
            exchange.getRequestBody().readAllBytes();
            Route route = routes.stream()
                    .filter(r -> r.method().equals(exchange.getRequestMethod()) && path.endsWith(r.pathEnd()))
                    .findFirst().orElse(null);
            if (route == null) {
                byte[] body = ("{\"error\":{\"code\":\"NoRoute\",\"message\":\"" + path + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            SpecExample.Answer answer = cache.computeIfAbsent(route.file(), f -> SpecExample.read(examples.resolve(f)))
                    .answer(route.status());
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, rebase(value)));
            if (answer.body() == null) {
                exchange.sendResponseHeaders(route.status(), -1);
                return;
            }
            byte[] body = rebase(answer.body()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(route.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String rebase(String text) {
        return text.replace("https://management.azure.com", endpoint());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
