package dev.cvkit.sandbox.chaos.implementation;

import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.ExecutionStatus;
import dev.cvkit.sandbox.chaos.fault.AppliedFault;
import dev.cvkit.sandbox.chaos.fault.Fault;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.FaultTarget;
import dev.cvkit.sandbox.chaos.fault.FaultTargetException;
import dev.cvkit.sandbox.http.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs executions the way Chaos Studio does: queued ({@code PreProcessingQueued}, {@code WaitingToStart}),
 * then steps one after another, the branches of a step in parallel, the actions of a branch one after
 * another, each continuous action holding its faults for its duration; {@code Success} when all ran,
 * {@code Failed} when a fault could not be applied (every other fault removed at once), {@code Cancelled}
 * after a cancel. How long each part takes is an {@link EmulatorTiming}.
 *
 * <p>An action's {@code startTime} is when it begins, before its fault acts: the fault is applied
 * {@link EmulatorTiming#injectionLag()} later (Chaos Mesh or an agent needs that long), then held for the
 * action's duration. Its removal takes {@link EmulatorTiming#removalLag()}, counted from the end of the
 * duration or from an accepted cancel, and the action's {@code endTime} is when the fault is gone. So
 * [{@code startTime}, {@code endTime}] of a fault action always contains the whole time its fault acted.
 *
 * <p>Before anything is applied, every action is checked (URN emulated, parameters valid, selector a
 * {@code List}, targets of the right type and known to the {@link FaultTarget}); any problem fails the
 * execution with the reason in its details and no fault applied.
 */
public final class ExecutionEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExecutionEngine.class.getName());

    private final FaultTarget faultTarget;
    private final EmulatorTiming timing;
    private final ExecutorService threads = Executors.newCachedThreadPool(new DaemonThreads("cvkit-chaos-execution"));
    private final Set<Execution> live = ConcurrentHashMap.newKeySet();

    /**
     * @param faultTarget what faults are applied to
     * @param timing      how long queueing, injection, removal and cancelling take
     */
    public ExecutionEngine(FaultTarget faultTarget, EmulatorTiming timing) {
        this.faultTarget = Objects.requireNonNull(faultTarget, "faultTarget");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** Creates an execution of {@code experiment} and starts running it in the background. */
    public Execution start(ExperimentDefinition experiment) {
        Execution execution = Execution.started(experiment);
        live.add(execution);
        threads.execute(() -> {
            try {
                run(execution);
            } catch (InterruptedException e) {
                // Engine closing: leave nothing applied.
                execution.removeAllFaults();
                execution.fail("the Chaos Studio emulator shut down during the execution");
                execution.finish(execution.cancelRequested() ? ExecutionStatus.CANCELLED : ExecutionStatus.FAILED);
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "execution " + execution.id() + " crashed", e);
                execution.removeAllFaults();
                execution.fail("internal error of the Chaos Studio emulator: " + e);
                execution.finish(ExecutionStatus.FAILED);
            } finally {
                execution.removeAllFaults();
                live.remove(execution);
            }
        });
        return execution;
    }

    /** Faults currently applied by all executions. */
    public List<FaultRequest> activeFaults() {
        List<FaultRequest> all = new ArrayList<>();
        live.forEach(e -> all.addAll(e.activeFaults()));
        return all;
    }

    /**
     * Cancels an execution: {@code Cancelling} at once; its faults are removed {@link EmulatorTiming#removalLag()}
     * later (before this returns when that lag is zero).
     *
     * @return false when it had already ended
     */
    public boolean cancel(Execution execution) {
        return execution.requestCancel(timing.removalLag().isZero());
    }

    private void run(Execution execution) throws InterruptedException {
        if (execution.awaitStop(timing.preProcessingQueued())) {
            endStopped(execution);
            return;
        }
        Map<ExperimentDefinition.Action, Fault> plan = validate(execution);
        if (plan == null) {
            execution.finish(ExecutionStatus.FAILED);
            return;
        }
        execution.setStatus(ExecutionStatus.WAITING_TO_START);
        if (execution.awaitStop(timing.waitingToStart())) {
            endStopped(execution);
            return;
        }
        execution.setStatus(ExecutionStatus.RUNNING);
        List<ExperimentDefinition.Step> steps = execution.experiment().steps();
        for (int s = 0; s < steps.size(); s++) {
            if (execution.stopRequested()) {
                break;
            }
            runStep(execution, s, steps.get(s), plan);
        }
        endStopped(execution);
    }

    /** Ends the execution after its steps ran or were stopped: Cancelled, Failed or Success. */
    private void endStopped(Execution execution) throws InterruptedException {
        execution.removeAllFaults();
        markNotRun(execution);
        if (execution.cancelRequested()) {
            sleepUntil(execution.cancelRequestedAt().plus(timing.cancelLatency()));
            execution.finish(ExecutionStatus.CANCELLED);
        } else if (execution.failed()) {
            execution.finish(ExecutionStatus.FAILED);
        } else {
            execution.finish(ExecutionStatus.SUCCESS);
        }
    }

    /** Marks whatever never ran (or was interrupted) as cancelled in the run information. */
    private static void markNotRun(Execution execution) {
        boolean cancelled = execution.cancelRequested() || execution.failed();
        if (!cancelled) {
            return;
        }
        execution.update(() -> {
            List<ExperimentDefinition.Step> steps = execution.experiment().steps();
            for (int s = 0; s < steps.size(); s++) {
                Execution.StepRun step = execution.stepRun(s);
                for (Execution.BranchRun branch : step.branches) {
                    for (Execution.ActionRun action : branch.actions) {
                        if (action.status.equals(Execution.PENDING) || action.status.equals(Execution.RUNNING)) {
                            action.status = Execution.CANCELLED;
                            for (Execution.TargetRun target : action.targets) {
                                if (target.status.equals(Execution.PENDING) || target.status.equals(Execution.RUNNING)) {
                                    target.status = Execution.CANCELLED;
                                }
                            }
                        }
                    }
                    if (branch.status.equals(Execution.PENDING) || branch.status.equals(Execution.RUNNING)) {
                        branch.status = Execution.CANCELLED;
                    }
                }
                if (step.status.equals(Execution.PENDING) || step.status.equals(Execution.RUNNING)) {
                    step.status = Execution.CANCELLED;
                }
            }
        });
    }

    /**
     * Checks every action; on the first problem fails the execution (details updated) and returns null.
     *
     * @return the fault of each continuous/discrete action
     */
    private Map<ExperimentDefinition.Action, Fault> validate(Execution execution) {
        Map<ExperimentDefinition.Action, Fault> plan = new IdentityHashMap<>();
        ExperimentDefinition experiment = execution.experiment();
        List<ExperimentDefinition.Step> steps = experiment.steps();
        for (int s = 0; s < steps.size(); s++) {
            ExperimentDefinition.Step step = steps.get(s);
            for (int b = 0; b < step.branches().size(); b++) {
                ExperimentDefinition.Branch branch = step.branches().get(b);
                for (int a = 0; a < branch.actions().size(); a++) {
                    ExperimentDefinition.Action action = branch.actions().get(a);
                    if (!FaultCatalog.isFaultAction(action.type())) {
                        continue;
                    }
                    String where = "step '" + step.name() + "', branch '" + branch.name() + "', action " + (a + 1);
                    String problem;
                    String code;
                    try {
                        Fault fault = FaultCatalog.translate(action.name(), action.parameters());
                        plan.put(action, fault);
                        String[] targetProblem = checkTargets(experiment, action);
                        if (targetProblem == null) {
                            continue;
                        }
                        code = targetProblem[0];
                        problem = targetProblem[1];
                    } catch (UnsupportedFaultException e) {
                        code = e.code();
                        problem = e.getMessage();
                    }
                    failValidation(execution, s, b, a, code, where + ": " + problem);
                    return null;
                }
            }
        }
        return plan;
    }

    /** Null when every target of the action's selector is usable, else {code, message}. */
    private String[] checkTargets(ExperimentDefinition experiment, ExperimentDefinition.Action action) {
        ExperimentDefinition.Selector selector = experiment.selector(action.selectorId());
        if (!selector.type().equals("List")) {
            return new String[] {"UnsupportedSelector", "selector '" + selector.id() + "' is a " + selector.type()
                    + " selector; the emulator resolves only List selectors (Query needs Azure Resource Graph)"};
        }
        String requiredType = FaultCatalog.targetTypeOf(action.name());
        for (String target : selector.targetIds()) {
            String targetName = target.substring(target.lastIndexOf('/') + 1);
            if (!target.toLowerCase(java.util.Locale.ROOT).contains("/providers/microsoft.chaos/targets/")
                    || !targetName.equalsIgnoreCase(requiredType)) {
                return new String[] {"TargetTypeMismatch", "target '" + target + "' is not a " + requiredType
                        + " Chaos target (expected an id ending in /providers/Microsoft.Chaos/targets/" + requiredType + ")"};
            }
            if (!faultTarget.resolves(target)) {
                return new String[] {"TargetNotFound", "target '" + target + "' is not known to the sandbox (no stamp has that cluster)"};
            }
        }
        return null;
    }

    private static void failValidation(Execution execution, int s, int b, int a, String code, String message) {
        Instant now = ArmTime.now();
        execution.update(() -> {
            Execution.StepRun step = execution.stepRun(s);
            step.status = Execution.FAILED;
            Execution.BranchRun branch = step.branches.get(b);
            branch.status = Execution.FAILED;
            Execution.ActionRun action = branch.actions.get(a);
            action.status = Execution.FAILED;
            action.startTime = now;
            action.endTime = now;
            for (Execution.TargetRun target : action.targets) {
                target.status = Execution.FAILED;
                target.failedTime = now;
                target.completedTime = now;
                target.errorCode = code;
                target.errorMessage = message;
            }
        });
        execution.fail(message);
        markNotRun(execution);
    }

    private void runStep(Execution execution, int s, ExperimentDefinition.Step step, Map<ExperimentDefinition.Action, Fault> plan)
            throws InterruptedException {
        execution.update(() -> execution.stepRun(s).status = Execution.RUNNING);
        List<Future<?>> branches = new ArrayList<>();
        for (int b = 0; b < step.branches().size(); b++) {
            int branchIndex = b;
            ExperimentDefinition.Branch branch = step.branches().get(b);
            branches.add(threads.submit(() -> {
                runBranch(execution, s, branchIndex, branch, plan);
                return null;
            }));
        }
        for (Future<?> branch : branches) {
            try {
                branch.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InterruptedException) {
                    // The engine is closing; the runner's own interrupt handling ends the execution.
                    throw new InterruptedException("branch interrupted");
                }
                LOG.log(Level.WARNING, "branch of execution " + execution.id() + " crashed", e.getCause());
                execution.fail("internal error of the Chaos Studio emulator: " + e.getCause());
            }
        }
        execution.update(() -> {
            Execution.StepRun run = execution.stepRun(s);
            boolean anyFailed = run.branches.stream().anyMatch(br -> br.status.equals(Execution.FAILED));
            run.status = anyFailed ? Execution.FAILED : execution.stopRequested() ? Execution.CANCELLED : Execution.SUCCEEDED;
        });
    }

    private void runBranch(Execution execution, int s, int b, ExperimentDefinition.Branch branch,
            Map<ExperimentDefinition.Action, Fault> plan) throws InterruptedException {
        execution.update(() -> execution.stepRun(s).branches.get(b).status = Execution.RUNNING);
        boolean ok = true;
        for (int a = 0; a < branch.actions().size() && ok; a++) {
            if (execution.stopRequested()) {
                break;
            }
            ok = runAction(execution, execution.stepRun(s).branches.get(b).actions.get(a), branch.actions().get(a), plan);
        }
        boolean succeeded = ok;
        execution.update(() -> {
            Execution.BranchRun run = execution.stepRun(s).branches.get(b);
            if (!succeeded) {
                run.status = Execution.FAILED;
            } else if (run.actions.stream().allMatch(ac -> ac.status.equals(Execution.SUCCEEDED))) {
                run.status = Execution.SUCCEEDED;
            } else {
                run.status = Execution.CANCELLED;
            }
        });
    }

    /** Runs one action; false when it failed (the execution is then failing). */
    private boolean runAction(Execution execution, Execution.ActionRun run, ExperimentDefinition.Action action,
            Map<ExperimentDefinition.Action, Fault> plan) throws InterruptedException {
        execution.update(() -> {
            run.status = Execution.RUNNING;
            run.startTime = ArmTime.now();
        });
        if (!FaultCatalog.isFaultAction(action.type())) {
            boolean stopped = execution.awaitStop(action.duration());
            execution.update(() -> {
                run.status = stopped ? Execution.CANCELLED : Execution.SUCCEEDED;
                run.endTime = ArmTime.now();
            });
            return true;
        }
        Fault fault = plan.get(action);
        List<AppliedFault> applied = new ArrayList<>();
        // The service first creates what injects the fault (a Chaos Mesh resource, an agent's task): a cancel or a
        // failure before the fault acts leaves nothing to remove.
        if (execution.awaitStop(timing.injectionLag())) {
            endAction(execution, run, true);
            return true;
        }
        for (Execution.TargetRun target : run.targets) {
            FaultRequest request = new FaultRequest(execution.id(), action.name(), target.target, fault);
            try {
                AppliedFault handle = faultTarget.apply(request);
                applied.add(handle);
                execution.registerFault(handle, request);
                execution.update(() -> target.status = Execution.RUNNING);
            } catch (FaultTargetException | RuntimeException e) {
                String code = e instanceof FaultTargetException fte ? fte.code() : "FaultInjectionFailed";
                String message = "target '" + target.target + "': " + e.getMessage();
                Instant now = ArmTime.now();
                execution.update(() -> {
                    target.status = Execution.FAILED;
                    target.failedTime = now;
                    target.completedTime = now;
                    target.errorCode = code;
                    target.errorMessage = message;
                    // Targets already hit held their fault until now: they completed.
                    for (Execution.TargetRun other : run.targets) {
                        if (other.status.equals(Execution.RUNNING)) {
                            other.status = Execution.SUCCEEDED;
                            other.completedTime = now;
                        } else if (other.status.equals(Execution.PENDING)) {
                            other.status = Execution.CANCELLED;
                        }
                    }
                    run.status = Execution.FAILED;
                    run.endTime = now;
                });
                applied.forEach(execution::removeFault);
                execution.fail("action '" + action.name() + "' failed: " + message);
                return false;
            }
        }
        boolean stopped = action.type().equals("continuous") && execution.awaitStop(action.duration());
        awaitRemoval(execution, stopped);
        applied.forEach(execution::removeFault);
        endAction(execution, run, stopped);
        return true;
    }

    /**
     * Waits as long as removing a fault takes: {@link EmulatorTiming#removalLag()} after the action's duration or
     * after the cancel was accepted; nothing when another fault failed (every fault is removed at once then).
     */
    private void awaitRemoval(Execution execution, boolean stopped) throws InterruptedException {
        if (!stopped) {
            sleepUntil(Instant.now().plus(timing.removalLag()));
        } else if (execution.cancelRequested()) {
            sleepUntil(execution.cancelRequestedAt().plus(timing.removalLag()));
        }
    }

    private static void endAction(Execution execution, Execution.ActionRun run, boolean stopped) {
        Instant now = ArmTime.now();
        execution.update(() -> {
            run.status = stopped ? Execution.CANCELLED : Execution.SUCCEEDED;
            run.endTime = now;
            for (Execution.TargetRun target : run.targets) {
                if (target.status.equals(Execution.RUNNING)) {
                    target.status = stopped ? Execution.CANCELLED : Execution.SUCCEEDED;
                    target.completedTime = now;
                } else if (target.status.equals(Execution.PENDING)) {
                    target.status = Execution.CANCELLED;
                }
            }
        });
    }

    private static void sleepUntil(Instant due) throws InterruptedException {
        long waitMillis = Duration.between(Instant.now(), due).toMillis();
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }

    /** Cancels every live execution (removing their faults) and stops the engine's threads. */
    @Override
    public void close() {
        // Shutting down: nothing may stay applied, whatever removal normally takes.
        live.forEach(e -> e.requestCancel(true));
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("Chaos Studio emulator executions did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.forEach(Execution::removeAllFaults);
    }
}
