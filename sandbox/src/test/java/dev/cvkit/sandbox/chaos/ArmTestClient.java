package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cvkit.sandbox.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare HTTP client for protocol-level tests of the emulator (the azure-core tests use the real pipeline). */
final class ArmTestClient {

    /** An answer: status, headers, parsed JSON body (missing node when empty). */
    record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final ChaosStudioEmulator emulator;
    private final HttpClient http;
    private String token;

    ArmTestClient(ChaosStudioEmulator emulator) {
        this.emulator = emulator;
        this.http = HttpClient.newBuilder().sslContext(emulator.tls().clientSslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        this.token = emulator.issueAccessToken();
    }

    ArmTestClient withToken(String token) {
        this.token = token;
        return this;
    }

    static String path(ChaosStudioEmulator emulator, String experiment) {
        return emulator.experimentResourceId(experiment);
    }

    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, null);
    }

    Answer post(String pathAndQuery) throws IOException, InterruptedException {
        return send("POST", pathAndQuery, null);
    }

    Answer put(String pathAndQuery, String body) throws IOException, InterruptedException {
        return send("PUT", pathAndQuery, body);
    }

    /** Sends to a path (joined to the endpoint) or to an absolute URL (LRO headers, nextLink). */
    Answer send(String method, String pathOrUrl, String body) throws IOException, InterruptedException {
        URI uri = pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl) : URI.create(emulator.endpoint() + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? MissingNode.getInstance() : Json.parse(response.body());
        return new Answer(response.statusCode(), response, json);
    }

    static String v(String path) {
        return path + (path.contains("?") ? "&" : "?") + "api-version=" + ChaosStudioEmulator.API_VERSION;
    }
}
