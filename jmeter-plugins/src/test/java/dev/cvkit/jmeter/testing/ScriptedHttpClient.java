package dev.cvkit.jmeter.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An azure-core {@link HttpClient} that answers from a function and records every request: for unit tests
 * of the client's pipeline (retries, deadlines, auth, paging). Integration tests use the sandbox emulator
 * over HTTPS instead.
 */
public final class ScriptedHttpClient implements HttpClient {

    /** One recorded request: method, URL, and whether it carried an Authorization header. */
    public record Call(String method, String url, boolean authorized) {
    }

    private final Function<HttpRequest, HttpResponse> handler;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public ScriptedHttpClient(Function<HttpRequest, HttpResponse> handler) {
        this.handler = handler;
    }

    public List<Call> calls() {
        return calls;
    }

    /** Recorded calls whose URL path ends with {@code suffix} and method is {@code method}. */
    public long count(String method, String suffix) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && c.url().split("\\?")[0].endsWith(suffix))
                .count();
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromCallable(() -> sendSync(request, Context.NONE));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        calls.add(new Call(request.getHttpMethod().name(), request.getUrl().toString(),
                request.getHeaders().getValue(com.azure.core.http.HttpHeaderName.AUTHORIZATION) != null));
        return handler.apply(request);
    }
}
