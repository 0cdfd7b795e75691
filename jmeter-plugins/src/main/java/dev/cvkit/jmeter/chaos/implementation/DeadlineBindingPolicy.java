package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Placed before the retry policy: makes the call's {@link CallDeadline} visible to
 * {@link DeadlineRetryStrategy} for the duration of the (synchronous) call, on whatever thread runs it.
 */
public final class DeadlineBindingPolicy implements HttpPipelinePolicy {

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        CallDeadline deadline = CallDeadline.from(context.getContext()).orElse(null);
        if (deadline == null) {
            return next.processSync();
        }
        CallDeadline previous = CallDeadline.bind(deadline);
        try {
            return next.processSync();
        } finally {
            CallDeadline.restore(previous);
        }
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        // The client is synchronous; an asynchronous caller gets the deadline as an overall timeout.
        return CallDeadline.from(context.getContext())
                .map(deadline -> next.process().timeout(positive(deadline.remaining())))
                .orElseGet(next::process);
    }

    private static java.time.Duration positive(java.time.Duration duration) {
        return duration.isNegative() || duration.isZero() ? java.time.Duration.ofMillis(1) : duration;
    }
}
