package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.sandbox.chaos.implementation.ArmTime;
import dev.cvkit.sandbox.chaos.implementation.Execution;
import dev.cvkit.sandbox.chaos.implementation.ExperimentDefinition;
import dev.cvkit.sandbox.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A deployed experiment: its current definition, identity, system data and executions. Guarded by its monitor. */
final class ExperimentEntry {

    /** Tenant reported in every experiment's identity (there is one tenant in the sandbox). */
    static final String TENANT_ID = "00000000-0000-4000-8000-00000000c5c5";

    private ExperimentDefinition definition;
    private final String principalId = UUID.randomUUID().toString();
    private final Instant createdAt = ArmTime.now();
    private Instant lastModifiedAt = createdAt;
    private AsyncOperation provisioning;
    private final List<Execution> executions = new ArrayList<>();

    ExperimentEntry(ExperimentDefinition definition) {
        this.definition = definition;
    }

    synchronized ExperimentDefinition definition() {
        return definition;
    }

    synchronized void update(ExperimentDefinition newDefinition, AsyncOperation operation) {
        definition = newDefinition;
        provisioning = operation;
        lastModifiedAt = ArmTime.now();
    }

    synchronized void provisionedBy(AsyncOperation operation) {
        provisioning = operation;
    }

    /** The execution not yet ended, or null. */
    synchronized Execution activeExecution() {
        for (Execution execution : executions) {
            if (!execution.isTerminal()) {
                return execution;
            }
        }
        return null;
    }

    synchronized void add(Execution execution) {
        executions.add(execution);
    }

    /** Executions newest first (by start time; equal start times keep the order they were added in). */
    synchronized List<Execution> executions() {
        List<Execution> sorted = new ArrayList<>(executions);
        sorted.sort(Comparator.comparing(Execution::startedAt).reversed());
        return sorted;
    }

    synchronized Execution execution(String executionId) {
        for (Execution execution : executions) {
            if (execution.id().equalsIgnoreCase(executionId)) {
                return execution;
            }
        }
        return null;
    }

    /** The experiment ARM resource; {@code provisioningState} as of now. */
    synchronized ObjectNode resource() {
        ObjectNode body = Json.object();
        body.put("name", definition.name());
        body.put("type", "Microsoft.Chaos/experiments");
        body.put("id", definition.resourceId());
        JsonNode identity = definition.identity();
        if (identity != null) {
            ObjectNode identityJson = identity.deepCopy();
            String type = identity.path("type").asText("");
            if (type.toLowerCase(Locale.ROOT).contains("systemassigned")) {
                identityJson.put("principalId", principalId);
                identityJson.put("tenantId", TENANT_ID);
            }
            body.set("identity", identityJson);
        }
        if (definition.tags() != null) {
            body.set("tags", definition.tags().deepCopy());
        }
        body.put("location", definition.location());
        ObjectNode properties = body.putObject("properties");
        properties.put("provisioningState", provisioning == null ? AsyncOperation.SUCCEEDED : provisioning.status());
        properties.set("selectors", definition.selectorsJson().deepCopy());
        properties.set("steps", definition.stepsJson().deepCopy());
        ObjectNode systemData = body.putObject("systemData");
        systemData.put("createdBy", "cvkit-sandbox");
        systemData.put("createdByType", "Application");
        systemData.put("createdAt", ArmTime.format(createdAt));
        systemData.put("lastModifiedBy", "cvkit-sandbox");
        systemData.put("lastModifiedByType", "Application");
        systemData.put("lastModifiedAt", ArmTime.format(lastModifiedAt));
        return body;
    }
}
