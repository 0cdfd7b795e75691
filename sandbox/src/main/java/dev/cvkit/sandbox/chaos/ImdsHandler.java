package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cvkit.sandbox.http.HttpExchanges;
import dev.cvkit.sandbox.http.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed-identity token endpoint of the Azure Instance Metadata Service (IMDS), which Azure Load Testing's
 * engines (and VMs, AKS nodes) use: {@code GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=...}
 * with header {@code Metadata: true}, optionally {@code client_id}, {@code object_id} or {@code msi_res_id} to pick a
 * user-assigned identity. Answers {@code {"access_token","client_id","expires_in","expires_on","ext_expires_in",
 * "not_before","resource","token_type"}} (numbers as strings); errors are {@code 400 {"error":"invalid_request",
 * "error_description":...}}, {@code "Identity not found"} for an identity that is not attached.
 *
 * <p>azure-identity (through MSAL4J) sends its IMDS requests to {@code AZURE_POD_IDENTITY_AUTHORITY_HOST} instead
 * of {@code http://169.254.169.254} when that variable is set: point it at this server.
 */
final class ImdsHandler implements HttpHandler {

    static final String PATH = "/metadata/identity/oauth2/token";
    static final String API_VERSION = "2018-02-01";

    private final EmulatorState state;
    private final ManagedIdentities identities;

    ImdsHandler(EmulatorState state, ManagedIdentities identities) {
        this.state = state;
        this.identities = identities;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        TokenRequest request = TokenRequest.begin(state, exchange);
        // A host given with a trailing slash makes clients ask for //metadata/...: the same resource. (The request
        // line's URI would read "//metadata" as an authority, so the path is taken from its text.)
        String target = exchange.getRequestURI().toString();
        int queryStart = target.indexOf('?');
        String path = (queryStart < 0 ? target : target.substring(0, queryStart)).replaceAll("/{2,}", "/");
        Map<String, String> query = HttpExchanges.queryParameters(exchange);
        int status;
        ObjectNode body;
        if (!path.equals(PATH)) {
            status = 404;
            body = TokenRequest.error("not_found", "this IMDS serves only the managed-identity token, GET " + PATH);
        } else if (!exchange.getRequestMethod().equals("GET")) {
            status = 405;
            body = TokenRequest.error("invalid_request", "the token endpoint takes GET only");
        } else if (request.failedByKnob()) {
            status = request.knobStatus();
            body = TokenRequest.error("fault_knob", "fault knob " + request.knob() + " on the IMDS token endpoint");
        } else if (!"true".equals(exchange.getRequestHeaders().getFirst("Metadata"))) {
            // IMDS's guard against server-side request forgery: the header must be exactly "true".
            status = 400;
            body = TokenRequest.error("invalid_request", "Required metadata header not specified");
        } else if (!API_VERSION.equals(query.get("api-version"))) {
            status = 400;
            body = TokenRequest.error("invalid_request", query.get("api-version") == null
                    ? "Required query variable 'api-version' is missing"
                    : "api-version '" + query.get("api-version") + "' is not served by the emulator; use "
                            + API_VERSION);
        } else if (query.get("resource") == null || query.get("resource").isBlank()) {
            status = 400;
            body = TokenRequest.error("invalid_request", "Required query variable 'resource' is missing");
        } else {
            List<String> selectors = List.of("client_id", "object_id", "msi_res_id").stream()
                    .filter(query::containsKey).toList();
            Optional<ManagedIdentities.Identity> identity = selectors.size() > 1 ? Optional.empty()
                    : identities.find(selectors.isEmpty() ? null : selectors.get(0), selectors.isEmpty() ? null
                            : query.get(selectors.get(0)));
            if (selectors.size() > 1) {
                status = 400;
                body = TokenRequest.error("invalid_request",
                        "Only one of client_id, object_id and msi_res_id may be given, got " + selectors);
            } else if (identity.isEmpty()) {
                status = 400;
                body = TokenRequest.error("invalid_request", "Identity not found");
            } else {
                String resource = query.get("resource");
                String token = state.tokens.issue(resource);
                Instant now = Instant.now();
                Instant expiresOn = state.tokens.grant(token).expiresOn();
                String expiresIn = Long.toString(Duration.between(now, expiresOn).toSeconds());
                status = 200;
                body = Json.object();
                body.put("access_token", token);
                body.put("client_id", identity.get().clientId());
                body.put("expires_in", expiresIn);
                body.put("expires_on", Long.toString(expiresOn.getEpochSecond()));
                body.put("ext_expires_in", expiresIn);
                body.put("not_before", Long.toString(now.getEpochSecond()));
                body.put("resource", resource);
                body.put("token_type", "Bearer");
            }
        }
        request.answer(path, status, body);
    }
}
