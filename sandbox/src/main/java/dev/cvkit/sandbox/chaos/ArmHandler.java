package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cvkit.sandbox.chaos.implementation.Execution;
import dev.cvkit.sandbox.chaos.implementation.ExperimentDefinition;
import dev.cvkit.sandbox.chaos.implementation.ExperimentParser;
import dev.cvkit.sandbox.http.HttpExchanges;
import dev.cvkit.sandbox.http.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Serves the Microsoft.Chaos ARM paths of api-version {@value ChaosStudioEmulator#API_VERSION}: routes a
 * request, applies a pending {@link FaultKnob}, checks the bearer token and the api-version, answers, and
 * records the exchange in the {@link RequestJournal}.
 */
final class ArmHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ArmHandler.class.getName());
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A routed request: the operation and the path parameters it carries. */
    private record Route(ArmOperation operation, boolean methodAllowed, String subscriptionId, String resourceGroup,
            String experiment, String executionId, String location, String operationId) {

        static Route unknown() {
            return new Route(ArmOperation.UNKNOWN, false, null, null, null, null, null, null);
        }
    }

    /** An answer: status, headers, body (null for none). */
    private record Answer(int status, Map<String, String> headers, JsonNode body) {
    }

    private final EmulatorState state;
    private final Supplier<String> baseUri;

    ArmHandler(EmulatorState state, Supplier<String> baseUri) {
        this.state = state;
        this.baseUri = baseUri;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        long startNanos = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Route route = route(method, path);
        FaultKnob knob = null;
        Answer answer;
        try {
            if (route.operation() == ArmOperation.START) {
                state.startCalls.incrementAndGet();
            } else if (route.operation() == ArmOperation.CANCEL) {
                state.cancelCalls.incrementAndGet();
            }
            if (route.operation() == ArmOperation.UNKNOWN) {
                throw new ArmError(404, "NotFound", "No Microsoft.Chaos resource matches '" + method + " " + path
                        + "' (the emulator serves experiments, their start/cancel, executions and operation statuses).");
            }
            if (!route.methodAllowed()) {
                throw new ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '" + method + "'.");
            }
            knob = state.knobs.next(route.operation());
            applyKnob(knob, route);
            state.tokens.checkArmAuthorization(exchange.getRequestHeaders().getFirst("Authorization"));
            checkApiVersion(HttpExchanges.queryParameters(exchange).get("api-version"));
            if (route.subscriptionId() != null && !GUID.matcher(route.subscriptionId()).matches()) {
                throw new ArmError(400, "InvalidSubscriptionId", "The provided subscription identifier '" + route.subscriptionId()
                        + "' is malformed or invalid.");
            }
            answer = dispatch(route, exchange);
        } catch (ArmError e) {
            answer = new Answer(e.status(), e.headers(), e.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(503, Map.of(), new ArmError(503, "ServiceUnavailable", "The emulator is shutting down.").body());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chaos Studio emulator failed on " + method + " " + path, e);
            answer = new Answer(500, Map.of(), new ArmError(500, "InternalServerError", "The emulator failed: " + e).body());
        }
        exchange.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
        String clientRequestId = exchange.getRequestHeaders().getFirst("x-ms-client-request-id");
        if (clientRequestId != null) {
            exchange.getResponseHeaders().set("x-ms-client-request-id", clientRequestId);
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        // Journal first: a client that got the answer must find it in the journal.
        state.journal.record(new JournalEntry(receivedAt, method, path, route.operation(), answer.status(), knob,
                (System.nanoTime() - startNanos) / 1_000_000));
        HttpExchanges.sendJson(exchange, answer.status(), answer.body());
    }

    private static void applyKnob(FaultKnob knob, Route route) throws ArmError, InterruptedException {
        if (knob == null) {
            return;
        }
        switch (knob.kind()) {
            case DELAY -> Thread.sleep(knob.duration().toMillis());
            case THROTTLE -> throw new ArmError(429, "TooManyRequests", "The request is being throttled (fault knob on "
                    + route.operation() + ").").header("Retry-After", Long.toString(knob.retryAfterSeconds()));
            case SERVER_ERROR -> throw new ArmError(500, "InternalServerError", "The server encountered an internal error (fault knob on "
                    + route.operation() + ").");
            case CONFLICT -> throw ArmError.conflict("The request conflicts with the current state of the resource (fault knob on "
                    + route.operation() + ").");
            case UNAUTHORIZED -> throw TokenIssuer.unauthorized("InvalidAuthenticationToken", "The access token is invalid (fault knob on "
                    + route.operation() + ").");
            default -> throw new IllegalStateException("unhandled knob " + knob);
        }
    }

    private static void checkApiVersion(String apiVersion) throws ArmError {
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new ArmError(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!apiVersion.equals(ChaosStudioEmulator.API_VERSION)) {
            throw new ArmError(400, "NoRegisteredProviderFound", "No registered resource provider found for API version '" + apiVersion
                    + "' and type 'experiments'. The supported api-versions are '" + ChaosStudioEmulator.API_VERSION + "'.");
        }
    }

    // ---- routing ----

    private static Route route(String method, String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        int n = segments.size();
        if (n < 2 || !is(segments, 0, "subscriptions")) {
            return Route.unknown();
        }
        String subscription = segments.get(1);
        // .../resourceGroups/{rg}/providers/Microsoft.Chaos/experiments/{name}[/...]
        if (n >= 8 && is(segments, 2, "resourcegroups") && is(segments, 4, "providers") && is(segments, 5, "microsoft.chaos")
                && is(segments, 6, "experiments")) {
            String group = segments.get(3);
            String experiment = segments.get(7);
            if (n == 8) {
                ArmOperation op = method.equals("PUT") ? ArmOperation.PUT_EXPERIMENT : ArmOperation.GET_EXPERIMENT;
                return new Route(op, method.equals("GET") || method.equals("PUT"), subscription, group, experiment, null, null, null);
            }
            if (n == 9 && is(segments, 8, "start")) {
                return new Route(ArmOperation.START, method.equals("POST"), subscription, group, experiment, null, null, null);
            }
            if (n == 9 && is(segments, 8, "cancel")) {
                return new Route(ArmOperation.CANCEL, method.equals("POST"), subscription, group, experiment, null, null, null);
            }
            if (n == 9 && is(segments, 8, "executions")) {
                return new Route(ArmOperation.LIST_EXECUTIONS, method.equals("GET"), subscription, group, experiment, null, null, null);
            }
            if (n == 10 && is(segments, 8, "executions")) {
                return new Route(ArmOperation.GET_EXECUTION, method.equals("GET"), subscription, group, experiment, segments.get(9), null, null);
            }
            if (n == 11 && is(segments, 8, "executions") && is(segments, 10, "getexecutiondetails")) {
                return new Route(ArmOperation.GET_EXECUTION_DETAILS, method.equals("POST"), subscription, group, experiment,
                        segments.get(9), null, null);
            }
            return Route.unknown();
        }
        // .../[resourceGroups/{rg}/]providers/Microsoft.Chaos/locations/{location}/operationStatuses|operationResults/{id}
        int p = is(segments, 2, "resourcegroups") ? 4 : 2;
        if (n == p + 6 && is(segments, p, "providers") && is(segments, p + 1, "microsoft.chaos") && is(segments, p + 2, "locations")) {
            String location = segments.get(p + 3);
            String id = segments.get(p + 5);
            if (is(segments, p + 4, "operationstatuses")) {
                return new Route(ArmOperation.GET_OPERATION_STATUS, method.equals("GET"), subscription, null, null, null, location, id);
            }
            if (is(segments, p + 4, "operationresults")) {
                return new Route(ArmOperation.GET_OPERATION_RESULT, method.equals("GET"), subscription, null, null, null, location, id);
            }
        }
        return Route.unknown();
    }

    private static boolean is(List<String> segments, int index, String lowerCaseLiteral) {
        return index < segments.size() && segments.get(index).toLowerCase(Locale.ROOT).equals(lowerCaseLiteral);
    }

    // ---- operations ----

    private Answer dispatch(Route route, HttpExchange exchange) throws ArmError, IOException {
        return switch (route.operation()) {
            case GET_EXPERIMENT -> new Answer(200, Map.of(), experiment(route).resource());
            case PUT_EXPERIMENT -> putExperiment(route, HttpExchanges.readBody(exchange));
            case START -> start(route);
            case CANCEL -> cancel(route);
            case LIST_EXECUTIONS -> listExecutions(route, HttpExchanges.queryParameters(exchange).get("continuationToken"));
            case GET_EXECUTION -> new Answer(200, Map.of(), executionResource(experiment(route), execution(route), false));
            case GET_EXECUTION_DETAILS -> new Answer(200, Map.of(), executionResource(experiment(route), execution(route), true));
            case GET_OPERATION_STATUS -> operationStatus(route);
            case GET_OPERATION_RESULT -> operationResult(route);
            default -> throw new IllegalStateException("unrouted " + route.operation());
        };
    }

    private ExperimentEntry experiment(Route route) throws ArmError {
        ExperimentEntry entry = state.experiment(route.subscriptionId(), route.resourceGroup(), route.experiment());
        if (entry == null) {
            throw ArmError.notFound("The Resource 'Microsoft.Chaos/experiments/" + route.experiment() + "' under resource group '"
                    + route.resourceGroup() + "' was not found.");
        }
        return entry;
    }

    private Execution execution(Route route) throws ArmError {
        ExperimentEntry entry = experiment(route);
        Execution execution = entry.execution(route.executionId());
        if (execution == null) {
            throw ArmError.notFound("Execution '" + route.executionId() + "' of experiment '" + route.experiment() + "' was not found.");
        }
        return execution;
    }

    private Answer putExperiment(Route route, String body) throws ArmError {
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw ArmError.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        }
        ExperimentDefinition definition;
        try {
            definition = ExperimentParser.parse(json, "request body", route.subscriptionId(), route.resourceGroup(), route.experiment());
        } catch (InvalidExperimentException e) {
            throw ArmError.badRequest("BadRequest", e.getMessage());
        }
        EmulatorState.Deployment deployment = state.deploy(definition, state.provisioningLatency);
        Map<String, String> headers = operationHeaders(deployment.operation());
        return new Answer(deployment.created() ? 201 : 200, headers, deployment.entry().resource());
    }

    private Answer start(Route route) throws ArmError {
        ExperimentEntry entry = experiment(route);
        AsyncOperation operation;
        synchronized (state.lifecycleLock) {
            Execution active = entry.activeExecution();
            if (active != null) {
                throw ArmError.conflict("Experiment '" + entry.definition().name() + "' is already running (execution '" + active.id()
                        + "', status " + active.status() + "); an experiment runs one execution at a time.");
            }
            ExperimentDefinition definition = entry.definition();
            Execution execution = state.engine.start(definition);
            entry.add(execution);
            state.startsAccepted.incrementAndGet();
            state.executionsCreated.incrementAndGet();
            operation = new AsyncOperation(AsyncOperation.Kind.START, definition.subscriptionId(), definition.location(),
                    definition.resourceId(), definition.name(), execution, java.time.Duration.ZERO);
            state.register(operation);
        }
        return new Answer(202, operationHeaders(operation), null);
    }

    private Answer cancel(Route route) throws ArmError {
        ExperimentEntry entry = experiment(route);
        AsyncOperation operation;
        synchronized (state.lifecycleLock) {
            Execution active = entry.activeExecution();
            if (active != null && state.engine.cancel(active)) {
                state.executionsCancelled.incrementAndGet();
            }
            ExperimentDefinition definition = entry.definition();
            operation = new AsyncOperation(AsyncOperation.Kind.CANCEL, definition.subscriptionId(), definition.location(),
                    definition.resourceId(), definition.name(), active, java.time.Duration.ZERO);
            state.register(operation);
            state.cancelsAccepted.incrementAndGet();
        }
        return new Answer(202, operationHeaders(operation), null);
    }

    private Answer listExecutions(Route route, String continuationToken) throws ArmError {
        ExperimentEntry entry = experiment(route);
        List<Execution> executions = entry.executions();
        int offset = 0;
        if (continuationToken != null && !continuationToken.isEmpty()) {
            try {
                offset = Integer.parseInt(continuationToken);
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0 || offset > executions.size()) {
                throw ArmError.badRequest("InvalidContinuationToken", "The continuation token '" + continuationToken + "' is not valid.");
            }
        }
        int end = Math.min(executions.size(), offset + state.executionsPageSize);
        ObjectNode page = Json.object();
        ArrayNode value = page.putArray("value");
        for (Execution execution : executions.subList(offset, end)) {
            value.add(executionResource(entry, execution, false));
        }
        if (end < executions.size()) {
            page.put("nextLink", baseUri.get() + entry.definition().resourceId() + "/executions?api-version="
                    + ChaosStudioEmulator.API_VERSION + "&continuationToken=" + end);
        }
        return new Answer(200, Map.of(), page);
    }

    private static ObjectNode executionResource(ExperimentEntry entry, Execution execution, boolean details) {
        ObjectNode body = Json.object();
        body.put("name", execution.id());
        body.put("type", "Microsoft.Chaos/experiments/executions");
        body.put("id", entry.definition().resourceId() + "/executions/" + execution.id());
        body.set("properties", execution.properties(details));
        return body;
    }

    private AsyncOperation operation(Route route) throws ArmError {
        AsyncOperation operation = state.operation(route.operationId());
        if (operation == null || !operation.subscriptionId().equalsIgnoreCase(route.subscriptionId())
                || !operation.location().equalsIgnoreCase(route.location())) {
            throw ArmError.notFound("Operation '" + route.operationId() + "' was not found in location '" + route.location() + "'.");
        }
        return operation;
    }

    private Answer operationStatus(Route route) throws ArmError {
        AsyncOperation operation = operation(route);
        ObjectNode body = operation.statusResource();
        Map<String, String> headers = new LinkedHashMap<>();
        if (!operation.isTerminal(body.path("status").asText())) {
            headers.put("Retry-After", retryAfterSeconds());
        }
        return new Answer(200, headers, body);
    }

    private Answer operationResult(Route route) throws ArmError {
        AsyncOperation operation = operation(route);
        String status = operation.status();
        if (!operation.isTerminal(status)) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Location", baseUri.get() + operation.resultPath() + "?api-version=" + ChaosStudioEmulator.API_VERSION);
            headers.put("Retry-After", retryAfterSeconds());
            return new Answer(202, headers, null);
        }
        if (status.equals(AsyncOperation.FAILED)) {
            throw ArmError.badRequest("ExperimentExecutionFailed", operation.execution().failureReason());
        }
        return switch (operation.kind()) {
            case CREATE, UPDATE -> {
                ExperimentEntry entry = state.experimentByResourceId(operation.experimentResourceId());
                yield new Answer(200, Map.of(), entry == null ? null : entry.resource());
            }
            case START, CANCEL -> {
                ObjectNode body = Json.object();
                body.put("name", operation.experimentName());
                Execution execution = operation.execution();
                if (execution != null) {
                    body.put("statusUrl", baseUri.get() + execution.experiment().resourceId() + "/executions/" + execution.id());
                }
                yield new Answer(200, Map.of(), body);
            }
        };
    }

    private Map<String, String> operationHeaders(AsyncOperation operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        String query = "?api-version=" + ChaosStudioEmulator.API_VERSION;
        headers.put("Azure-AsyncOperation", baseUri.get() + operation.statusPath() + query);
        headers.put("Location", baseUri.get() + operation.resultPath() + query);
        headers.put("Retry-After", retryAfterSeconds());
        return headers;
    }

    private String retryAfterSeconds() {
        long seconds = state.retryAfter.getSeconds() + (state.retryAfter.getNano() > 0 ? 1 : 0);
        return Long.toString(seconds);
    }
}
