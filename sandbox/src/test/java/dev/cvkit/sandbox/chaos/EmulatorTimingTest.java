package dev.cvkit.sandbox.chaos;

import static dev.cvkit.sandbox.chaos.ArmTestClient.v;
import static dev.cvkit.sandbox.chaos.Experiments.POD_FAILURE;
import static dev.cvkit.sandbox.chaos.Experiments.STAMP1;
import static dev.cvkit.sandbox.chaos.Experiments.continuous;
import static dev.cvkit.sandbox.chaos.Experiments.delay;
import static dev.cvkit.sandbox.chaos.Experiments.experiment;
import static dev.cvkit.sandbox.chaos.Experiments.podFailureSpec;
import static dev.cvkit.sandbox.chaos.Experiments.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cvkit.sandbox.chaos.fault.AppliedFault;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.FaultTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's timeline: queued statuses, then Running; each fault acts an injection lag after its action
 * started and is gone a removal lag after its duration or after the cancel was accepted; the details report each
 * action's status with start and end times that contain the whole time its fault acted.
 */
class EmulatorTimingTest {

    /** Small but measurable lags; scheduling noise on a busy 2-core machine stays well below them. */
    private static final EmulatorTiming TIMING = new EmulatorTiming(Duration.ofMillis(400), Duration.ofMillis(400),
            Duration.ofMillis(600), Duration.ofMillis(500), Duration.ofMillis(900));
    /** What the clock and the ARM time format (7 fractional digits, but the emulator's clock) may differ by. */
    private static final Duration SLACK = Duration.ofMillis(5);

    private final ClockedTarget target = new ClockedTarget();
    private ChaosStudioEmulator emulator;
    private ArmTestClient arm;

    @AfterEach
    void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private String startOne(String json) throws Exception {
        emulator = ChaosStudioEmulator.builder().timing(TIMING).faultTarget(target).retryAfter(Duration.ZERO)
                .experiment("x", json).build();
        arm = new ArmTestClient(emulator);
        assertThat(arm.post(v(emulator.experimentResourceId("x") + "/start")).status()).isEqualTo(202);
        return emulator.executions("x").get(0).executionId();
    }

    private JsonNode details(String executionId) throws Exception {
        ArmTestClient.Answer answer = arm.post(v(emulator.experimentResourceId("x") + "/executions/" + executionId + "/getExecutionDetails"));
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().path("properties");
    }

    private static Instant time(JsonNode node, String field) {
        assertThat(node.path(field).isTextual()).as(field + " in " + node).isTrue();
        return Instant.parse(node.path(field).asText());
    }

