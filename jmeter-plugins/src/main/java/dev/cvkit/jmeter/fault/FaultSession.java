package dev.cvkit.jmeter.fault;

import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import dev.cvkit.jmeter.chaos.ChaosStudioClient;
import dev.cvkit.jmeter.chaos.ChaosStudioException;
import dev.cvkit.jmeter.chaos.ExecutionDetails;
import dev.cvkit.jmeter.chaos.ExecutionStatus;
import dev.cvkit.jmeter.chaos.Experiment;
import dev.cvkit.jmeter.chaos.ExperimentExecution;
import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.chaos.implementation.ArmCalls;
import dev.cvkit.jmeter.chaos.implementation.CallDeadline;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment, as this engine sees it during one test run: starts or joins its execution, ends it, and
 * remembers what this engine started or joined so that the guard can end it whatever ends the test.
 *
 * <p><b>Multi-engine safety.</b> Azure Load Testing runs the same plan on N engines and tells none of them
 * its index. A start therefore first lists the experiment's executions: one that is active and began during
 * this test (at or after this engine's test start minus the join allowance) is joined. Otherwise it POSTs
 * the start; a {@code 409 Conflict} means another engine won the race, and the executions are listed again
 * and the running one joined. N engines, one execution; every engine records a start marker.
 *
 * <p>Start and end run one at a time per session (they may be called from the schedule's thread, samplers'
 * threads and the guard). Every wait is bounded by the settings' timeouts; every wait for a status uses
 * azure-core's poller. Thread-safe.
 */
public final class FaultSession {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSession.class);
    /** How long the guard waits at most for a start it cut short to give up (within the guard timeout). */
    private static final Duration CUT_SHORT_WAIT = Duration.ofSeconds(5);

    private final FaultSettings settings;
    private final ChaosStudioClient client;
    private final long testStartMillis;
    private final ReentrantLock lock = new ReentrantLock();
    /** The thread that holds {@link #lock} (for the guard, which interrupts a start left running at test end). */
    private volatile Thread actingThread;

    /** What this engine started or joined; null until a start is attempted. */
    private volatile Tracked tracked;
    /** Why the experiment is refused, once known (a refusal does not change during a test). */
    private volatile String refusal;
    /** The experiment's definition once it passed the safety limits. */
    private volatile Experiment checked;
    /** The start being made now, if any (for the guard: a start cut short by the test's end gets its marker). */
    private volatile StartAttempt startAttempt;
    /** What that start is doing, for the marker the guard writes if the test ends meanwhile. */
    private volatile String startPhase = "";
    /** The start the guard cut short and recorded the marker of: its own outcome must not be recorded too. */
    private volatile StartAttempt cutShort;
    /** The thread reading the experiment at test start, while it runs. */
    private volatile Thread warmUpThread;
    /** True once the guard acts at test end: what other threads were doing is then its business. */
    private volatile boolean guardActing;

    /** A start in progress: who makes it, since when, on which thread. */
    private record StartAttempt(MarkerSource by, long timeStamp, long startNanos, Thread thread) {
    }

    /**
     * The execution this engine is responsible for ending.
     *
     * @param executionId null while a start was attempted but no execution was seen yet
     * @param role how this engine took part in the start
     * @param ended true once this engine saw it end (or recorded its end)
     */
    record Tracked(String executionId, FaultRole role, boolean ended) {
    }

    /**
     * @param settings the element's settings
     * @param client the client, or null in a dry run (nothing is ever called then)
     * @param testStartMillis when this engine's test started (epoch ms)
     */
    public FaultSession(FaultSettings settings, ChaosStudioClient client, long testStartMillis) {
        this.settings = settings;
        this.client = client;
        this.testStartMillis = testStartMillis;
        if (client == null && !settings.dryRun()) {
            throw new IllegalArgumentException("a client is required unless the session is a dry run");
        }
    }

    public FaultSettings settings() {
        return settings;
    }

    public ExperimentId experiment() {
        return settings.experiment();
    }

    /** True while an execution this engine started or joined may still be in effect. */
    public boolean hasActiveFault() {
        Tracked current = tracked;
        return current != null && !current.ended();
    }

    /** The execution this engine started or joined, if one was seen. */
    public Optional<String> executionId() {
        Tracked current = tracked;
        return current == null ? Optional.empty() : Optional.ofNullable(current.executionId());
    }

    /**
     * Reads the experiment and checks it against the safety limits, so that the first start does not pay
     * for the token, the TLS handshake and the check. Never throws: a failure is logged (the first start
     * tries again) and returned.
     *
     * @return what stands in the way of a start, in words a user can act on; empty when the experiment is ready
     */
    public Optional<String> warmUp() {
        if (settings.dryRun()) {
            LOG.info("cvkit chaos: dry run for {}: no call is made, the safety limits on the experiment's"
                    + " actions are not checked", experiment().name());
            return Optional.empty();
        }
        try {
            Optional<String> refused = checkSafety(ChaosStudioClient.timeoutContext(settings.startTimeout()));
            if (refused.isPresent()) {
                String problem = experiment().name() + " is refused, every start of it will fail: " + refused.get();
                LOG.error("cvkit chaos: {}", problem);
                return Optional.of(problem);
            }
            LOG.info("cvkit chaos: {} is ready: endpoint {}, api-version {}, total duration {}",
                    experiment().name(), client.endpoint(), client.apiVersion(),
                    SafetyLimits.totalDuration(checked).map(d -> d.toSeconds() + " s").orElse("unknown"));
            return Optional.empty();
        } catch (ChaosStudioException e) {
            String problem = warmUpProblem(e);
            if (passing(e) || e.isInterrupted()) {
                LOG.warn("cvkit chaos: {}", problem);
            } else {
                LOG.error("cvkit chaos: {}", problem);
            }
            return Optional.of(problem);
        }
    }

    /** What a failed read at test start means for the starts to come. */
    private String warmUpProblem(ChaosStudioException e) {
        String name = experiment().name();
        if (e.statusCode() == 404) {
            return "experiment " + experiment().resourceId() + " does not exist at " + client.endpoint()
                    + ": every start of it will fail until it is created (" + e.getMessage() + ")";
        }
        if (passing(e) || e.isInterrupted()) {
            return "could not read " + name + " at test start (the first start will try again): " + e.getMessage();
        }
        return "could not read " + name + " at test start, and a start will fail the same way unless this is"
                + " fixed: " + e.getMessage();
    }

    /**
     * Does {@link #warmUp()} on a daemon thread of its own and returns at once, so that the test's load never
     * waits for Chaos Studio (an endpoint that does not answer would hold every thread group back for the
     * whole start timeout). A start made meanwhile waits for the warm-up, within its own start timeout; the
     * guard interrupts a warm-up still running at test end.
     */
    public void warmUpInBackground() {
        if (settings.dryRun()) {
            warmUp();
            return;
        }
        CountDownLatch locked = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            // The warm-up holds the lock, so that a start made meanwhile waits for it instead of repeating it.
            boolean held = acquire(settings.startTimeout());
            locked.countDown();
            if (!held) {
                return;
            }
            try {
                warmUp();
            } finally {
                warmUpThread = null;
                release();
            }
        }, "cvkit-warm-up-" + experiment().name());
        thread.setDaemon(true);
        warmUpThread = thread;
        thread.start();
        try {
            // Only until the lock is taken (microseconds): a start on another thread then surely waits for it.
            locked.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the warm-up started by {@link #warmUpInBackground()} runs. */
    public boolean warmingUp() {
        Thread thread = warmUpThread;
        return thread != null && thread.isAlive();
    }

    // ------------------------------------------------------------------------------------------ start

    /**
     * Starts the experiment, or joins its execution when one began during this test, and waits until the
     * execution is {@code Running} (at most the start timeout).
     *
     * @param by the element acting
     * @return the outcome: confirmed, or failed with the reason
     */
    public FaultOutcome start(MarkerSource by) {
        return start(by, true);
    }

    /**
     * Like {@link #start(MarkerSource)}; with {@code waitUntilRunning} false it returns as soon as the start
     * was accepted (or an execution joined), with the status known at that moment (e.g. {@code Accepted}).
     */
    public FaultOutcome start(MarkerSource by, boolean waitUntilRunning) {
        long timeStamp = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        if (settings.dryRun()) {
            return dryRun(FaultOutcome.Kind.START, by, timeStamp);
        }
        StartAttempt attempt = new StartAttempt(by, timeStamp, startNanos, Thread.currentThread());
        startAttempt = attempt;
        try {
            return attemptStart(by, waitUntilRunning, timeStamp, startNanos);
        } finally {
            if (startAttempt == attempt) {
                startAttempt = null;
            }
        }
    }

    /**
     * True when {@code outcome} is that of a start the guard cut short at test end (the guard recorded its
     * marker, saying so), or of a stop that failed once the guard took over at test end (the guard's end
     * marker says how the fault ended): the caller must not record it.
     */
    public boolean recordedByGuard(FaultOutcome outcome) {
        if (outcome.kind() == FaultOutcome.Kind.END) {
            // A stop that the test's end cut short failed only because the guard took over, and the guard's
            // own end marker says how the fault ended.
            return guardActing && !outcome.success();
        }
        StartAttempt attempt = cutShort;
        return attempt != null && outcome.by() == attempt.by() && outcome.timeStampMillis() == attempt.timeStamp();
    }

    private FaultOutcome attemptStart(MarkerSource by, boolean waitUntilRunning, long timeStamp, long startNanos) {
        // One budget for the whole start, waiting for a warm-up or another start included.
        Context context = ChaosStudioClient.timeoutContext(settings.startTimeout());
        startPhase = warmingUp() ? "waiting for the check made at test start (reading the experiment)"
                : "waiting for another start or stop of the same experiment";
        if (!acquire(CallDeadline.from(context).orElseThrow().remaining())) {
            return failedStart(by, timeStamp, startNanos, null, null, FaultRole.STARTED, FaultOutcome.CVKIT_ERROR,
                    "interrupted or timed out " + startPhase);
        }
        FaultRole role = FaultRole.STARTED;
        try {
            startPhase = "reading the experiment";
            Optional<String> refused = checkSafety(context);
            if (refused.isPresent()) {
                return failedStart(by, timeStamp, startNanos, null, null, role, FaultOutcome.CVKIT_ERROR,
                        "refused by the safety limits: " + refused.get());
            }
            if (tracked == null || tracked.ended()) {
                // From here on the guard looks for an execution to end, even if this thread dies mid-call.
                tracked = new Tracked(null, role, false);
            }
            long since = joinSinceMillis();
            startPhase = "listing the experiment's executions";
            ExperimentExecution joinable = newest(listSince(context, since), activeSince(since));
            if (joinable != null) {
                role = FaultRole.JOINED;
                LOG.info("cvkit chaos: {} execution {} began during this test ({}): joining it", experiment().name(),
                        joinable.executionId(), joinable.status());
            } else {
                try {
                    startPhase = "sending the start";
                    client.experiments().beginStart(experiment(), context);
                    LOG.info("cvkit chaos: started {}", experiment().name());
                } catch (ChaosStudioException e) {
                    if (!mayBeRunningAnyway(e)) {
                        throw e;
                    }
                    startPhase = "listing the executions after the start was refused";
                    joinable = joinAfterRefusal(context, since, e);
                    role = FaultRole.JOINED;
                }
            }
            tracked = new Tracked(joinable == null ? null : joinable.executionId(), role, false);
            if (!waitUntilRunning) {
                long elapsed = elapsedMillis(startNanos);
                LOG.info("cvkit chaos: {} start accepted ({}, {} ms); not waiting until Running", experiment().name(),
                        role.key(), elapsed);
                return FaultOutcome.confirmed(FaultOutcome.Kind.START, joinable == null ? null : joinable.executionId(),
                        joinable == null ? "Accepted" : joinable.status(), role, by, timeStamp, elapsed,
                        WindowInstants.fallbackFrom(timeStamp));
            }
            return awaitRunning(by, timeStamp, startNanos, role, joinable, since, context);
        } catch (ChaosStudioException e) {
            return failedStart(by, timeStamp, startNanos, executionId().orElse(null), null, role, codeOf(e),
                    "Chaos Studio refused or failed the start: " + e.getMessage());
        } finally {
            release();
        }
    }

    /**
     * Whether a refused or failed start may still leave an execution running that this engine should join:
     * anything but an authentication, permission, not-found or validation error (400, 401, 403, 404, 422),
     * an interruption or a missing token. Chaos Studio's answer to "already running" is not relied upon to be
     * exactly {@code 409}: another engine may have won the race, a gateway may have answered for it, or the
     * start may have got through although its answer did not.
     */
    private static boolean mayBeRunningAnyway(ChaosStudioException e) {
        int status = e.statusCode();
        if (e.isInterrupted() || ChaosStudioException.NO_TOKEN.equals(e.errorCode())) {
            return false;
        }
        return status != 400 && status != 401 && status != 403 && status != 404 && status != 422;
    }

    /**
     * After a refused start that may not mean "no": the running execution if it began during this test, else
     * the refusal itself (or, for a 409, a failure saying which older execution runs). When the listing
     * fails, the refusal is what is reported.
     */
    private ExperimentExecution joinAfterRefusal(Context context, long since, ChaosStudioException refusal) {
        List<ExperimentExecution> executions;
        try {
            executions = list(context);
        } catch (ChaosStudioException listing) {
            refusal.addSuppressed(listing);
            throw refusal;
        }
        ExperimentExecution joinable = newest(executions, activeSince(since));
        String answer = refusal.statusCode() > 0 ? "HTTP " + refusal.statusCode() : refusal.errorCode();
        if (joinable != null) {
            LOG.info("cvkit chaos: the start of {} was refused ({}) and execution {} began during this test:"
                    + " joining it", experiment().name(), answer, joinable.executionId());
            return joinable;
        }
        ExperimentExecution older = newest(executions, execution -> ExecutionStatus.isActive(execution.status()));
        if (older != null) {
            throw new ChaosStudioException(answer + ": execution " + older.executionId() + " (" + older.status()
                    + ") has been running since " + older.startedAt() + " which is before this test began (join"
                    + " allowance " + settings.joinSkew().toSeconds() + " s); not joining it", refusal.statusCode(),
                    refusal.errorCode(), refusal);
        }
        if (refusal.statusCode() != 409) {
            throw refusal;
        }
        // The winner's execution is not listed yet: wait for it like for our own.
        LOG.info("cvkit chaos: another engine started {} first (HTTP 409): waiting for its execution to appear",
                experiment().name());
        return null;
    }

    private FaultOutcome awaitRunning(MarkerSource by, long timeStamp, long startNanos, FaultRole role,
            ExperimentExecution known, long since, Context context) {
        AtomicReference<String> id = new AtomicReference<>(known == null ? null : known.executionId());
        Function<ExperimentExecution, LongRunningOperationStatus> classify = execution -> {
            startPhase = execution == null ? "waiting for the started execution to be listed"
                    : "waiting for execution " + execution.executionId() + " to be Running (last seen "
                            + execution.status() + ")";
            if (execution == null) {
                return LongRunningOperationStatus.IN_PROGRESS;
            }
            if (ExecutionStatus.isRunning(execution.status())) {
                return LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
            }
            return execution.isTerminal() ? LongRunningOperationStatus.FAILED : LongRunningOperationStatus.IN_PROGRESS;
        };
        Function<Void, ExperimentExecution> read = ignored -> {
            String executionId = id.get();
            if (executionId != null) {
                return client.experiments().getExecution(experiment(), executionId, context);
            }
            ExperimentExecution found = newest(listSince(context, since), startedSince(since));
            if (found != null) {
                id.set(found.executionId());
                tracked = new Tracked(found.executionId(), role, false);
            }
            return found;
        };
        PollResponse<ExperimentExecution> last = poll(known, classify, read, context);
        ExperimentExecution execution = last.getValue();
        if (execution != null && ExecutionStatus.isRunning(execution.status())) {
            tracked = new Tracked(execution.executionId(), role, false);
            long elapsed = elapsedMillis(startNanos);
            LOG.info("cvkit chaos: {} execution {} is Running ({}, {} ms)", experiment().name(),
                    execution.executionId(), role.key(), elapsed);
            return FaultOutcome.confirmed(FaultOutcome.Kind.START, execution.executionId(), execution.status(), role,
                    by, timeStamp, elapsed, startWindow(execution, timeStamp, context));
        }
        if (execution != null && execution.isTerminal()) {
            tracked = new Tracked(execution.executionId(), role, true);
            return failedStart(by, timeStamp, startNanos, execution.executionId(), execution.status(), role,
                    FaultOutcome.CVKIT_ERROR, "execution " + execution.executionId() + " ended with status "
                            + execution.status() + " before it was seen Running" + failureReason(execution, context));
        }
        String seen = execution == null ? "no execution of this test was listed"
                : "execution " + execution.executionId() + " was still " + execution.status();
        return failedStart(by, timeStamp, startNanos, execution == null ? null : execution.executionId(),
                execution == null ? null : execution.status(), role, FaultOutcome.CVKIT_ERROR,
                "not Running within the start timeout of " + settings.startTimeout().toMillis() + " ms: " + seen);
    }

    // -------------------------------------------------------------------------------------------- end

    /**
     * Ends the execution this engine started or joined (or, when none is known, the one that began during
     * this test): cancels it unless it already ended or is being cancelled, and waits for a terminal status
     * (at most the stop timeout).
     */
    public FaultOutcome stop(MarkerSource by) {
        return end(by, settings.stopTimeout());
    }

    /**
     * Everything the guard does at test end, as the marker rows to record (in this order): a start still in
     * progress (retrying, waiting for the test-start check, or waiting for {@code Running}) is cut short and
     * gets a failed start marker that says so, for without it the results would hold no trace of the fault;
     * then what this engine started or joined is ended as by {@link #guardEnd()}. The cut-short start's own
     * outcome is then not to be recorded ({@link #recordedByGuard}).
     */
    public List<FaultOutcome> guardAtTestEnd() {
        List<FaultOutcome> markers = new ArrayList<>();
        if (settings.dryRun()) {
            return markers;
        }
        guardActing = true;
        Thread warmUp = warmUpThread;
        if (warmUp != null) {
            warmUp.interrupt();
        }
        StartAttempt attempt = startAttempt;
        String phase = startPhase;
        if (attempt != null && attempt.thread() != Thread.currentThread()) {
            cutShort = attempt;
            LOG.warn("cvkit fault guard: the test ended while the start of {} by the {} was still in progress ({}):"
                    + " stopping it", experiment().name(), attempt.by().key(), phase);
            attempt.thread().interrupt();
            // Let the start give up first, so that what it may have started is known to the end below.
            if (acquire(shorter(settings.guardTimeout(), CUT_SHORT_WAIT))) {
                release();
            }
        } else {
            attempt = null;
        }
        Optional<FaultOutcome> end = guardEnd();
        if (attempt != null) {
            String outcome;
            if (end.isEmpty()) {
                outcome = "nothing had been started";
            } else if (end.get().success()) {
                outcome = "the fault guard ended execution " + end.get().executionId() + " (" + end.get().status()
                        + ")";
            } else {
                outcome = "the fault guard could not end what was started: " + end.get().failureMessage();
            }
            Tracked current = tracked;
            String executionId = end.map(FaultOutcome::executionId).orElse(null);
            FaultOutcome cut = FaultOutcome.failed(FaultOutcome.Kind.START, executionId, null,
                    current == null ? FaultRole.STARTED : current.role(), attempt.by(), attempt.timeStamp(),
                    elapsedMillis(attempt.startNanos()), FaultOutcome.CVKIT_ERROR,
                    "the test ended while the start was still in progress (" + phase + "); " + outcome);
            LOG.error("cvkit chaos: start of {} failed: {}", experiment().name(), cut.failureMessage());
            markers.add(cut);
        }
        end.ifPresent(markers::add);
        return markers;
    }

    /**
     * What the guard does when the test ends: when this engine started or joined an execution whose end it
     * has not recorded, end it (at most the guard timeout) and say what happened. Empty when there is
     * nothing to end.
     */
    public Optional<FaultOutcome> guardEnd() {
        Tracked current = tracked;
        if (current == null || current.ended() || settings.dryRun()) {
            LOG.info("cvkit fault guard: {}: nothing to end", experiment().name());
            return Optional.empty();
        }
        Thread holder = actingThread;
        if (holder != null && holder != Thread.currentThread()) {
            // At test end every sampler thread is gone: whoever still acts (the schedule's or the blast-radius
            // thread) must not keep the guard waiting.
            LOG.info("cvkit fault guard: interrupting {} which is still acting on {}", holder.getName(),
                    experiment().name());
            holder.interrupt();
        }
        FaultOutcome outcome = end(MarkerSource.GUARD, settings.guardTimeout());
        if (outcome.success()) {
            LOG.warn("cvkit fault guard: {} execution {} at test end: {} (status {}, role {}, {} ms)",
                    experiment().name(), outcome.executionId(),
                    outcome.role() == FaultRole.OBSERVED ? "had already ended" : "was still active, cancelled",
                    outcome.status(), outcome.role().key(), outcome.elapsedMillis());
        } else {
            LOG.error("cvkit fault guard: {}: could not end the fault at test end: {}", experiment().name(),
                    outcome.failureMessage());
        }
        return Optional.of(outcome);
    }

    /**
     * What the guard does when the JVM is shutting down before the test ended (SIGTERM, System.exit): sends
     * the cancel and does not wait for the fault to end (the JVM is going away). Bounded by the guard timeout.
     *
     * @return what was done, for the log; empty when there was nothing to cancel
     */
    public Optional<String> cancelForShutdown() {
        Tracked current = tracked;
        if (current == null || current.ended() || settings.dryRun()) {
            return Optional.empty();
        }
        String which = experiment().name() + (current.executionId() == null ? "" : " execution " + current.executionId());
        try {
            client.experiments().beginCancel(experiment(), ChaosStudioClient.timeoutContext(settings.guardTimeout()));
            tracked = new Tracked(current.executionId(), current.role(), true);
            return Optional.of("cancel of " + which + " sent (the JVM is shutting down)");
        } catch (ChaosStudioException e) {
            if (e.statusCode() == 409) {
                return Optional.of("cancel of " + which + " answered 409: it is not running any more");
            }
            return Optional.of("cancel of " + which + " FAILED: " + e.getMessage());
        }
    }

    private FaultOutcome end(MarkerSource by, Duration budget) {
        long timeStamp = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        if (settings.dryRun()) {
            return dryRun(FaultOutcome.Kind.END, by, timeStamp);
        }
        boolean locked = acquire(budget);
        if (!locked && by != MarkerSource.GUARD) {
            return failedEnd(by, timeStamp, startNanos, executionId().orElse(null), null, FaultRole.STARTED,
                    FaultOutcome.CVKIT_ERROR, "interrupted or timed out waiting for a start of the same experiment");
        }
        // The guard goes ahead without the lock: a start stuck in a call must not keep a fault alive.
        Context context = ChaosStudioClient.timeoutContext(budget);
        FaultRole role = FaultRole.STARTED;
        String executionId = executionId().orElse(null);
        try {
            ExperimentExecution execution = executionId != null
                    ? client.experiments().getExecution(experiment(), executionId, context)
                    : newest(listSince(context, joinSinceMillis()), startedSince(joinSinceMillis()));
            if (execution == null) {
                return failedEnd(by, timeStamp, startNanos, null, null, FaultRole.OBSERVED, FaultOutcome.CVKIT_ERROR,
                        "no execution of " + experiment().name() + " that began during this test was found:"
                                + " nothing to stop");
            }
            executionId = execution.executionId();
            if (execution.isTerminal()) {
                role = isCancelled(execution.status()) ? FaultRole.JOINED : FaultRole.OBSERVED;
                return endConfirmed(by, timeStamp, startNanos, execution, role, context);
            }
            if (ExecutionStatus.isCancelling(execution.status())) {
                role = FaultRole.JOINED;
            } else {
                try {
                    client.experiments().beginCancel(experiment(), context);
                    LOG.info("cvkit chaos: cancel of {} execution {} accepted", experiment().name(), executionId);
                } catch (ChaosStudioException e) {
                    if (e.statusCode() != 409) {
                        throw e;
                    }
                    // Another engine's cancel got there first, or the execution just ended.
                    role = FaultRole.JOINED;
                }
            }
            String id = executionId;
            PollResponse<ExperimentExecution> last = poll(execution,
                    e -> e != null && e.isTerminal() ? LongRunningOperationStatus.SUCCESSFULLY_COMPLETED
                            : LongRunningOperationStatus.IN_PROGRESS,
                    ignored -> client.experiments().getExecution(experiment(), id, context), context);
            ExperimentExecution seen = last.getValue();
            if (seen != null && seen.isTerminal()) {
                return endConfirmed(by, timeStamp, startNanos, seen, role, context);
            }
            return failedEnd(by, timeStamp, startNanos, executionId, seen == null ? null : seen.status(), role,
                    FaultOutcome.CVKIT_ERROR, "execution " + executionId + " still "
                            + (seen == null ? "unknown" : seen.status()) + " after " + budget.toMillis() + " ms");
        } catch (ChaosStudioException e) {
            return failedEnd(by, timeStamp, startNanos, executionId, null, role, codeOf(e),
                    "Chaos Studio refused or failed the stop: " + e.getMessage());
        } finally {
            if (locked) {
                release();
            }
        }
    }

    private FaultOutcome endConfirmed(MarkerSource by, long timeStamp, long startNanos, ExperimentExecution execution,
            FaultRole role, Context context) {
        tracked = new Tracked(execution.executionId(), tracked == null ? role : tracked.role(), true);
        long elapsed = elapsedMillis(startNanos);
        LOG.info("cvkit chaos: {} execution {} ended: {} ({}, {} ms)", experiment().name(), execution.executionId(),
                execution.status(), role.key(), elapsed);
        return FaultOutcome.confirmed(FaultOutcome.Kind.END, execution.executionId(), execution.status(), role, by,
                timeStamp, elapsed, endWindow(execution, timeStamp + elapsed, context));
    }

    // ------------------------------------------------------------------------------------ the window

    /**
     * Where the fault began, read once the execution is Running: the service's record when a fault action
     * has started (not merely a delay), else when this element began to act (before it sent the start).
     */
    private WindowInstants startWindow(ExperimentExecution execution, long timeStamp, Context context) {
        return serviceWindow(execution, context, true).orElseGet(() -> WindowInstants.fallbackFrom(timeStamp));
    }

    /**
     * Where the fault began and ended, read once the execution is terminal: the service's record, else when
     * this element saw the terminal status.
     */
    private WindowInstants endWindow(ExperimentExecution execution, long seenTerminal, Context context) {
        return serviceWindow(execution, context, false).orElseGet(() -> WindowInstants.fallbackTo(seenTerminal));
    }

    private Optional<WindowInstants> serviceWindow(ExperimentExecution execution, Context context, boolean start) {
        try {
            ExecutionDetails details =
                    client.experiments().getExecutionDetails(experiment(), execution.executionId(), context);
            Optional<WindowInstants> window = start ? ServiceWindow.atStart(details, checked, client.serviceClock())
                    : ServiceWindow.atEnd(details, checked, client.serviceClock());
            if (window.isEmpty()) {
                LOG.info("cvkit chaos: {} execution {}: {}; the marker carries this engine's own {} instant",
                        experiment().name(), execution.executionId(), client.serviceClock().offset().isEmpty()
                                ? "no answer carried a readable Date header (the service's clock is unknown)"
                                : start ? "no fault action has started yet" : "the record has a fault without an end",
                        start ? "start" : "end");
            }
            return window;
        } catch (ChaosStudioException e) {
            LOG.warn("cvkit chaos: could not read the details of {} execution {} ({}); the marker carries this"
                    + " engine's own {} instant", experiment().name(), execution.executionId(), e.getMessage(),
                    start ? "start" : "end");
            return Optional.empty();
        }
    }

    // -------------------------------------------------------------------------------------- helpers

    private Optional<String> checkSafety(Context context) {
        if (refusal != null) {
            return Optional.of(refusal);
        }
        Optional<String> refused = settings.limits().refusal(experiment());
        if (refused.isEmpty() && checked == null) {
            Experiment experiment = client.experiments().get(experiment(), context);
            refused = settings.limits().refusal(experiment);
            if (refused.isEmpty()) {
                checked = experiment;
            }
        }
        refused.ifPresent(reason -> refusal = reason);
        return refused;
    }

    /**
     * Waits through azure-core's {@link SyncPoller}: reads immediately, then every poll interval, until
     * {@code classify} says completed or failed, or the context's deadline passes. A read that fails for a
     * passing reason (timeout, 429, 5xx, unreachable) only means "no news" while time remains.
     */
    private PollResponse<ExperimentExecution> poll(ExperimentExecution initial,
            Function<ExperimentExecution, LongRunningOperationStatus> classify,
            Function<Void, ExperimentExecution> read, Context context) {
        CallDeadline deadline = CallDeadline.from(context).orElseThrow();
        AtomicReference<ChaosStudioException> lastError = new AtomicReference<>();
        AtomicReference<ExperimentExecution> latest = new AtomicReference<>(initial);
        SyncPoller<ExperimentExecution, ExperimentExecution> poller = SyncPoller.createPoller(
                settings.pollInterval(),
                pollingContext -> new PollResponse<>(classify.apply(initial), initial),
                pollingContext -> {
                    try {
                        ExperimentExecution execution = read.apply(null);
                        if (execution != null) {
                            latest.set(execution);
                        }
                        return new PollResponse<>(classify.apply(execution), execution);
                    } catch (ChaosStudioException e) {
                        if (!passing(e)) {
                            throw e;
                        }
                        lastError.set(e);
                        return new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS, latest.get());
                    }
                },
                (pollingContext, response) -> {
                    throw new UnsupportedOperationException("cancel the experiment, not the wait");
                },
                pollingContext -> pollingContext.getLatestResponse().getValue());
        try {
            Duration remaining = deadline.remaining();
            if (remaining.isNegative() || remaining.isZero()) {
                return poller.poll();
            }
            return poller.waitForCompletion(remaining);
        } catch (RuntimeException e) {
            ChaosStudioException failure = ArmCalls.translate(e, "wait for " + experiment().name(), deadline,
                    client.endpoint());
            if (failure.isTimeout()) {
                // The poller ran out of time: report the last thing seen, not an empty timeout.
                ChaosStudioException last = lastError.get();
                if (latest.get() == null && last != null) {
                    throw last;
                }
                return new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS, latest.get());
            }
            throw failure;
        }
    }

    private static boolean passing(ChaosStudioException e) {
        int status = e.statusCode();
        return e.isTimeout() || ChaosStudioException.UNREACHABLE.equals(e.errorCode()) || status == 408
                || status == 429 || status >= 500;
    }

    private List<ExperimentExecution> list(Context context) {
        return client.experiments().listExecutions(experiment(), context).stream().collect(Collectors.toList());
    }

    /**
     * The executions that may have begun at or after {@code sinceMillis}. Chaos Studio lists executions newest
     * first; once a page is in that order and ends with one that began before {@code sinceMillis}, the later
     * pages hold only older ones and are not fetched (a long history must not slow every start). A page out of
     * that order makes the listing read to its end.
     */
    private List<ExperimentExecution> listSince(Context context, long sinceMillis) {
        List<ExperimentExecution> executions = new ArrayList<>();
        Instant since = Instant.ofEpochMilli(sinceMillis);
        for (var page : client.experiments().listExecutions(experiment(), context).iterableByPage()) {
            List<ExperimentExecution> items = page.getValue();
            executions.addAll(items);
            if (!items.isEmpty() && newestFirst(items)) {
                OffsetDateTime oldest = items.get(items.size() - 1).startedAt();
                if (oldest != null && oldest.toInstant().isBefore(since)) {
                    break;
                }
            }
        }
        return executions;
    }

    private static boolean newestFirst(List<ExperimentExecution> page) {
        for (int i = 1; i < page.size(); i++) {
            OffsetDateTime previous = page.get(i - 1).startedAt();
            OffsetDateTime current = page.get(i).startedAt();
            if (previous != null && (current == null || current.isAfter(previous))) {
                return false;
            }
        }
        return true;
    }

    /** Epoch ms from which an execution counts as "began during this test". */
    private long joinSinceMillis() {
        return testStartMillis - settings.joinSkew().toMillis();
    }

    private static Predicate<ExperimentExecution> activeSince(long sinceMillis) {
        return execution -> ExecutionStatus.isActive(execution.status()) && startedSince(sinceMillis).test(execution);
    }

    /** Began at or after {@code sinceMillis}; an execution without a start time yet is queued, so new. */
    private static Predicate<ExperimentExecution> startedSince(long sinceMillis) {
        return execution -> {
            OffsetDateTime startedAt = execution.startedAt();
            if (startedAt == null) {
                return ExecutionStatus.isActive(execution.status()) && !ExecutionStatus.isRunning(execution.status());
            }
            return !startedAt.toInstant().isBefore(Instant.ofEpochMilli(sinceMillis));
        };
    }

    /** The most recently started execution that matches (one not started yet counts as the newest). */
    private static ExperimentExecution newest(List<ExperimentExecution> executions,
            Predicate<ExperimentExecution> filter) {
        return executions.stream()
                .filter(filter)
                .max(Comparator.comparing(ExperimentExecution::startedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .orElse(null);
    }

    private String failureReason(ExperimentExecution execution, Context context) {
        try {
            ExecutionDetails details =
                    client.experiments().getExecutionDetails(experiment(), execution.executionId(), context);
            StringBuilder reason = new StringBuilder();
            if (details.failureReason() != null && !details.failureReason().isBlank()) {
                reason.append(": ").append(details.failureReason().trim());
            }
            details.actions().stream().filter(action -> "failed".equalsIgnoreCase(action.status())).findFirst()
                    .ifPresent(action -> reason.append(" (action ").append(action.actionName()).append(" failed on ")
                            .append(action.failedTargets()).append(" target(s))"));
            return reason.toString();
        } catch (ChaosStudioException e) {
            return " (its details could not be read: " + e.getMessage() + ")";
        }
    }

    private static boolean isCancelled(String status) {
        return status != null && (status.equalsIgnoreCase("cancelled") || status.equalsIgnoreCase("canceled"));
    }

    private boolean acquire(Duration budget) {
        try {
            boolean locked = lock.tryLock(budget.toMillis(), TimeUnit.MILLISECONDS);
            if (locked) {
                actingThread = Thread.currentThread();
            }
            return locked;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void release() {
        actingThread = null;
        lock.unlock();
    }

    private static String codeOf(ChaosStudioException e) {
        return e.statusCode() > 0 ? Integer.toString(e.statusCode()) : FaultOutcome.CVKIT_ERROR;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private FaultOutcome failedStart(MarkerSource by, long timeStamp, long startNanos, String executionId, String status,
            FaultRole role, String code, String message) {
        LOG.error("cvkit chaos: start of {} failed: {}", experiment().name(), message);
        return FaultOutcome.failed(FaultOutcome.Kind.START, executionId, status, role, by, timeStamp,
                elapsedMillis(startNanos), code, message);
    }

    private FaultOutcome failedEnd(MarkerSource by, long timeStamp, long startNanos, String executionId, String status,
            FaultRole role, String code, String message) {
        LOG.error("cvkit chaos: stop of {} failed: {}", experiment().name(), message);
        return FaultOutcome.failed(FaultOutcome.Kind.END, executionId, status, role, by, timeStamp,
                elapsedMillis(startNanos), code, message);
    }

    private FaultOutcome dryRun(FaultOutcome.Kind kind, MarkerSource by, long timeStamp) {
        String action = kind == FaultOutcome.Kind.START ? "start" : "cancel";
        String wouldCall = "dry run: would list the executions of " + experiment().resourceId() + " and POST "
                + settings.endpoint() + experiment().resourceId() + "/" + action + "?api-version=" + settings.apiVersion()
                + ", then wait up to "
                + (kind == FaultOutcome.Kind.START ? settings.startTimeout() : settings.stopTimeout()).toMillis()
                + " ms; nothing was called";
        LOG.info("cvkit chaos: {}", wouldCall);
        return FaultOutcome.dryRun(kind, by, timeStamp, wouldCall);
    }
}
