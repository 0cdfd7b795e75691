package dev.cvkit.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the JDK's {@code com.sun.net.httpserver} exchanges shared by the shop and the emulator. */
public final class HttpExchanges {

    /** Request bodies larger than this are refused: every sandbox API takes small JSON documents. */
    public static final int MAX_REQUEST_BODY_BYTES = 1 << 20;

    private HttpExchanges() {
    }

    /** Reads the whole request body as UTF-8 text, refusing bodies above {@link #MAX_REQUEST_BODY_BYTES}. */
    public static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_REQUEST_BODY_BYTES + 1);
            if (bytes.length > MAX_REQUEST_BODY_BYTES) {
                throw new IOException("request body larger than " + MAX_REQUEST_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Decoded query parameters (first value wins); never null. */
    public static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    /** Sends {@code body} (may be null for no body) with the given status and content type, then closes. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (body == null || status == 204 || "HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Sends a JSON body ({@code application/json; charset=utf-8}), then closes. */
    public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", body == null ? null : Json.write(body));
    }
}
