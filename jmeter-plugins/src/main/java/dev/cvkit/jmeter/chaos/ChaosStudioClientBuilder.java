package dev.cvkit.jmeter.chaos;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import dev.cvkit.jmeter.chaos.implementation.ArmCalls;
import dev.cvkit.jmeter.chaos.implementation.DeadlineBindingPolicy;
import dev.cvkit.jmeter.chaos.implementation.DeadlineRetryStrategy;
import dev.cvkit.jmeter.chaos.implementation.PerTryTimeoutPolicy;
import dev.cvkit.jmeter.chaos.implementation.SameEndpointPolicy;
import dev.cvkit.jmeter.chaos.implementation.ServiceClockPolicy;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Builds a {@link ChaosStudioClient}. Only the credential is required.
 *
 * <p>The pipeline, in order: refuse other hosts than the endpoint; user agent; request id; the call's
 * deadline; azure-core's {@link RetryPolicy} (429 with {@code Retry-After}, 408, 5xx, I/O errors and
 * timeouts, exponential back-off, never past the deadline); a per-try response timeout; ARM bearer-token
 * authentication ({@link ArmChallengeAuthenticationPolicy}, which refuses plain {@code http://}); the
 * {@link ServiceClock}'s record of each answer's {@code Date}. No HTTP
 * logging policy: headers carry the token.
 */
public final class ChaosStudioClientBuilder {

    /** The api-version used unless another is set. */
    public static final String DEFAULT_API_VERSION = "2025-01-01";
    /** Azure public cloud's Resource Manager. */
    public static final String DEFAULT_ENDPOINT = "https://management.azure.com";
    /** The token scope used for a loopback endpoint (a local stand-in for Resource Manager). */
    public static final String LOOPBACK_SCOPE = "https://management.azure.com/.default";

    private String endpoint = DEFAULT_ENDPOINT;
    private String apiVersion = DEFAULT_API_VERSION;
    private TokenCredential credential;
    private String tokenScope;
    private HttpClient httpClient;
    private SSLContext sslContext;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxRetries = 3;
    private Duration retryBaseDelay = Duration.ofMillis(800);
    private Duration retryMaxDelay = Duration.ofSeconds(8);
    private Duration pollInterval = Duration.ofSeconds(2);

    /** The Resource Manager endpoint (sovereign clouds, the local emulator); must be {@code https://}. */
    public ChaosStudioClientBuilder endpoint(String endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint").trim();
        return this;
    }

    /** The api-version of Microsoft.Chaos to call; default {@value #DEFAULT_API_VERSION}. */
    public ChaosStudioClientBuilder apiVersion(String apiVersion) {
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion").trim();
        return this;
    }

    /** Where access tokens come from (azure-identity's credentials, see {@link ChaosCredentials}). */
    public ChaosStudioClientBuilder credential(TokenCredential credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
        return this;
    }

    /**
     * The token scope. Default: the cloud's management audience for a known Azure endpoint; Azure Resource
     * Manager's public audience ({@value #LOOPBACK_SCOPE}) for a loopback endpoint (a local emulator stands
     * in for it); else {@code <endpoint>/.default}, for which Entra ID issues no token unless the endpoint
     * really is a registered resource (so a mistyped endpoint never receives a usable ARM token).
     */
    public ChaosStudioClientBuilder tokenScope(String tokenScope) {
        this.tokenScope = tokenScope;
        return this;
    }

    /** The HTTP client; default a JDK HTTP client (with {@link #sslContext} when given). */
    public ChaosStudioClientBuilder httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return this;
    }

    /**
     * The TLS context of the default JDK HTTP client, e.g. one trusting the local emulator's certificate.
     * Never changes the JVM's default context.
     */
    public ChaosStudioClientBuilder sslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /** The longest wait for one try's answer; default 10 s. A call's own timeout caps it further. */
    public ChaosStudioClientBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        return this;
    }

    /** Retries after the first try; default 3. */
    public ChaosStudioClientBuilder maxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
        this.maxRetries = maxRetries;
        return this;
    }

    /** Exponential back-off between tries when the service gives no {@code Retry-After}; default 0.8 s to 8 s. */
    public ChaosStudioClientBuilder retryDelay(Duration baseDelay, Duration maxDelay) {
        this.retryBaseDelay = positive(baseDelay, "retry base delay");
        this.retryMaxDelay = positive(maxDelay, "retry max delay");
        if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("retry max delay " + maxDelay + " is below the base delay " + baseDelay);
        }
        return this;
    }

    /** Interval between polls of a long-running operation when the service gives no {@code Retry-After}. */
    public ChaosStudioClientBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = positive(pollInterval, "pollInterval");
        return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalArgumentException when the endpoint is not an absolute {@code https://} URL or a value
     *     is missing
     */
    public ChaosStudioClient buildClient() {
        if (credential == null) {
            throw new IllegalArgumentException("a credential is required");
        }
        if (apiVersion.isEmpty()) {
            throw new IllegalArgumentException("api-version must not be empty");
        }
        URL endpointUrl = endpointUrl(endpoint);
        String base = endpointUrl.getProtocol() + "://" + endpointUrl.getAuthority();
        ServiceClock clock = new ServiceClock();
        HttpClient client = httpClient != null ? httpClient : ChaosHttpClients.create(sslContext);
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(client)
                .policies(
                        new SameEndpointPolicy(endpointUrl),
                        new UserAgentPolicy("cvkit-jmeter-plugins/" + version()),
                        new RequestIdPolicy(),
                        new DeadlineBindingPolicy(),
                        new RetryPolicy(new DeadlineRetryStrategy(maxRetries, retryBaseDelay, retryMaxDelay)),
                        new PerTryTimeoutPolicy(requestTimeout),
                        new ArmChallengeAuthenticationPolicy(credential, scope(base)),
                        new ServiceClockPolicy(clock))
                .build();
        return new ChaosStudioClient(new ArmCalls(pipeline, base, apiVersion), base, apiVersion, pollInterval, clock);
    }

    /** The token scope used for {@code base} unless {@link #tokenScope} was set. */
    String scope(String base) {
        if (tokenScope != null && !tokenScope.isBlank()) {
            return tokenScope.trim();
        }
        String normalized = base.toLowerCase(Locale.ROOT);
        for (AzureEnvironment environment : AzureEnvironment.knownEnvironments()) {
            String resourceManager = environment.getResourceManagerEndpoint();
            if (resourceManager != null && strip(resourceManager).equals(normalized)) {
                return strip(environment.getManagementEndpoint()) + "/.default";
            }
        }
        String host = URI.create(base).getHost();
        if ("127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host) || "[::1]".equals(host) || "::1".equals(host)) {
            return LOOPBACK_SCOPE;
        }
        return base + "/.default";
    }

    private static String strip(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static URL endpointUrl(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' must be an absolute https:// URL"
                        + " (Azure Resource Manager authentication refuses plain http)");
            }
            if (uri.getPath() != null && !uri.getPath().isEmpty() && !"/".equals(uri.getPath())) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' must have no path, e.g. "
                        + DEFAULT_ENDPOINT);
            }
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a URL: " + e.getMessage(), e);
        }
    }

    private static Duration positive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration;
    }

    static String version() {
        String version = ChaosStudioClientBuilder.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
