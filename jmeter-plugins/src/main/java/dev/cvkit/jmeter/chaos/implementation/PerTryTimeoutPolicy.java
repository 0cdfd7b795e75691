package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Placed after the retry policy, so it runs once per try: gives the try a response timeout of at most
 * {@code requestTimeout} and never more than what is left of the call's deadline, and refuses to send a try
 * once the deadline has passed.
 *
 * <p>The timeout reaches the JDK HTTP client through azure-core's per-call context key
 * {@code azure-response-timeout}, which {@code azure-core-http-jdk-httpclient} turns into
 * {@code java.net.http.HttpRequest.timeout}; a timed-out try is an {@code HttpTimeoutException}, which the
 * retry policy retries while time remains.
 */
public final class PerTryTimeoutPolicy implements HttpPipelinePolicy {

    /** azure-core's context key for a per-call response timeout (read by the JDK HTTP client). */
    static final String AZURE_RESPONSE_TIMEOUT = "azure-response-timeout";

    private final Duration requestTimeout;

    public PerTryTimeoutPolicy(Duration requestTimeout) {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        this.requestTimeout = requestTimeout;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        context.setData(AZURE_RESPONSE_TIMEOUT, tryTimeout(context));
        return next.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            Duration timeout = tryTimeout(context);
            context.setData(AZURE_RESPONSE_TIMEOUT, timeout);
            return next.process().timeout(timeout);
        });
    }

    private Duration tryTimeout(HttpPipelineCallContext context) {
        CallDeadline deadline = CallDeadline.from(context.getContext()).orElse(null);
        if (deadline == null) {
            return requestTimeout;
        }
        Duration remaining = deadline.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            throw new CallDeadlineExceededException(deadline.budget());
        }
        return remaining.compareTo(requestTimeout) < 0 ? remaining : requestTimeout;
    }
}
