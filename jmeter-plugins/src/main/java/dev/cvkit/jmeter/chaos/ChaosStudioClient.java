package dev.cvkit.jmeter.chaos;

import com.azure.core.util.Context;
import dev.cvkit.jmeter.chaos.implementation.ArmCalls;
import dev.cvkit.jmeter.chaos.implementation.CallDeadline;
import java.time.Duration;

/**
 * A client for Azure Chaos Studio (resource provider {@code Microsoft.Chaos}) on azure-core's HTTP pipeline.
 * Build it with {@link ChaosStudioClientBuilder}; it is immutable and thread-safe, and meant to be built once
 * (at test start) and shared: the pipeline keeps the access token and the TLS connections warm.
 */
public final class ChaosStudioClient {

    private final String endpoint;
    private final String apiVersion;
    private final Experiments experiments;
    private final ServiceClock serviceClock;

    ChaosStudioClient(ArmCalls calls, String endpoint, String apiVersion, Duration pollInterval,
            ServiceClock serviceClock) {
        this.serviceClock = serviceClock;
        this.endpoint = endpoint;
        this.apiVersion = apiVersion;
        this.experiments = new Experiments(calls, pollInterval);
    }

    /** The experiment operations. */
    public Experiments experiments() {
        return experiments;
    }

    /** What the answers so far say about the service's clock against this engine's. */
    public ServiceClock serviceClock() {
        return serviceClock;
    }

    /** The ARM endpoint the client talks to, e.g. {@code https://management.azure.com}. */
    public String endpoint() {
        return endpoint;
    }

    /** The api-version sent with every call. */
    public String apiVersion() {
        return apiVersion;
    }

    /**
     * A context that bounds a call, retries, waits and polling included, to {@code timeout} from now.
     *
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public static Context timeoutContext(Duration timeout) {
        return CallDeadline.in(timeout).addTo(Context.NONE);
    }
}
