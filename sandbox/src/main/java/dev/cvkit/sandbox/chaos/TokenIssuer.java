package dev.cvkit.sandbox.chaos;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues opaque bearer tokens (what the managed-identity endpoint hands out) and checks the ones ARM
 * requests carry. Tokens are random and remembered only here; they never appear in logs or the journal.
 */
final class TokenIssuer {

    /** Audiences ARM accepts, with and without the trailing slash. */
    static final Set<String> ARM_AUDIENCES = Set.of(
            "https://management.azure.com", "https://management.azure.com/",
            "https://management.core.windows.net", "https://management.core.windows.net/");

    /** An issued token: the resource it was issued for and when it expires. */
    record Grant(String resource, Instant expiresOn) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final AtomicInteger issued = new AtomicInteger();

    TokenIssuer(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** A new token for {@code resource}, valid for the configured lifetime. */
    String issue(String resource) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "cvkit." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(resource, Instant.now().plus(lifetime)));
        issued.incrementAndGet();
        return token;
    }

    Grant grant(String token) {
        return grants.get(token);
    }

    int issuedCount() {
        return issued.get();
    }

    /**
     * Checks an {@code Authorization} header value for ARM.
     *
     * @throws ArmError 401 with ARM's codes: {@code AuthenticationFailed} (no header),
     *                  {@code InvalidAuthenticationToken} (unknown or expired),
     *                  {@code InvalidAuthenticationTokenAudience} (issued for another resource)
     */
    void checkArmAuthorization(String authorization) throws ArmError {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            throw unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is not a Bearer token.");
        }
        Grant grant = grants.get(parts[1]);
        if (grant == null) {
            throw unauthorized("InvalidAuthenticationToken", "The access token is invalid.");
        }
        if (Instant.now().isAfter(grant.expiresOn())) {
            throw unauthorized("ExpiredAuthenticationToken", "The access token expiry UTC time '" + grant.expiresOn()
                    + "' is earlier than current UTC time.");
        }
        if (!ARM_AUDIENCES.contains(grant.resource().toLowerCase(Locale.ROOT))) {
            throw unauthorized("InvalidAuthenticationTokenAudience", "The access token has been obtained for wrong audience or resource '"
                    + grant.resource() + "'. It should exactly match with one of the allowed audiences "
                    + "'https://management.core.windows.net/','https://management.azure.com/'.");
        }
    }

    /** A 401 with the {@code WWW-Authenticate} challenge ARM sends. */
    static ArmError unauthorized(String code, String message) {
        return new ArmError(401, code, message).header("WWW-Authenticate",
                "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\""
                        + message.replace("\"", "'") + "\"");
    }
}
