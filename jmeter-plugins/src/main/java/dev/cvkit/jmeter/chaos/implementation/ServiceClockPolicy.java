package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.cvkit.jmeter.chaos.ServiceClock;
import reactor.core.publisher.Mono;

/**
 * Last in the pipeline (next to the wire, once per try, after the token was fetched): records when each
 * request went out, when its answer came back and the answer's {@code Date} header in a {@link ServiceClock}.
 */
public final class ServiceClockPolicy implements HttpPipelinePolicy {

    private final ServiceClock clock;

    public ServiceClockPolicy(ServiceClock clock) {
        this.clock = clock;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        long sent = System.currentTimeMillis();
        HttpResponse response = next.processSync();
        clock.record(sent, System.currentTimeMillis(), response.getHeaderValue(HttpHeaderName.DATE));
        return response;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            long sent = System.currentTimeMillis();
            return next.process().doOnNext(response ->
                    clock.record(sent, System.currentTimeMillis(), response.getHeaderValue(HttpHeaderName.DATE)));
        });
    }
}
