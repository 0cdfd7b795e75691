package dev.cvkit.jmeter.chaos;

import dev.cvkit.jmeter.chaos.implementation.JsonTree;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The details of one execution ({@code POST .../executions/{id}/getExecutionDetails}): its status, why it
 * failed, and the status of every action, which is what a failed fault sample reports.
 *
 * @param execution the execution itself
 * @param failureReason the service's failure reason, or null
 * @param lastActionAt when the last action ran, or null
 * @param actions every action's status, in the order of the run information
 */
public record ExecutionDetails(ExperimentExecution execution, String failureReason, OffsetDateTime lastActionAt,
        List<ActionStatus> actions) {

    public ExecutionDetails {
        actions = List.copyOf(actions);
    }

    /**
     * The status of one action of the run.
     *
     * @param actionName the fault URN
     * @param status the action's status string
     * @param failedTargets how many of its targets report {@code failed}
     */
    public record ActionStatus(String actionName, String status, int failedTargets) {
    }

    /** Reads the JSON body of the execution-details call. */
    public static ExecutionDetails fromJson(byte[] json) throws IOException {
        Map<String, Object> root = JsonTree.parseObject(json, "execution details");
        Map<String, Object> properties = JsonTree.object(root, "properties");
        List<ActionStatus> actions = new ArrayList<>();
        for (Map<String, Object> step : JsonTree.objects(JsonTree.object(properties, "runInformation"), "steps")) {
            for (Map<String, Object> branch : JsonTree.objects(step, "branches")) {
                for (Map<String, Object> action : JsonTree.objects(branch, "actions")) {
                    int failed = (int) JsonTree.objects(action, "targets").stream()
                            .filter(target -> "failed".equalsIgnoreCase(JsonTree.string(target, "status")))
                            .count();
                    actions.add(new ActionStatus(JsonTree.string(action, "actionName"),
                            JsonTree.string(action, "status"), failed));
                }
            }
        }
        return new ExecutionDetails(ExperimentExecution.fromMap(root), JsonTree.string(properties, "failureReason"),
                JsonTree.timestamp(properties, "lastActionAt"), actions);
    }
}
