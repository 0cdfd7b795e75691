package dev.cvkit.sandbox.chaos.implementation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import dev.cvkit.sandbox.chaos.ExecutionStatus;
import dev.cvkit.sandbox.chaos.fault.AppliedFault;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One execution of an experiment: its status, times and per step/branch/action/target run information,
 * plus the faults it currently holds applied. All state is guarded by this object's monitor; the runner
 * thread and HTTP threads meet here.
 */
public final class Execution {

    /** Status words of steps, branches, actions and targets in the execution details (lower case, as the spec examples). */
    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    /** Run information of a target of an action. */
    static final class TargetRun {
        final String target;
        String status = PENDING;
        Instant failedTime;
        Instant completedTime;
        String errorCode;
        String errorMessage;

        TargetRun(String target) {
            this.target = target;
        }
    }

    /** Run information of an action. */
    static final class ActionRun {
        final String actionId = UUID.randomUUID().toString();
        final String actionName;
        String status = PENDING;
        Instant startTime;
        Instant endTime;
        final List<TargetRun> targets = new ArrayList<>();

        ActionRun(String actionName) {
            this.actionName = actionName;
        }
    }

    /** Run information of a branch. */
    static final class BranchRun {
        final String name;
        String status = PENDING;
        final List<ActionRun> actions = new ArrayList<>();

        BranchRun(String name) {
            this.name = name;
        }
    }

    /** Run information of a step. */
    static final class StepRun {
        final String name;
        String status = PENDING;
        final List<BranchRun> branches = new ArrayList<>();

        StepRun(String name) {
            this.name = name;
        }
    }

    private final String id;
    private final ExperimentDefinition experiment;
    private final List<StepRun> steps = new ArrayList<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Map<AppliedFault, FaultRequest> activeFaults = new IdentityHashMap<>();

    private String status;
    private final Instant startedAt;
    private Instant stoppedAt;
    private Instant lastActionAt;
    private String failureReason;
    private boolean reachedRunning;
    private Instant cancelRequestedAt;

    private Execution(String id, ExperimentDefinition experiment, String status, Instant startedAt) {
        this.id = id;
        this.experiment = experiment;
        this.status = status;
        this.startedAt = startedAt;
    }

