package dev.cvkit.jmeter.fault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import dev.cvkit.jmeter.chaos.ChaosCredentials;
import dev.cvkit.jmeter.chaos.ChaosHttpClients;
import dev.cvkit.jmeter.chaos.ChaosStudioClient;
import dev.cvkit.jmeter.chaos.ChaosStudioClientBuilder;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Opens a {@link FaultSession} from settings: the TLS context (only when a trust store is given; the JVM's
 * default context is never touched), one JDK HTTP client shared by the credential and the Chaos Studio
 * client, the credential, the client. Nothing is called here; {@link FaultSession#warmUp()} does the first
 * call. A dry run builds no client at all.
 */
public final class FaultSessionFactory {

    /** Makes the credential of a session. */
    @FunctionalInterface
    public interface CredentialSource {
        TokenCredential create(FaultSettings settings, HttpClient httpClient);
    }

    /** azure-identity's credential as the settings choose it. */
    public static final CredentialSource AZURE_IDENTITY = (settings, httpClient) ->
            settings.credential() == CredentialKind.MANAGED_IDENTITY
                    ? ChaosCredentials.managedIdentity(settings.managedIdentityClientId(), httpClient)
                    : ChaosCredentials.defaultCredential(settings.managedIdentityClientId(), httpClient);

    private static volatile CredentialSource credentialSource = AZURE_IDENTITY;

    private FaultSessionFactory() {
    }

    /**
     * Replaces where credentials come from until the returned handle is closed. For in-process tests only:
     * one JVM cannot give each test its own environment, and the managed-identity credential reads its
     * endpoint from the process environment. Plans always get {@link #AZURE_IDENTITY}.
     */
    public static AutoCloseable overrideCredentialSource(CredentialSource source) {
        credentialSource = source;
        return () -> credentialSource = AZURE_IDENTITY;
    }

    /**
     * @throws FaultConfigurationException when the trust store cannot be read or the endpoint is unusable
     */
    public static FaultSession open(FaultSettings settings, long testStartMillis) {
        if (settings.dryRun()) {
            return new FaultSession(settings, null, testStartMillis);
        }
        try {
            SSLContext sslContext = settings.trustStore() == null ? null
                    : ChaosHttpClients.trustStoreContext(settings.trustStore(),
                            settings.trustStorePassword() == null ? new char[0]
                                    : settings.trustStorePassword().toCharArray());
            HttpClient httpClient = ChaosHttpClients.create(sslContext);
            TokenCredential credential = credentialSource.create(settings, httpClient);
            ChaosStudioClient client = new ChaosStudioClientBuilder()
                    .endpoint(settings.endpoint())
                    .apiVersion(settings.apiVersion())
                    .credential(credential)
                    .tokenScope(settings.tokenScope())
                    .httpClient(httpClient)
                    .requestTimeout(settings.requestTimeout())
                    .maxRetries(settings.maxRetries())
                    .retryDelay(min(Duration.ofMillis(800), settings.requestTimeout()), Duration.ofSeconds(8))
                    .pollInterval(settings.pollInterval())
                    .buildClient();
            return new FaultSession(settings, client, testStartMillis);
        } catch (IllegalArgumentException e) {
            throw new FaultConfigurationException(e.getMessage(), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
