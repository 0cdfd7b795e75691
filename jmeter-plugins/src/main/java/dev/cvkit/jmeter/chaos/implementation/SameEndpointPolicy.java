package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.net.URL;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * First policy of the pipeline: refuses any request to another scheme, host or port than the configured
 * endpoint. Polling URLs ({@code Azure-AsyncOperation}, {@code Location}) and {@code nextLink}s come from
 * the service's answers; following one to another host would hand that host the ARM bearer token.
 */
public final class SameEndpointPolicy implements HttpPipelinePolicy {

    private final String scheme;
    private final String host;
    private final int port;
    private final String endpoint;

    public SameEndpointPolicy(URL endpoint) {
        this.scheme = endpoint.getProtocol().toLowerCase(Locale.ROOT);
        this.host = endpoint.getHost().toLowerCase(Locale.ROOT);
        this.port = endpoint.getPort() < 0 ? endpoint.getDefaultPort() : endpoint.getPort();
        this.endpoint = endpoint.getProtocol() + "://" + endpoint.getAuthority();
    }

    /** True when {@code url} is on the configured endpoint. */
    public boolean allows(URL url) {
        int urlPort = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
        return scheme.equals(url.getProtocol().toLowerCase(Locale.ROOT))
                && host.equals(url.getHost().toLowerCase(Locale.ROOT))
                && port == urlPort;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        check(context.getHttpRequest().getUrl());
        return next.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            check(context.getHttpRequest().getUrl());
            return next.process();
        });
    }

    private void check(URL url) {
        if (!allows(url)) {
            throw new ForeignEndpointException("refusing to send a request to " + url.getProtocol() + "://"
                    + url.getAuthority() + ": it is not the configured endpoint " + endpoint);
        }
    }

    /** The request went elsewhere than the configured endpoint. */
    public static final class ForeignEndpointException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ForeignEndpointException(String message) {
            super(message);
        }
    }
}
