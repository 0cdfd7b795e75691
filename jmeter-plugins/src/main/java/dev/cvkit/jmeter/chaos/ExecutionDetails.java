package dev.cvkit.jmeter.chaos;

import dev.cvkit.jmeter.chaos.implementation.JsonTree;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The details of one execution ({@code POST .../executions/{id}/getExecutionDetails}): its status, why it
 * failed, and the status and times of every action: what a failed fault sample reports, and the service's
 * record of when the fault ran (see {@code dev.cvkit.jmeter.fault.ServiceWindow}).
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
     * @param step index of its step in the run information (the experiment's step order)
     * @param branch index of its branch in that step
     * @param index index of the action in that branch
     * @param startTime when the service started the action, or null (not started, or not said)
     * @param endTime when the service ended the action, or null (still running, never started, or not said)
     * @param lastTargetTime the latest {@code targetCompletedTime} / {@code targetFailedTime} of its targets,
     *     or null
     */
    public record ActionStatus(String actionName, String status, int failedTargets, int step, int branch, int index,
            OffsetDateTime startTime, OffsetDateTime endTime, OffsetDateTime lastTargetTime) {

        /** An action known only by name and status (no position, no times). */
        public ActionStatus(String actionName, String status, int failedTargets) {
            this(actionName, status, failedTargets, -1, -1, -1, null, null, null);
        }
    }

    /** Reads the JSON body of the execution-details call. */
    public static ExecutionDetails fromJson(byte[] json) throws IOException {
        Map<String, Object> root = JsonTree.parseObject(json, "execution details");
        Map<String, Object> properties = JsonTree.object(root, "properties");
        List<ActionStatus> actions = new ArrayList<>();
        List<Map<String, Object>> steps = JsonTree.objects(JsonTree.object(properties, "runInformation"), "steps");
        for (int s = 0; s < steps.size(); s++) {
            List<Map<String, Object>> branches = JsonTree.objects(steps.get(s), "branches");
            for (int b = 0; b < branches.size(); b++) {
                List<Map<String, Object>> branchActions = JsonTree.objects(branches.get(b), "actions");
                for (int a = 0; a < branchActions.size(); a++) {
                    Map<String, Object> action = branchActions.get(a);
                    List<Map<String, Object>> targets = JsonTree.objects(action, "targets");
                    int failed = (int) targets.stream()
                            .filter(target -> "failed".equalsIgnoreCase(JsonTree.string(target, "status")))
                            .count();
                    OffsetDateTime lastTarget = null;
                    for (Map<String, Object> target : targets) {
                        lastTarget = later(lastTarget, JsonTree.timestamp(target, "targetCompletedTime"));
                        lastTarget = later(lastTarget, JsonTree.timestamp(target, "targetFailedTime"));
                    }
                    actions.add(new ActionStatus(JsonTree.string(action, "actionName"),
                            JsonTree.string(action, "status"), failed, s, b, a, JsonTree.timestamp(action, "startTime"),
                            JsonTree.timestamp(action, "endTime"), lastTarget));
                }
            }
        }
        return new ExecutionDetails(ExperimentExecution.fromMap(root), JsonTree.string(properties, "failureReason"),
                JsonTree.timestamp(properties, "lastActionAt"), actions);
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isAfter(a) ? a : b;
    }
}
