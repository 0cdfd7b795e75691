package dev.cvkit.jmeter.chaos;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.PagedResponseBase;
import com.azure.core.http.rest.Response;
import com.azure.core.management.polling.PollResult;
import com.azure.core.management.polling.SyncPollerFactory;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.serializer.SerializerAdapter;
import dev.cvkit.jmeter.chaos.implementation.ArmCalls;
import dev.cvkit.jmeter.chaos.implementation.CallDeadline;
import dev.cvkit.jmeter.chaos.implementation.JsonTree;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experiment operations of Chaos Studio (Microsoft.Chaos), shaped like the generated SDK's
 * {@code experiments()} so that the generated client could replace this one: get, start and cancel
 * (long-running, followed through azure-core-management's ARM poller), list executions, get one execution,
 * get its details.
 *
 * <p>Every method takes an azure-core {@link Context}; a context made by
 * {@link ChaosStudioClient#timeoutContext(Duration)} bounds the whole call, retries and waits included.
 * Every failure is a {@link ChaosStudioException}. Instances are immutable and thread-safe.
 */
public final class Experiments {

    private static final ClientLogger LOGGER = new ClientLogger(Experiments.class);
    /** Stops paging through a listing that never ends (a service bug must not hang a JMeter thread). */
    static final int MAX_PAGES = 100;

    private final ArmCalls calls;
    private final Duration pollInterval;
    private final SerializerAdapter serializer = SerializerFactory.createDefaultManagementSerializerAdapter();

    Experiments(ArmCalls calls, Duration pollInterval) {
        this.calls = calls;
        this.pollInterval = pollInterval;
    }

    /** {@code GET .../experiments/{name}}. */
    public Experiment get(ExperimentId experiment, Context context) {
        Response<BinaryData> response = calls.send(HttpMethod.GET, calls.url(path(experiment)),
                "get experiment " + experiment.name(), context, 200);
        return read("get experiment " + experiment.name(), () -> Experiment.fromJson(response.getValue().toBytes()));
    }

    /**
     * {@code POST .../experiments/{name}/start}: sends the start and returns the ARM poller that follows the
     * operation ({@code Azure-AsyncOperation} / {@code Location}). The POST has happened when this returns.
     *
     * @throws ChaosStudioException when the service refuses the start (e.g. 409 while an execution runs)
     */
    public SyncPoller<PollResult<Void>, Void> beginStart(ExperimentId experiment, Context context) {
        return beginAction(experiment, "start", context);
    }

    /** Starts the experiment and waits for the start operation to finish (bounded by the context's timeout). */
    public void start(ExperimentId experiment, Context context) {
        finish(beginStart(experiment, context), "start experiment " + experiment.name(), context);
    }

    /**
     * {@code POST .../experiments/{name}/cancel}: sends the cancel and returns the ARM poller of the operation.
     * The POST has happened when this returns.
     */
    public SyncPoller<PollResult<Void>, Void> beginCancel(ExperimentId experiment, Context context) {
        return beginAction(experiment, "cancel", context);
    }

    /** Cancels the running execution and waits for the cancel operation to finish. */
    public void cancel(ExperimentId experiment, Context context) {
        finish(beginCancel(experiment, context), "cancel experiment " + experiment.name(), context);
    }

    /** {@code GET .../experiments/{name}/executions}, every page (pages on the endpoint only). */
    public PagedIterable<ExperimentExecution> listExecutions(ExperimentId experiment, Context context) {
        String what = "list executions of " + experiment.name();
        Set<String> fetched = new HashSet<>();
        return new PagedIterable<>(
                () -> {
                    fetched.clear();
                    return page(calls.url(path(experiment) + "/executions"), what, context, fetched);
                },
                nextLink -> page(nextLink, what, context, fetched));
    }

    /** {@code GET .../experiments/{name}/executions/{executionId}}. */
    public ExperimentExecution getExecution(ExperimentId experiment, String executionId, Context context) {
        String what = "get execution " + executionId + " of " + experiment.name();
        Response<BinaryData> response = calls.send(HttpMethod.GET,
                calls.url(path(experiment) + "/executions/" + ArmCalls.segment(executionId)), what, context, 200);
        return read(what, () -> ExperimentExecution.fromJson(response.getValue().toBytes()));
    }

    /** {@code POST .../experiments/{name}/executions/{executionId}/getExecutionDetails}. */
    public ExecutionDetails getExecutionDetails(ExperimentId experiment, String executionId, Context context) {
        String what = "get details of execution " + executionId + " of " + experiment.name();
        Response<BinaryData> response = calls.send(HttpMethod.POST,
                calls.url(path(experiment) + "/executions/" + ArmCalls.segment(executionId) + "/getExecutionDetails"),
                what, context, 200);
        return read(what, () -> ExecutionDetails.fromJson(response.getValue().toBytes()));
    }

    private SyncPoller<PollResult<Void>, Void> beginAction(ExperimentId experiment, String action, Context context) {
        String what = action + " experiment " + experiment.name();
        Response<BinaryData> accepted = calls.send(HttpMethod.POST, calls.url(path(experiment) + "/" + action),
                what, context, 200, 202);
        LOGGER.atInfo()
                .addKeyValue("experiment", experiment.resourceId())
                .addKeyValue("status", accepted.getStatusCode())
                .log("Chaos Studio accepted the " + action);
        try {
            return SyncPollerFactory.create(serializer, calls.pipeline(), Void.class, Void.class, pollInterval,
                    () -> accepted, context == null ? Context.NONE : context);
        } catch (RuntimeException e) {
            throw ArmCalls.translate(e, what, CallDeadline.from(context).orElse(null), "the endpoint");
        }
    }

    private void finish(SyncPoller<PollResult<Void>, Void> poller, String what, Context context) {
        CallDeadline deadline = CallDeadline.from(context).orElse(null);
        try {
            if (deadline == null) {
                poller.getFinalResult();
            } else {
                poller.getFinalResult(positive(deadline.remaining()));
            }
        } catch (RuntimeException e) {
            throw ArmCalls.translate(e, what, deadline, "the endpoint");
        }
    }

    private PagedResponse<ExperimentExecution> page(String url, String what, Context context, Set<String> fetched) {
        fetched.add(url);
        Response<BinaryData> response = calls.send(HttpMethod.GET, url, what, context, 200);
        Map<String, Object> body = read(what, () -> JsonTree.parseObject(response.getValue().toBytes(), what));
        List<ExperimentExecution> executions =
                JsonTree.objects(body, "value").stream().map(ExperimentExecution::fromMap).toList();
        String next = JsonTree.string(body, "nextLink");
        if (next == null || next.isBlank() || fetched.contains(next)) {
            next = null;
        } else if (!calls.isOnEndpoint(next)) {
            LOGGER.atWarning().addKeyValue("nextLink", next)
                    .log("Not following a nextLink to another host than the endpoint; the listing ends here.");
            next = null;
        } else if (fetched.size() >= MAX_PAGES) {
            LOGGER.atWarning().log("Stopped listing executions after " + MAX_PAGES + " pages.");
            next = null;
        }
        return new PagedResponseBase<Void, ExperimentExecution>(response.getRequest(), response.getStatusCode(),
                response.getHeaders(), executions, next, null);
    }

    private static String path(ExperimentId experiment) {
        return "/subscriptions/" + ArmCalls.segment(experiment.subscriptionId())
                + "/resourceGroups/" + ArmCalls.segment(experiment.resourceGroup())
                + "/providers/Microsoft.Chaos/experiments/" + ArmCalls.segment(experiment.name());
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() || duration.isZero() ? Duration.ofMillis(1) : duration;
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    private static <T> T read(String what, Reader<T> reader) {
        try {
            return reader.read();
        } catch (IOException e) {
            throw new ChaosStudioException(what + ": unreadable answer: " + e.getMessage(), 200,
                    ChaosStudioException.BAD_RESPONSE, e);
        }
    }
}