    /** Records statuses seen by polling, each with the first instant it was seen. */
    private List<String> statusesUntilTerminal(String executionId) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionSnapshot snapshot = emulator.execution(executionId);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(snapshot.status())) {
                seen.add(snapshot.status());
            }
            if (snapshot.isTerminal()) {
                return seen;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("execution did not end; seen " + seen);
    }

    @Test
    void theRealisticProfileIsTheDefaultAndTakesSecondsLikeAzure() {
        emulator = ChaosStudioEmulator.builder().build();
        assertThat(emulator.timing()).isEqualTo(EmulatorTiming.REALISTIC);
        assertThat(EmulatorTiming.REALISTIC.startupLatency()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(EmulatorTiming.REALISTIC.injectionLag()).isPositive();
        assertThat(EmulatorTiming.REALISTIC.removalLag()).isPositive();
        assertThat(EmulatorTiming.REALISTIC.cancelLatency()).isGreaterThanOrEqualTo(EmulatorTiming.REALISTIC.removalLag());
        assertThat(EmulatorTiming.FAST.startupLatency()).isLessThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aFaultActsAnInjectionLagAfterItsActionStartsAndIsGoneARemovalLagAfterItsDuration() throws Exception {
        Instant sent = Instant.now();
        String id = startOne(Experiments.podFailure("PT1S"));
        assertThat(statusesUntilTerminal(id)).containsExactly(ExecutionStatus.PRE_PROCESSING_QUEUED, ExecutionStatus.WAITING_TO_START,
                ExecutionStatus.RUNNING, ExecutionStatus.SUCCESS);

        ClockedTarget.Span span = target.onlySpan();
        JsonNode properties = details(id);
        JsonNode action = properties.at("/runInformation/steps/0/branches/0/actions/0");
        assertThat(action.path("status").asText()).isEqualTo("succeeded");
        Instant actionStart = time(action, "startTime");
        Instant actionEnd = time(action, "endTime");

        assertThat(actionStart).isAfterOrEqualTo(sent.plus(TIMING.startupLatency()).minus(SLACK));
        assertThat(span.applied()).isAfterOrEqualTo(actionStart.plus(TIMING.injectionLag()).minus(SLACK));
        assertThat(span.removed()).isAfterOrEqualTo(span.applied().plus(Duration.ofSeconds(1)).plus(TIMING.removalLag()).minus(SLACK));
        assertThat(actionEnd).isAfterOrEqualTo(span.removed().minus(SLACK));
        assertThat(time(action.path("targets").get(0), "targetCompletedTime")).isAfterOrEqualTo(span.removed().minus(SLACK));
        assertThat(time(properties, "stoppedAt")).isAfterOrEqualTo(actionEnd.minus(SLACK));
        assertThat(time(properties, "lastActionAt")).isAfterOrEqualTo(actionEnd.minus(SLACK));
        assertThat(time(properties, "startedAt")).isBeforeOrEqualTo(actionStart);
    }

    @Test
    void aCancelIsAcceptedBeforeTheFaultIsRemovedAndCancelledComesLater() throws Exception {
        String id = startOne(Experiments.podFailure("PT10M"));
        emulator.awaitExecution(id, s -> s.status().equals(ExecutionStatus.RUNNING), Duration.ofSeconds(10));
        target.awaitApplied(Duration.ofSeconds(10));

        Instant cancelSent = Instant.now();
        assertThat(arm.post(v(emulator.experimentResourceId("x") + "/cancel")).status()).isEqualTo(202);
        Instant cancelAnswered = Instant.now();
        assertThat(emulator.execution(id).status()).isEqualTo(ExecutionStatus.CANCELLING);
        assertThat(emulator.activeFaults()).as("still applied right after the cancel was accepted").hasSize(1);

        ExecutionSnapshot cancelled = emulator.awaitExecution(id, ExecutionSnapshot::isTerminal, Duration.ofSeconds(10));
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
        ClockedTarget.Span span = target.onlySpan();
        assertThat(span.removed()).isAfterOrEqualTo(cancelSent.plus(TIMING.removalLag()).minus(SLACK));
        assertThat(Duration.between(cancelAnswered, span.removed())).isLessThan(TIMING.removalLag().plusSeconds(2));

        JsonNode properties = details(id);
        JsonNode action = properties.at("/runInformation/steps/0/branches/0/actions/0");
        assertThat(action.path("status").asText()).isEqualTo("cancelled");
        assertThat(time(action, "endTime")).isAfterOrEqualTo(span.removed().minus(SLACK));
        assertThat(time(action, "startTime")).isBeforeOrEqualTo(span.applied().minus(TIMING.injectionLag()).plus(SLACK));
        assertThat(time(properties, "stoppedAt")).isAfterOrEqualTo(cancelSent.plus(TIMING.cancelLatency()).minus(SLACK));
    }

    @Test
    void aCancelDuringTheInjectionLagAppliesNothing() throws Exception {
        String id = startOne(Experiments.podFailure("PT10M"));
        emulator.awaitExecution(id, s -> s.status().equals(ExecutionStatus.RUNNING), Duration.ofSeconds(10));
        assertThat(arm.post(v(emulator.experimentResourceId("x") + "/cancel")).status()).isEqualTo(202);
        emulator.awaitExecution(id, ExecutionSnapshot::isTerminal, Duration.ofSeconds(10));
        Thread.sleep(TIMING.injectionLag().toMillis());
        assertThat(target.spans()).isEmpty();
        JsonNode action = details(id).at("/runInformation/steps/0/branches/0/actions/0");
        assertThat(action.path("status").asText()).isEqualTo("cancelled");
        assertThat(action.at("/targets/0/status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aDelayActionDelaysTheFaultAndReportsItsOwnTimes() throws Exception {
        String json = experiment(new String[] {selector("s1", STAMP1)},
                new String[][][] {{{delay("PT1S"), continuous(POD_FAILURE, "PT0.5S", podFailureSpec(), "s1")}}});
        String id = startOne(json);
        emulator.awaitExecution(id, ExecutionSnapshot::isTerminal, Duration.ofSeconds(20));

        JsonNode actions = details(id).at("/runInformation/steps/0/branches/0/actions");
        JsonNode delayAction = actions.get(0);
        JsonNode faultAction = actions.get(1);
        assertThat(delayAction.path("actionName").asText()).isEqualTo("urn:csci:microsoft:chaosStudio:TimedDelay/1.0");
        assertThat(delayAction.path("status").asText()).isEqualTo("succeeded");
        assertThat(Duration.between(time(delayAction, "startTime"), time(delayAction, "endTime"))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(time(faultAction, "startTime")).isAfterOrEqualTo(time(delayAction, "endTime"));
        assertThat(target.onlySpan().applied()).isAfterOrEqualTo(time(delayAction, "endTime").plus(TIMING.injectionLag()).minus(SLACK));
    }

    @Test
    void whileTheFaultIsBeingInjectedTheDetailsSayRunningWithAStartAndNoEnd() throws Exception {
        String id = startOne(Experiments.podFailure("PT10M"));
        emulator.awaitExecution(id, s -> s.status().equals(ExecutionStatus.RUNNING), Duration.ofSeconds(10));
        JsonNode action = details(id).at("/runInformation/steps/0/branches/0/actions/0");
        assertThat(action.path("status").asText()).isEqualTo("running");
        assertThat(action.has("startTime")).isTrue();
        assertThat(action.has("endTime")).isFalse();
        assertThat(target.spans()).as("not applied yet: the injection lag has not passed").isEmpty();
    }

    @Test
    void timingsAreReadFromTheCommandLine() {
        assertThat(EmulatorTiming.parse("fast")).isEqualTo(EmulatorTiming.FAST);
        assertThat(EmulatorTiming.parse(" Realistic ")).isEqualTo(EmulatorTiming.REALISTIC);
        EmulatorTiming custom = EmulatorTiming.parse("realistic,injectionLag=5s,waitingToStart=PT20S,removalLag=250ms");
        assertThat(custom.injectionLag()).isEqualTo(Duration.ofSeconds(5));
        assertThat(custom.waitingToStart()).isEqualTo(Duration.ofSeconds(20));
        assertThat(custom.removalLag()).isEqualTo(Duration.ofMillis(250));
        assertThat(custom.preProcessingQueued()).isEqualTo(EmulatorTiming.REALISTIC.preProcessingQueued());
        assertThatThrownBy(() -> EmulatorTiming.parse("slow")).hasMessageContaining("expected realistic or fast");
        assertThatThrownBy(() -> EmulatorTiming.parse("fast,lag=1s")).hasMessageContaining("unknown timing setting 'lag'");
        assertThatThrownBy(() -> EmulatorTiming.parse("fast,injectionLag=soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> EmulatorTiming.parse("fast,injectionLag")).hasMessageContaining("expected name=duration");
        assertThatThrownBy(() -> EmulatorTiming.parse("fast,injectionLag=-1s")).hasMessageContaining("must not be negative");
    }

    /** A fault target that remembers when each fault was applied and removed. */
    private static final class ClockedTarget implements FaultTarget {

        record Span(Instant applied, Instant removed) {
        }

        private final List<Instant[]> spans = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean resolves(String targetResourceId) {
            return true;
        }

        @Override
        public AppliedFault apply(FaultRequest request) {
            Instant[] span = {Instant.now(), null};
            spans.add(span);
            return () -> {
                synchronized (span) {
                    if (span[1] == null) {
                        span[1] = Instant.now();
                    }
                }
            };
        }

        List<Instant[]> spans() {
            return List.copyOf(spans);
        }

        Span onlySpan() {
            assertThat(spans).hasSize(1);
            Instant[] span = spans.get(0);
            synchronized (span) {
                assertThat(span[1]).as("fault removed").isNotNull();
                return new Span(span[0], span[1]);
            }
        }

        void awaitApplied(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (spans.isEmpty()) {
                assertThat(System.nanoTime()).as("fault applied in time").isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }
}
