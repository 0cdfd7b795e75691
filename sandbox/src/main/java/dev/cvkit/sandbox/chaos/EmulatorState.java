package dev.cvkit.sandbox.chaos;

import dev.cvkit.sandbox.chaos.implementation.Execution;
import dev.cvkit.sandbox.chaos.implementation.ExecutionEngine;
import dev.cvkit.sandbox.chaos.implementation.ExperimentDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the emulator's HTTP handlers share: experiments, operations, engine, tokens, knobs, journal, counters. */
final class EmulatorState {

    final ExecutionEngine engine;
    final TokenIssuer tokens;
    final FaultKnobs knobs = new FaultKnobs();
    final RequestJournal journal = new RequestJournal();
    final Duration retryAfter;
    final Duration provisioningLatency;
    final int executionsPageSize;

    final AtomicInteger startCalls = new AtomicInteger();
    final AtomicInteger startsAccepted = new AtomicInteger();
    final AtomicInteger cancelCalls = new AtomicInteger();
    final AtomicInteger cancelsAccepted = new AtomicInteger();
    final AtomicInteger executionsCancelled = new AtomicInteger();
    final AtomicInteger executionsCreated = new AtomicInteger();

    private final Map<String, ExperimentEntry> experiments = new ConcurrentHashMap<>();
    private final Map<String, AsyncOperation> operations = new ConcurrentHashMap<>();
    /** Serialises start/cancel/put per emulator: "one active execution per experiment" must hold under races. */
    final Object lifecycleLock = new Object();

    EmulatorState(ExecutionEngine engine, TokenIssuer tokens, Duration retryAfter, Duration provisioningLatency, int executionsPageSize) {
        this.engine = engine;
        this.tokens = tokens;
        this.retryAfter = retryAfter;
        this.provisioningLatency = provisioningLatency;
        this.executionsPageSize = executionsPageSize;
    }

    static String key(String subscriptionId, String resourceGroup, String name) {
        return (subscriptionId + "/" + resourceGroup + "/" + name).toLowerCase(Locale.ROOT);
    }

    ExperimentEntry experiment(String subscriptionId, String resourceGroup, String name) {
        return experiments.get(key(subscriptionId, resourceGroup, name));
    }

    /** Outcome of a deployment: the entry, whether it was new, and its provisioning operation. */
    record Deployment(ExperimentEntry entry, boolean created, AsyncOperation operation) {
    }

    /**
     * Deploys or replaces an experiment (what {@code PUT .../experiments/{name}} does).
     *
     * @param latency how long its provisioning operation reports Creating/Updating
     * @throws ArmError 409 when the experiment has an execution that has not ended (Chaos Studio refuses to
     *                  update a running experiment)
     */
    Deployment deploy(ExperimentDefinition definition, Duration latency) throws ArmError {
        synchronized (lifecycleLock) {
            String key = key(definition.subscriptionId(), definition.resourceGroup(), definition.name());
            ExperimentEntry existing = experiments.get(key);
            if (existing != null && existing.activeExecution() != null) {
                throw ArmError.conflict("Experiment '" + definition.name() + "' cannot be updated while execution '"
                        + existing.activeExecution().id() + "' is running; cancel it or wait for it to end.");
            }
            AsyncOperation operation = new AsyncOperation(existing == null ? AsyncOperation.Kind.CREATE : AsyncOperation.Kind.UPDATE,
                    definition.subscriptionId(), definition.location(), definition.resourceId(), definition.name(), null, latency);
            register(operation);
            if (existing == null) {
                ExperimentEntry entry = new ExperimentEntry(definition);
                entry.provisionedBy(operation);
                experiments.put(key, entry);
                return new Deployment(entry, true, operation);
            }
            existing.update(definition, operation);
            return new Deployment(existing, false, operation);
        }
    }

    /** Experiments whose name matches, in any group (names are unique in the sandbox in practice). */
    List<ExperimentEntry> experimentsNamed(String name) {
        List<ExperimentEntry> found = new ArrayList<>();
        for (ExperimentEntry entry : experiments.values()) {
            if (entry.definition().name().equalsIgnoreCase(name)) {
                found.add(entry);
            }
        }
        return found;
    }

    ExperimentEntry experimentByResourceId(String resourceId) {
        for (ExperimentEntry entry : experiments.values()) {
            if (entry.definition().resourceId().equalsIgnoreCase(resourceId)) {
                return entry;
            }
        }
        return null;
    }

    List<ExperimentEntry> allExperiments() {
        return new ArrayList<>(experiments.values());
    }

    void register(AsyncOperation operation) {
        operations.put(operation.id().toLowerCase(Locale.ROOT), operation);
    }

    AsyncOperation operation(String id) {
        return operations.get(id.toLowerCase(Locale.ROOT));
    }

    /** Every execution of every experiment (for close and lookups by id). */
    List<Execution> allExecutions() {
        List<Execution> all = new ArrayList<>();
        experiments.values().forEach(e -> all.addAll(e.executions()));
        return all;
    }
}
