package dev.cvkit.jmeter.testing;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Scripted answers by method and path ending, for unit tests of the fault session's decisions. Each test
 * states the few answers it needs; anything else is a 404 that fails the test visibly.
 */
public final class Routes implements Function<HttpRequest, HttpResponse> {

    private final Map<String, Function<HttpRequest, HttpResponse>> routes = new LinkedHashMap<>();

    /** Answers {@code method} requests whose path ends with {@code pathEnd}. Later routes win. */
    public Routes on(String method, String pathEnd, Function<HttpRequest, HttpResponse> answer) {
        routes.put(method + " " + pathEnd, answer);
        return this;
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        String path = request.getUrl().getPath();
        HttpResponse found = null;
        for (Map.Entry<String, Function<HttpRequest, HttpResponse>> route : routes.entrySet()) {
            String[] key = route.getKey().split(" ", 2);
            if (key[0].equals(request.getHttpMethod().name()) && path.endsWith(key[1])) {
                found = route.getValue().apply(request);
            }
        }
        return found != null ? found : FakeResponse.json(request, 404,
                "{\"error\":{\"code\":\"NoRoute\",\"message\":\"no scripted answer for " + request.getHttpMethod()
                        + " " + path + "\"}}");
    }

    /** A JSON listing of executions: each given as {@code id:status:startedAt-ISO or -}. */
    public static String listing(String... executions) {
        StringBuilder json = new StringBuilder("{\"value\":[");
        for (int i = 0; i < executions.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(execution(executions[i]));
        }
        return json.append("]}").toString();
    }

    /** One execution object, {@code id:status:startedAt} ({@code -} for no start time). */
    public static String execution(String spec) {
        String[] parts = spec.split(";");
        String started = parts.length > 2 && !"-".equals(parts[2]) ? ",\"startedAt\":\"" + parts[2] + "\"" : "";
        return "{\"name\":\"" + parts[0] + "\",\"id\":\"/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Chaos"
                + "/experiments/exp/executions/" + parts[0] + "\",\"properties\":{\"status\":\"" + parts[1] + "\""
                + started + "}}";
    }
}
