package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cvkit.sandbox.http.HttpExchanges;
import dev.cvkit.sandbox.http.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The managed-identity token endpoint in App Service's 2019-08-01 protocol, which azure-identity's
 * {@code ManagedIdentityCredential} (through MSAL4J's App Service source) speaks when the environment has
 * {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}:
 * {@code GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=...} with header
 * {@code X-IDENTITY-HEADER: {IDENTITY_HEADER}} → {@code {"access_token","expires_on","resource","token_type","client_id"}},
 * {@code expires_on} in epoch seconds as a string.
 */
final class IdentityHandler implements HttpHandler {

    static final String PATH = "/msi/token";
    static final String API_VERSION = "2019-08-01";
    /** Client id reported for the system-assigned identity (there is one in the sandbox). */
    static final String CLIENT_ID = "c0c0a000-5a2d-4b3c-8d4e-00000000c5c5";

    private final EmulatorState state;
    private final String identityHeader;

    IdentityHandler(EmulatorState state, String identityHeader) {
        this.state = state;
        this.identityHeader = identityHeader;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        TokenRequest request = TokenRequest.begin(state, exchange);
        String path = exchange.getRequestURI().getRawPath();
        int status;
        ObjectNode body;
        Map<String, String> query = HttpExchanges.queryParameters(exchange);
        if (!path.equals(PATH) || !exchange.getRequestMethod().equals("GET")) {
            status = 404;
            body = TokenRequest.error("not_found", "the managed-identity endpoint is GET " + PATH);
        } else if (request.failedByKnob()) {
            status = request.knobStatus();
            body = TokenRequest.error("fault_knob", "fault knob " + request.knob() + " on the token endpoint");
        } else if (!headerMatches(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
            status = 401;
            body = TokenRequest.error("unauthorized_client",
                    "the X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER");
        } else if (!API_VERSION.equals(query.get("api-version"))) {
            status = 400;
            body = TokenRequest.error("invalid_request",
                    "api-version must be " + API_VERSION + ", got '" + query.get("api-version") + "'");
        } else if (query.get("resource") == null || query.get("resource").isBlank()) {
            status = 400;
            body = TokenRequest.error("invalid_request",
                    "the resource query parameter is required (e.g. https://management.azure.com)");
        } else {
            String resource = query.get("resource");
            String token = state.tokens.issue(resource);
            status = 200;
            body = Json.object();
            body.put("access_token", token);
            body.put("expires_on", Long.toString(state.tokens.grant(token).expiresOn().getEpochSecond()));
            body.put("resource", resource);
            body.put("token_type", "Bearer");
            body.put("client_id", query.getOrDefault("client_id", CLIENT_ID));
        }
        request.answer(path, status, body);
    }

    private boolean headerMatches(String given) {
        // Constant-time comparison: the header is a shared secret.
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), identityHeader.getBytes(StandardCharsets.UTF_8));
    }
}
