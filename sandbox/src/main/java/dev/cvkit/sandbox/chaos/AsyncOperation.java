package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.sandbox.chaos.implementation.ArmTime;
import dev.cvkit.sandbox.chaos.implementation.Execution;
import dev.cvkit.sandbox.http.Json;
import java.time.Instant;
import java.util.UUID;

/**
 * An ARM asynchronous operation (the resource behind {@code Azure-AsyncOperation} and {@code Location}).
 * Its status is derived from what it tracks each time it is read:
 * <ul>
 *   <li>create/update of an experiment: {@code Creating}/{@code Updating} until the provisioning latency
 *       has passed, then {@code Succeeded};</li>
 *   <li>start: {@code InProgress} while the execution is queued, {@code Succeeded} once it is running (or
 *       ended after running), {@code Failed} when it failed before running;</li>
 *   <li>cancel: {@code InProgress} while {@code Cancelling}, then {@code Succeeded}; a cancel with nothing
 *       to cancel succeeds at once.</li>
 * </ul>
 */
final class AsyncOperation {

    static final String IN_PROGRESS = "InProgress";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    enum Kind { CREATE, UPDATE, START, CANCEL }

    private final String id = UUID.randomUUID().toString();
    private final Kind kind;
    private final String subscriptionId;
    private final String location;
    private final String experimentResourceId;
    private final String experimentName;
    private final Execution execution;
    private final Instant startTime = ArmTime.now();
    private final Instant readyAt;
    private Instant endTime;

    AsyncOperation(Kind kind, String subscriptionId, String location, String experimentResourceId, String experimentName,
            Execution execution, java.time.Duration provisioningLatency) {
        this.kind = kind;
        this.subscriptionId = subscriptionId;
        this.location = location;
        this.experimentResourceId = experimentResourceId;
        this.experimentName = experimentName;
        this.execution = execution;
        this.readyAt = startTime.plus(provisioningLatency);
    }

    String id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    String location() {
        return location;
    }

    String subscriptionId() {
        return subscriptionId;
    }

    Execution execution() {
        return execution;
    }

    String experimentResourceId() {
        return experimentResourceId;
    }

    String experimentName() {
        return experimentName;
    }

    /** Current status; records the end time the first time a terminal status is seen. */
    synchronized String status() {
        String status = switch (kind) {
            case CREATE -> Instant.now().isBefore(readyAt) ? "Creating" : SUCCEEDED;
            case UPDATE -> Instant.now().isBefore(readyAt) ? "Updating" : SUCCEEDED;
            case START -> startStatus();
            case CANCEL -> execution == null || execution.isTerminal() ? SUCCEEDED : IN_PROGRESS;
        };
        if ((status.equals(SUCCEEDED) || status.equals(FAILED)) && endTime == null) {
            endTime = ArmTime.now();
        }
        return status;
    }

    private String startStatus() {
        String executionStatus = execution.status();
        if (executionStatus.equals(ExecutionStatus.PRE_PROCESSING_QUEUED) || executionStatus.equals(ExecutionStatus.WAITING_TO_START)) {
            return IN_PROGRESS;
        }
        if (executionStatus.equals(ExecutionStatus.FAILED) && !execution.reachedRunning()) {
            return FAILED;
        }
        if (executionStatus.equals(ExecutionStatus.CANCELLED) && !execution.reachedRunning()) {
            return "Canceled";
        }
        return SUCCEEDED;
    }

    boolean isTerminal(String status) {
        return status.equals(SUCCEEDED) || status.equals(FAILED) || status.equals("Canceled");
    }

    /** The {@code operationStatuses} resource (common-types {@code OperationStatusResult}). */
    ObjectNode statusResource() {
        String status = status();
        ObjectNode body = Json.object();
        body.put("id", "/subscriptions/" + subscriptionId + "/providers/Microsoft.Chaos/locations/" + location
                + "/operationStatuses/" + id);
        body.put("name", id);
        body.put("resourceId", experimentResourceId);
        body.put("status", status);
        body.put("startTime", ArmTime.format(startTime));
        synchronized (this) {
            if (endTime != null) {
                body.put("endTime", ArmTime.format(endTime));
            }
        }
        if (status.equals(FAILED)) {
            ObjectNode error = body.putObject("error");
            error.put("code", "ExperimentExecutionFailed");
            error.put("message", execution.failureReason());
        }
        return body;
    }

    /** Path of the status resource ({@code Azure-AsyncOperation}), without host or query. */
    String statusPath() {
        return "/subscriptions/" + subscriptionId + "/providers/Microsoft.Chaos/locations/" + location + "/operationStatuses/" + id;
    }

    /** Path of the result resource ({@code Location}), without host or query. */
    String resultPath() {
        return "/subscriptions/" + subscriptionId + "/providers/Microsoft.Chaos/locations/" + location + "/operationResults/" + id;
    }
}