    /** A new execution, queued, with run information for every step, branch and action of the experiment. */
    static Execution started(ExperimentDefinition experiment) {
        Execution execution = new Execution(UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT), experiment,
                ExecutionStatus.PRE_PROCESSING_QUEUED, ArmTime.now());
        for (ExperimentDefinition.Step step : experiment.steps()) {
            StepRun stepRun = new StepRun(step.name());
            for (ExperimentDefinition.Branch branch : step.branches()) {
                BranchRun branchRun = new BranchRun(branch.name());
                for (ExperimentDefinition.Action action : branch.actions()) {
                    ActionRun actionRun = new ActionRun(action.name());
                    ExperimentDefinition.Selector selector = action.selectorId() == null ? null : experiment.selector(action.selectorId());
                    if (selector != null) {
                        selector.targetIds().forEach(t -> actionRun.targets.add(new TargetRun(t)));
                    }
                    branchRun.actions.add(actionRun);
                }
                stepRun.branches.add(branchRun);
            }
            execution.steps.add(stepRun);
        }
        return execution;
    }

    /** An execution from before the emulator started (history, paging, spec examples): no run information. */
    public static Execution historic(String id, ExperimentDefinition experiment, String status, Instant startedAt,
            Instant stoppedAt, String failureReason) {
        Execution execution = new Execution(id, experiment, status, startedAt);
        execution.stoppedAt = stoppedAt;
        execution.failureReason = failureReason;
        execution.reachedRunning = true;
        execution.stopSignal.countDown();
        return execution;
    }

    public String id() {
        return id;
    }

    public ExperimentDefinition experiment() {
        return experiment;
    }

    public synchronized String status() {
        return status;
    }

    public synchronized Instant startedAt() {
        return startedAt;
    }

    public synchronized boolean isTerminal() {
        return ExecutionStatus.isTerminal(status);
    }

    /** Whether it ever reached {@code Running} (a failure before that is a failed start). */
    public synchronized boolean reachedRunning() {
        return reachedRunning;
    }

    public synchronized String failureReason() {
        return failureReason;
    }

    public synchronized ExecutionSnapshot snapshot() {
        return new ExecutionSnapshot(experiment.name(), id, status, startedAt, stoppedAt, failureReason);
    }

    // ---- transitions (runner thread) ----

    synchronized void setStatus(String newStatus) {
        if (!ExecutionStatus.isTerminal(status) && cancelRequestedAt == null) {
            status = newStatus;
            if (ExecutionStatus.RUNNING.equals(newStatus)) {
                reachedRunning = true;
            }
        }
    }

    synchronized boolean cancelRequested() {
        return cancelRequestedAt != null;
    }

    synchronized Instant cancelRequestedAt() {
        return cancelRequestedAt;
    }

    synchronized boolean failed() {
        return failureReason != null;
    }

    /** Records the first failure and wakes every waiting branch; later failures keep the first reason. */
    void fail(String reason) {
        synchronized (this) {
            if (failureReason == null) {
                failureReason = reason;
            }
        }
        stopSignal.countDown();
    }

    /** Sets the final status (Success, Failed or Cancelled) and the stop time. */
    synchronized void finish(String finalStatus) {
        if (!ExecutionStatus.isTerminal(status)) {
            status = finalStatus;
            stoppedAt = ArmTime.now();
        }
    }

    /**
     * Waits up to {@code duration} unless the execution is cancelled or fails first.
     *
     * @return true when woken by a cancel or failure (the caller should stop), false when the time elapsed
     */
    boolean awaitStop(Duration duration) throws InterruptedException {
        return stopSignal.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean stopRequested() {
        return stopSignal.getCount() == 0;
    }

    // ---- cancel (HTTP thread) ----

    /**
     * Requests cancellation: status {@code Cancelling}, the runner woken; it removes the faults and sets
     * {@code Cancelled} later.
     *
     * @param removeFaultsNow remove every applied fault before this returns (when removal takes no time)
     * @return false when the execution had already ended (nothing to cancel)
     */
    boolean requestCancel(boolean removeFaultsNow) {
        List<AppliedFault> toRemove = List.of();
        synchronized (this) {
            if (ExecutionStatus.isTerminal(status)) {
                return false;
            }
            if (cancelRequestedAt == null) {
                cancelRequestedAt = ArmTime.now();
                status = ExecutionStatus.CANCELLING;
            }
            if (removeFaultsNow) {
                toRemove = new ArrayList<>(activeFaults.keySet());
                activeFaults.clear();
            }
        }
        stopSignal.countDown();
        toRemove.forEach(AppliedFault::remove);
        return true;
    }

    // ---- faults ----

    /**
     * Registers an applied fault; when a cancel already happened, removes it at once instead (a cancel racing
     * an apply must not leave a fault behind).
     */
    void registerFault(AppliedFault fault, FaultRequest request) {
        boolean removeNow;
        synchronized (this) {
            removeNow = cancelRequestedAt != null;
            if (!removeNow) {
                activeFaults.put(fault, request);
            }
        }
        if (removeNow) {
            fault.remove();
        }
    }

    /** Removes one applied fault (idempotent). */
    void removeFault(AppliedFault fault) {
        synchronized (this) {
            activeFaults.remove(fault);
        }
        fault.remove();
    }

    /** Removes every fault still applied. */
    void removeAllFaults() {
        List<AppliedFault> toRemove;
        synchronized (this) {
            toRemove = new ArrayList<>(activeFaults.keySet());
            activeFaults.clear();
        }
        toRemove.forEach(AppliedFault::remove);
    }

    public synchronized List<FaultRequest> activeFaults() {
        return List.copyOf(activeFaults.values());
    }

    // ---- run information (runner threads) ----

    synchronized StepRun stepRun(int step) {
        return steps.get(step);
    }

    synchronized void update(Runnable change) {
        change.run();
        lastActionAt = ArmTime.now();
    }

    // ---- rendering ----

    /**
     * The {@code properties} object of this execution; with {@code details}, also {@code failureReason},
     * {@code lastActionAt} and {@code runInformation} (the {@code getExecutionDetails} shape).
     */
    public synchronized ObjectNode properties(boolean details) {
        ObjectNode properties = Json.object();
        properties.put("status", status);
        properties.put("startedAt", ArmTime.format(startedAt));
        if (stoppedAt != null) {
            properties.put("stoppedAt", ArmTime.format(stoppedAt));
        }
        if (!details) {
            return properties;
        }
        if (failureReason != null) {
            properties.put("failureReason", failureReason);
        }
        if (lastActionAt != null) {
            properties.put("lastActionAt", ArmTime.format(lastActionAt));
        }
        ArrayNode stepsJson = properties.putObject("runInformation").putArray("steps");
        for (StepRun step : steps) {
            ObjectNode stepJson = stepsJson.addObject();
            stepJson.put("stepName", step.name);
            stepJson.put("stepId", step.name);
            stepJson.put("status", step.status);
            ArrayNode branchesJson = stepJson.putArray("branches");
            for (BranchRun branch : step.branches) {
                ObjectNode branchJson = branchesJson.addObject();
                branchJson.put("branchName", branch.name);
                branchJson.put("branchId", branch.name);
                branchJson.put("status", branch.status);
                ArrayNode actionsJson = branchJson.putArray("actions");
                for (ActionRun action : branch.actions) {
                    ObjectNode actionJson = actionsJson.addObject();
                    actionJson.put("actionName", action.actionName);
                    actionJson.put("actionId", action.actionId);
                    actionJson.put("status", action.status);
                    if (action.startTime != null) {
                        actionJson.put("startTime", ArmTime.format(action.startTime));
                    }
                    if (action.endTime != null) {
                        actionJson.put("endTime", ArmTime.format(action.endTime));
                    }
                    ArrayNode targetsJson = actionJson.putArray("targets");
                    for (TargetRun target : action.targets) {
                        ObjectNode targetJson = targetsJson.addObject();
                        targetJson.put("status", target.status);
                        targetJson.put("target", target.target);
                        if (target.failedTime != null) {
                            targetJson.put("targetFailedTime", ArmTime.format(target.failedTime));
                        }
                        if (target.completedTime != null) {
                            targetJson.put("targetCompletedTime", ArmTime.format(target.completedTime));
                        }
                        if (target.errorCode != null) {
                            ObjectNode error = targetJson.putObject("error");
                            error.put("code", target.errorCode);
                            error.put("message", target.errorMessage);
                        }
                    }
                }
            }
        }
        return properties;
    }
}
