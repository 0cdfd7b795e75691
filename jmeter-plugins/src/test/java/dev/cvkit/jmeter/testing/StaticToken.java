package dev.cvkit.jmeter.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** A credential handing out one fixed token (unit tests only); counts how often it was asked. */
public final class StaticToken implements TokenCredential {

    public static final String SECRET = "cvkit-test-token-3f9a1c7e-NEVER-IN-LOGS";

    private final AtomicInteger requests = new AtomicInteger();

    public int requests() {
        return requests.get();
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromSupplier(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        requests.incrementAndGet();
        return new AccessToken(SECRET, OffsetDateTime.now().plusHours(1));
    }
}
