package dev.cvkit.jmeter.chaos;

import dev.cvkit.jmeter.chaos.implementation.JsonTree;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One execution (run) of an experiment, as listed under {@code .../experiments/{name}/executions}.
 *
 * @param executionId the execution's ID (its {@code name}; a GUID)
 * @param resourceId the execution's resource ID as returned (may be odd in the published examples)
 * @param status Chaos Studio's status string, see {@link ExecutionStatus}
 * @param startedAt when it started, or null when the service did not say (yet)
 * @param stoppedAt when it stopped, or null while it runs
 */
public record ExperimentExecution(String executionId, String resourceId, String status, OffsetDateTime startedAt,
        OffsetDateTime stoppedAt) {

    /** Reads one execution object of a listing or of {@code GET .../executions/{id}}. */
    public static ExperimentExecution fromMap(Map<String, Object> execution) {
        Map<String, Object> properties = JsonTree.object(execution, "properties");
        String id = JsonTree.string(execution, "id");
        String name = JsonTree.string(execution, "name");
        if (name == null || name.isBlank()) {
            name = lastSegment(id);
        }
        return new ExperimentExecution(name, id, JsonTree.string(properties, "status"),
                JsonTree.timestamp(properties, "startedAt"), JsonTree.timestamp(properties, "stoppedAt"));
    }

    /** Reads the JSON body of {@code GET .../executions/{id}}. */
    public static ExperimentExecution fromJson(byte[] json) throws IOException {
        return fromMap(JsonTree.parseObject(json, "experiment execution"));
    }

    /** True when this execution has ended (see {@link ExecutionStatus#isTerminal}). */
    public boolean isTerminal() {
        return ExecutionStatus.isTerminal(status);
    }

    private static String lastSegment(String id) {
        if (id == null) {
            return null;
        }
        String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }
}
