package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import dev.cvkit.jmeter.chaos.ChaosStudioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Sends one ARM request through the pipeline and turns every way it can fail into a
 * {@link ChaosStudioException} with a message that says which call failed and why. Logs each call's method,
 * path, status and duration at verbose level; never a header (the bearer token travels in one).
 */
public final class ArmCalls {

    private static final ClientLogger LOGGER = new ClientLogger(ArmCalls.class);

    private final HttpPipeline pipeline;
    private final String endpoint;
    private final String apiVersion;

    public ArmCalls(HttpPipeline pipeline, String endpoint, String apiVersion) {
        this.pipeline = pipeline;
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.apiVersion = apiVersion;
    }

    public HttpPipeline pipeline() {
        return pipeline;
    }

    /** True when {@code url} is an absolute URL on the configured endpoint (scheme, host and port). */
    public boolean isOnEndpoint(String url) {
        try {
            java.net.URI target = java.net.URI.create(url);
            java.net.URI base = java.net.URI.create(endpoint);
            return base.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme()))
                    && base.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
                    && port(base) == port(target);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static int port(java.net.URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** The absolute URL of an ARM path on the endpoint, with the api-version. */
    public String url(String path) {
        return endpoint + path + "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    }

    /** A path segment, percent-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends the request and returns the answer when its status is one of {@code expected}.
     *
     * @param what a description of the call for messages, e.g. {@code "start experiment x"}
     * @throws ChaosStudioException for any other status and for every failure to get an answer
     */
    public Response<BinaryData> send(HttpMethod method, String url, String what, Context context, int... expected) {
        HttpRequest request = new HttpRequest(method, url).setHeader(HttpHeaderName.ACCEPT, "application/json");
        // ARM's action POSTs take no body: none is set, and the JDK client sends "Content-Length: 0" itself
        // (an explicit empty body would make azure-core set that header, which the JDK client refuses, with a
        // warning in the log on every call).
        long startNanos = System.nanoTime();
        int status;
        byte[] body;
        com.azure.core.http.HttpHeaders headers;
        try (HttpResponse response = pipeline.sendSync(request, context == null ? Context.NONE : context)) {
            status = response.getStatusCode();
            headers = response.getHeaders();
            BinaryData data = response.getBodyAsBinaryData();
            body = data == null ? new byte[0] : data.toBytes();
        } catch (RuntimeException e) {
            throw translate(e, what, CallDeadline.from(context).orElse(null), request.getUrl().getAuthority());
        }
        LOGGER.atVerbose()
                .addKeyValue("method", method)
                .addKeyValue("path", request.getUrl().getPath())
                .addKeyValue("status", status)
                .addKeyValue("durationMillis", (System.nanoTime() - startNanos) / 1_000_000)
                .log("Chaos Studio call");
        for (int ok : expected) {
            if (status == ok) {
                return new SimpleResponse<>(request, status, headers, BinaryData.fromBytes(body));
            }
        }
        throw errorAnswer(what, status, body);
    }

    /** The exception for an error answer, reading ARM's {@code {"error":{"code","message"}}} when present. */
    static ChaosStudioException errorAnswer(String what, int status, byte[] body) {
        String code = null;
        String message = null;
        try {
            Map<String, Object> error = JsonTree.object(JsonTree.parseObject(body, "error"), "error");
            // The service's words reach logs and rows: one line each, so that they cannot forge log lines.
            code = oneLine(JsonTree.string(error, "code"));
            message = oneLine(JsonTree.string(error, "message"));
        } catch (IOException notJson) {
            // The body is not ARM's error format; the status alone says enough.
        }
        StringBuilder text = new StringBuilder(what).append(": HTTP ").append(status);
        if (code != null) {
            text.append(' ').append(code);
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message.trim());
        }
        String hint = hint(status);
        if (hint != null) {
            text.append(" (").append(hint).append(')');
        }
        return new ChaosStudioException(text.toString(), status, code, null);
    }

    private static String hint(int status) {
        switch (status) {
            case 401:
                return "the token was not accepted: check the credential and the endpoint's cloud";
            case 403:
                return "the identity lacks permission on the experiment";
            case 404:
                return "no such experiment: check the resource ID and the endpoint";
            case 409:
                return "the experiment is busy: another execution is running";
            case 429:
                return "throttled, and retrying did not fit the timeout";
            default:
                return status >= 500 ? "the service failed, and retrying did not help within the timeout" : null;
        }
    }

    /**
     * Translates whatever the pipeline threw into a {@link ChaosStudioException}. Restores the thread's
     * interrupt flag when the cause is an interruption (the JDK HTTP client wraps and so clears it).
     */
    public static ChaosStudioException translate(Throwable failure, String what, CallDeadline deadline,
            String authority) {
        if (failure instanceof ChaosStudioException) {
            return (ChaosStudioException) failure;
        }
        Throwable io = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChaosStudioException) {
                return (ChaosStudioException) cause;
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new ChaosStudioException(what + ": interrupted (the test is stopping)", 0,
                        ChaosStudioException.INTERRUPTED, failure);
            }
            if (cause instanceof CallDeadlineExceededException || cause instanceof TimeoutException
                    || cause instanceof java.net.http.HttpTimeoutException) {
                String budget = deadline == null ? "" : " within " + deadline.budget().toMillis() + " ms";
                return new ChaosStudioException(what + ": no answer" + budget + " (timed out)", 0,
                        ChaosStudioException.TIMEOUT, failure);
            }
            if (cause instanceof SameEndpointPolicy.ForeignEndpointException) {
                return new ChaosStudioException(what + ": " + cause.getMessage(), 0,
                        ChaosStudioException.BAD_RESPONSE, failure);
            }
            if (cause instanceof ClientAuthenticationException) {
                return new ChaosStudioException(what + ": cannot get an access token: " + Failures.token(cause),
                        0, ChaosStudioException.NO_TOKEN, failure);
            }
            if (io == null && (cause instanceof IOException || cause instanceof UncheckedIOException)) {
                io = cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return new ChaosStudioException(what + ": interrupted (the test is stopping)", 0,
                    ChaosStudioException.INTERRUPTED, failure);
        }
        if (io != null) {
            String why = Failures.connection(io);
            return new ChaosStudioException(what + ": cannot reach " + authority + ": "
                    + (why != null ? why : describe(rootCause(io))), 0, ChaosStudioException.UNREACHABLE, failure);
        }
        return new ChaosStudioException(what + ": " + describe(failure), 0, null, failure);
    }

    /** Control characters (line breaks included) as spaces; null stays null. */
    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", " ");
    }

    private static Throwable rootCause(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable throwable) {
        String message = throwable.getMessage();
        return throwable.getClass().getSimpleName() + (message == null ? "" : ": " + Failures.firstLine(message));
    }
}
