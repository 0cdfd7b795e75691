package dev.cvkit.sandbox.chaos;

import static dev.cvkit.sandbox.chaos.ArmTestClient.v;
import static dev.cvkit.sandbox.chaos.Experiments.POD_FAILURE;
import static dev.cvkit.sandbox.chaos.Experiments.STAMP1;
import static dev.cvkit.sandbox.chaos.Experiments.STAMP2;
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
import dev.cvkit.sandbox.chaos.fault.NetworkDelay;
import dev.cvkit.sandbox.chaos.fault.PodFailure;
import dev.cvkit.sandbox.chaos.fault.RecordingFaultTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosStudioEmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RecordingFaultTarget target = new RecordingFaultTarget(id -> !id.contains("unknown-cluster"));
    private ChaosStudioEmulator emulator;
    private ArmTestClient arm;

    @AfterEach
    void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(ChaosStudioEmulator.Builder builder) {
        emulator = builder.faultTarget(target).startupLatency(Duration.ofMillis(100)).cancelLatency(Duration.ofMillis(100))
                .retryAfter(Duration.ZERO).build();
        arm = new ArmTestClient(emulator);
    }

    private String id(String experiment) {
        return emulator.experimentResourceId(experiment);
    }

    /** Starts an experiment, returning the 202 answer. */
    private ArmTestClient.Answer startExperiment(String experiment) throws Exception {
        ArmTestClient.Answer answer = arm.post(v(id(experiment) + "/start"));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
        return answer;
    }

    private String onlyExecutionId(String experiment) {
        assertThat(emulator.executions(experiment)).hasSize(1);
        return emulator.executions(experiment).get(0).executionId();
    }

    private ExecutionSnapshot await(String executionId, Predicate<ExecutionSnapshot> condition) throws Exception {
        return emulator.awaitExecution(executionId, condition, WAIT);
    }

    /** Waits until the execution runs and its first fault is applied (Running comes a moment before). */
    private void awaitFaultApplied(String executionId) throws Exception {
        await(executionId, status(ExecutionStatus.RUNNING));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (emulator.activeFaults().isEmpty()) {
            assertThat(System.nanoTime()).as("fault applied in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Predicate<ExecutionSnapshot> status(String status) {
        return s -> s.status().equals(status);
    }

    /** Polls a URL until its JSON status is terminal; returns every status seen, in order. */
    private List<String> pollStatuses(String url) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ArmTestClient.Answer answer = arm.get(url);
            assertThat(answer.status()).isEqualTo(200);
            String status = answer.json().path("status").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            if (List.of("Succeeded", "Failed", "Canceled").contains(status)) {
                return seen;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("operation did not end; statuses seen " + seen);
    }

    // ---- the long-running start, a fault that ends by its own duration ----

    @Test
    void startIsALongRunningOperationAndTheFaultEndsByItsOwnDuration() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("stamp-down", Experiments.podFailure("PT1S")));

        ArmTestClient.Answer started = startExperiment("stamp-down");
        String asyncOperation = started.header("Azure-AsyncOperation");
        String location = started.header("Location");
        assertThat(asyncOperation).startsWith(emulator.endpoint() + "/subscriptions/" + Experiments.SUB
                + "/providers/Microsoft.Chaos/locations/eastus/operationStatuses/").endsWith("?api-version=2025-01-01");
        assertThat(location).contains("/providers/Microsoft.Chaos/locations/eastus/operationResults/");
        assertThat(started.header("Retry-After")).isEqualTo("0");
        assertThat(started.raw().body()).isEmpty();

        String executionId = onlyExecutionId("stamp-down");
        assertThat(executionId).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(pollStatuses(asyncOperation)).containsExactly("InProgress", "Succeeded");
        // Succeeded means the execution runs and the fault is applied.
        assertThat(emulator.execution(executionId).status()).isEqualTo(ExecutionStatus.RUNNING);
        awaitFaultApplied(executionId);
        assertThat(emulator.activeFaults()).singleElement().satisfies(f -> {
            assertThat(f.targetResourceId()).isEqualTo(STAMP1);
            assertThat(f.fault()).isInstanceOf(PodFailure.class);
            assertThat(f.executionId()).isEqualTo(executionId);
        });

        ArmTestClient.Answer result = arm.get(location);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("name").asText()).isEqualTo("stamp-down");
        assertThat(result.json().path("statusUrl").asText()).isEqualTo(emulator.endpoint() + id("stamp-down") + "/executions/" + executionId);

        ArmTestClient.Answer running = arm.get(v(id("stamp-down") + "/executions/" + executionId));
        assertThat(running.json().path("properties").path("status").asText()).isEqualTo("Running");
        assertThat(running.json().path("properties").has("stoppedAt")).isFalse();

        ExecutionSnapshot ended = await(executionId, ExecutionSnapshot::isTerminal);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(Duration.between(ended.startedAt(), ended.stoppedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(emulator.activeFaults()).isEmpty();
        assertThat(target.active()).isEmpty();
        assertThat(target.history()).hasSize(1);

        JsonNode details = arm.post(v(id("stamp-down") + "/executions/" + executionId.toLowerCase() + "/getExecutionDetails")).json();
        assertThat(details.path("properties").path("status").asText()).isEqualTo("Success");
        JsonNode action = details.at("/properties/runInformation/steps/0/branches/0/actions/0");
        assertThat(action.path("actionName").asText()).isEqualTo(POD_FAILURE);
        assertThat(action.path("status").asText()).isEqualTo("succeeded");
        assertThat(action.at("/targets/0/status").asText()).isEqualTo("succeeded");
        assertThat(action.at("/targets/0/target").asText()).isEqualTo(STAMP1);
        assertThat(action.at("/targets/0/targetCompletedTime").asText()).isNotEmpty();
        assertThat(details.at("/properties/runInformation/steps/0/status").asText()).isEqualTo("succeeded");

        EmulatorCounters counters = emulator.counters();
        assertThat(counters.startCalls()).isEqualTo(1);
        assertThat(counters.startsAccepted()).isEqualTo(1);
        assertThat(counters.executionsCreated()).isEqualTo(1);
        assertThat(counters.cancelCalls()).isZero();
    }

    @Test
    void queuedStatusesComeBeforeRunning() throws Exception {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).faultTarget(target).startupLatency(Duration.ofMillis(600))
                .experiment("slow-start", Experiments.podFailure("PT5S")).build();
        arm = new ArmTestClient(emulator);
        startExperiment("slow-start");
        String executionId = onlyExecutionId("slow-start");
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!seen.contains("Running") && System.nanoTime() < deadline) {
            String status = arm.get(v(id("slow-start") + "/executions/" + executionId)).json().at("/properties/status").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            Thread.sleep(20);
        }
        assertThat(seen).containsExactly("PreProcessingQueued", "WaitingToStart", "Running");
    }

    // ---- cancel ----

    @Test
    void cancelRemovesTheFaultAtOnceAndEndsCancelled() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("stamp-down", Experiments.podFailure("PT10M")));
        startExperiment("stamp-down");
        String executionId = onlyExecutionId("stamp-down");
        awaitFaultApplied(executionId);
        assertThat(target.active()).hasSize(1);

        ArmTestClient.Answer cancel = arm.post(v(id("stamp-down") + "/cancel"));
        assertThat(cancel.status()).isEqualTo(202);
        // The fault is gone when the 202 arrives, long before Cancelled.
        assertThat(target.active()).isEmpty();
        assertThat(emulator.activeFaults()).isEmpty();
        assertThat(emulator.execution(executionId).status()).isIn(ExecutionStatus.CANCELLING, ExecutionStatus.CANCELLED);

        assertThat(pollStatuses(cancel.header("Azure-AsyncOperation"))).last().isEqualTo("Succeeded");
        ExecutionSnapshot ended = emulator.execution(executionId);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(ended.stoppedAt()).isNotNull();
        JsonNode action = arm.post(v(id("stamp-down") + "/executions/" + executionId + "/getExecutionDetails")).json()
                .at("/properties/runInformation/steps/0/branches/0/actions/0");
        assertThat(action.path("status").asText()).isEqualTo("cancelled");
        assertThat(emulator.counters().cancelsAccepted()).isEqualTo(1);
        assertThat(emulator.counters().executionsCancelled()).isEqualTo(1);

        // A cancel of nothing running is accepted and completes at once.
        ArmTestClient.Answer again = arm.post(v(id("stamp-down") + "/cancel"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(arm.get(again.header("Azure-AsyncOperation")).json().path("status").asText()).isEqualTo("Succeeded");
        assertThat(emulator.counters().executionsCancelled()).isEqualTo(1);
    }

    @Test
    void aCancelWhileQueuedAppliesNothing() throws Exception {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).faultTarget(target).startupLatency(Duration.ofSeconds(5))
                .cancelLatency(Duration.ZERO).experiment("x", Experiments.podFailure("PT1M")).build();
        arm = new ArmTestClient(emulator);
        startExperiment("x");
        String executionId = onlyExecutionId("x");
        assertThat(arm.post(v(id("x") + "/cancel")).status()).isEqualTo(202);
        assertThat(await(executionId, ExecutionSnapshot::isTerminal).status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(target.history()).isEmpty();
    }

    @Test
    void aSecondStartWhileRunningIsAConflict() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("stamp-down", Experiments.podFailure("PT10M")));
        startExperiment("stamp-down");
        ArmTestClient.Answer second = arm.post(v(id("stamp-down") + "/start"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().at("/error/code").asText()).isEqualTo("Conflict");
        assertThat(second.json().at("/error/message").asText()).contains("already running");
        assertThat(emulator.executions("stamp-down")).hasSize(1);
        assertThat(emulator.counters().startCalls()).isEqualTo(2);
        assertThat(emulator.counters().startsAccepted()).isEqualTo(1);

        // Updating a running experiment is refused too.
        ArmTestClient.Answer put = arm.put(v(id("stamp-down")), Experiments.podFailure("PT1M"));
        assertThat(put.status()).isEqualTo(409);
    }

    @Test
    void closingTheEmulatorRemovesRunningFaults() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("stamp-down", Experiments.podFailure("PT10M")));
        startExperiment("stamp-down");
        awaitFaultApplied(onlyExecutionId("stamp-down"));
        assertThat(target.active()).hasSize(1);
        emulator.close();
        assertThat(target.active()).isEmpty();
        emulator = null;
    }

    // ---- executor semantics ----

    /** A target that logs apply/remove events with times. */
    private static final class TimelineTarget implements FaultTarget {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean resolves(String targetResourceId) {
            return true;
        }

        @Override
        public AppliedFault apply(FaultRequest request) {
            String name = request.targetResourceId().contains("aks-one") ? "one" : "two";
            events.add("+" + name + "(" + request.fault().getClass().getSimpleName() + ")");
            return () -> events.add("-" + name);
        }
    }

    @Test
    void stepsRunInOrderBranchesInParallelActionsInSequence() throws Exception {
        TimelineTarget timeline = new TimelineTarget();
        String netSpec = Experiments.spec("{\"action\":\"delay\",\"mode\":\"one\",\"delay\":{\"latency\":\"150ms\",\"jitter\":\"10ms\"}}");
        String json = experiment(new String[] {selector("s1", STAMP1), selector("s2", STAMP2)}, new String[][][] {
            {
                {continuous(POD_FAILURE, "PT1S", podFailureSpec(), "s1")},
                {delay("PT0.2S"), continuous(Experiments.NETWORK, "PT0.2S", netSpec, "s2")}
            },
            {{continuous(POD_FAILURE, "PT0.2S", podFailureSpec(), "s2")}}
        });
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).faultTarget(timeline).startupLatency(Duration.ZERO).experiment("multi", json).build();
        arm = new ArmTestClient(emulator);
        startExperiment("multi");
        ExecutionSnapshot ended = await(onlyExecutionId("multi"), ExecutionSnapshot::isTerminal);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCESS);
        // Branch 2 waits 0.2 s, then delays stamp two for 0.2 s, all while branch 1 holds stamp one down for 1 s;
        // step 2 starts only after both branches ended.
        assertThat(timeline.events).containsExactly("+one(PodFailure)", "+two(NetworkDelay)", "-two", "-one", "+two(PodFailure)", "-two");
    }

    @Test
    void faultsCarryTheirChaosMeshParameters() throws Exception {
        String netSpec = Experiments.spec("{\"action\":\"delay\",\"mode\":\"fixed-percent\",\"value\":\"50\","
                + "\"delay\":{\"latency\":\"250ms\",\"jitter\":\"20ms\"}}");
        String stressSpec = Experiments.spec("{\"mode\":\"all\",\"stressors\":{\"cpu\":{\"workers\":2,\"load\":80}}}");
        String json = experiment(new String[] {selector("s1", STAMP1)}, new String[][][] {{
            {continuous(Experiments.NETWORK, "PT0.3S", netSpec, "s1")},
            {continuous(Experiments.STRESS, "PT0.3S", stressSpec, "s1")}
        }});
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("params", json));
        startExperiment("params");
        await(onlyExecutionId("params"), ExecutionSnapshot::isTerminal);
        assertThat(target.history()).hasSize(2);
        NetworkDelay delayFault = (NetworkDelay) target.history().stream().filter(r -> r.fault() instanceof NetworkDelay)
                .findFirst().orElseThrow().fault();
        assertThat(delayFault.latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(delayFault.jitter()).isEqualTo(Duration.ofMillis(20));
        assertThat(delayFault.pods().podsHit(4, new java.util.Random(1))).isEqualTo(2);
        assertThat(target.history()).anySatisfy(r -> assertThat(r.fault())
                .isEqualTo(new dev.cvkit.sandbox.chaos.fault.CpuPressure(2, 80, dev.cvkit.sandbox.chaos.fault.PodSelection.ALL_PODS)));
    }

    @Test
    void anUnknownFaultUrnFailsTheExecutionBeforeAnythingIsApplied() throws Exception {
        String json = experiment(new String[] {selector("s1", STAMP1)}, new String[][][] {
            {{continuous(POD_FAILURE, "PT0.2S", podFailureSpec(), "s1")}},
            {{continuous("urn:csci:microsoft:virtualMachine:shutdown/1.0", "PT1M", "x", "s1")}}
        });
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("bad-urn", json));
        ArmTestClient.Answer started = startExperiment("bad-urn");
        String executionId = onlyExecutionId("bad-urn");
        ExecutionSnapshot ended = await(executionId, ExecutionSnapshot::isTerminal);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.failureReason()).contains("urn:csci:microsoft:virtualMachine:shutdown/1.0").contains("not emulated")
                .contains("step 'step2'");
        assertThat(target.history()).isEmpty();

        assertThat(pollStatuses(started.header("Azure-AsyncOperation"))).last().isEqualTo("Failed");
        JsonNode status = arm.get(started.header("Azure-AsyncOperation")).json();
        assertThat(status.at("/error/code").asText()).isEqualTo("ExperimentExecutionFailed");
        ArmTestClient.Answer result = arm.get(started.header("Location"));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().at("/error/message").asText()).contains("not emulated");

        JsonNode details = arm.post(v(id("bad-urn") + "/executions/" + executionId + "/getExecutionDetails")).json();
        assertThat(details.at("/properties/failureReason").asText()).isEqualTo(ended.failureReason());
        JsonNode failedTarget = details.at("/properties/runInformation/steps/1/branches/0/actions/0/targets/0");
        assertThat(failedTarget.path("status").asText()).isEqualTo("failed");
        assertThat(failedTarget.at("/error/code").asText()).isEqualTo("UnsupportedFault");
        assertThat(failedTarget.path("targetFailedTime").asText()).isNotEmpty();
        assertThat(details.at("/properties/runInformation/steps/0/branches/0/actions/0/status").asText()).isEqualTo("cancelled");
    }

    @Test
    void anUnknownTargetFailsTheExecution() throws Exception {
        String unknown = STAMP1.replace("aks-one", "unknown-cluster");
        String json = experiment(new String[] {selector("s1", unknown)},
                new String[][][] {{{continuous(POD_FAILURE, "PT1M", podFailureSpec(), "s1")}}});
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("bad-target", json));
        startExperiment("bad-target");
        ExecutionSnapshot ended = await(onlyExecutionId("bad-target"), ExecutionSnapshot::isTerminal);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.failureReason()).contains("unknown-cluster").contains("not known");
    }

    @Test
    void aTargetOfTheWrongTypeFailsTheExecution() throws Exception {
        String vm = "/subscriptions/" + Experiments.SUB + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
                + "/providers/Microsoft.Chaos/targets/Microsoft-VirtualMachine";
        String json = experiment(new String[] {selector("s1", vm)},
                new String[][][] {{{continuous(POD_FAILURE, "PT1M", podFailureSpec(), "s1")}}});
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("wrong-type", json));
        startExperiment("wrong-type");
        ExecutionSnapshot ended = await(onlyExecutionId("wrong-type"), ExecutionSnapshot::isTerminal);
        assertThat(ended.failureReason()).contains("Microsoft-AzureKubernetesServiceChaosMesh");
    }

    @Test
    void aFaultThatCannotBeAppliedFailsTheExecutionAndRemovesTheOthers() throws Exception {
        target.failOn(STAMP2);
        String json = experiment(new String[] {selector("s1", STAMP1), selector("s2", STAMP2)}, new String[][][] {{
            {continuous(POD_FAILURE, "PT10M", podFailureSpec(), "s1")},
            {delay("PT0.3S"), continuous(POD_FAILURE, "PT10M", podFailureSpec(), "s2")}
        }});
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("half-broken", json));
        startExperiment("half-broken");
        ExecutionSnapshot ended = await(onlyExecutionId("half-broken"), ExecutionSnapshot::isTerminal);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.failureReason()).contains("aks-two").contains("refused");
        assertThat(target.history()).hasSize(1);
        assertThat(target.active()).isEmpty();
    }

    // ---- executions list ----

    @Test
    void executionsArePagedWithNextLinkNewestFirst() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).executionsPageSize(2).experiment("history", Experiments.podFailure("PT1M")));
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            emulator.addHistoricExecution("history", "00000000-0000-0000-0000-00000000000" + i, "Success",
                    t0.plusSeconds(60L * i), t0.plusSeconds(60L * i + 30));
        }
        List<String> names = new ArrayList<>();
        String next = v(id("history") + "/executions");
        int pages = 0;
        while (next != null) {
            ArmTestClient.Answer page = arm.get(next);
            assertThat(page.status()).isEqualTo(200);
            page.json().path("value").forEach(e -> names.add(e.path("name").asText()));
            next = page.json().has("nextLink") ? page.json().path("nextLink").asText() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("00000000-0000-0000-0000-000000000004", "00000000-0000-0000-0000-000000000003",
                "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000000");
        assertThat(emulator.journal().entries(ArmOperation.LIST_EXECUTIONS)).hasSize(3);

        ArmTestClient.Answer bad = arm.get(v(id("history") + "/executions?continuationToken=zz"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/code").asText()).isEqualTo("InvalidContinuationToken");
    }

    // ---- auth, api-version, errors ----

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("x", Experiments.podFailure("PT1M")));
        ArmTestClient.Answer none = arm.withToken(null).get(v(id("x")));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=").contains("error=\"invalid_token\"");
        assertThat(none.json().at("/error/code").asText()).isEqualTo("AuthenticationFailed");

        ArmTestClient.Answer forged = arm.withToken("cvkit.not-issued").post(v(id("x") + "/start"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(emulator.executions("x")).isEmpty();

        String vaultToken = tokenFromIdentityEndpoint("https://vault.azure.net").path("access_token").asText();
        ArmTestClient.Answer wrongAudience = arm.withToken(vaultToken).get(v(id("x")));
        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat(wrongAudience.json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationTokenAudience");

        String armToken = tokenFromIdentityEndpoint("https://management.azure.com").path("access_token").asText();
        assertThat(arm.withToken(armToken).get(v(id("x"))).status()).isEqualTo(200);
    }

    @Test
    void tokensNeverReachTheJournal() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("x", Experiments.podFailure("PT1M")));
        String token = tokenFromIdentityEndpoint("https://management.azure.com").path("access_token").asText();
        arm.withToken(token).get(v(id("x")));
        assertThat(emulator.journal().entries().toString()).doesNotContain(token).doesNotContain(emulator.identityHeader());
    }

    @Test
    void theApiVersionIsChecked() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("x", Experiments.podFailure("PT1M")));
        ArmTestClient.Answer missing = arm.get(id("x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");
        ArmTestClient.Answer old = arm.get(id("x") + "?api-version=2023-11-01");
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.json().at("/error/code").asText()).isEqualTo("NoRegisteredProviderFound");
        assertThat(old.json().at("/error/message").asText()).contains("2023-11-01").contains("2025-01-01");
    }

    @Test
    void unknownResourcesAndRoutesAnswerArmErrors() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("x", Experiments.podFailure("PT1M")));
        ArmTestClient.Answer missing = arm.get(v(id("x").replace("/x", "/nope")));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("ResourceNotFound");
        assertThat(arm.get(v(id("x") + "/executions/11111111-2222-3333-4444-555555555555")).status()).isEqualTo(404);
        assertThat(arm.get(v("/subscriptions/" + Experiments.SUB + "/providers/Microsoft.Chaos/locations/eastus/operationStatuses/nope"))
                .status()).isEqualTo(404);
        ArmTestClient.Answer route = arm.get(v("/something/else"));
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().at("/error/code").asText()).isEqualTo("NotFound");
        ArmTestClient.Answer method = arm.send("DELETE", v(id("x") + "/start"), null);
        assertThat(method.status()).isEqualTo(405);
        ArmTestClient.Answer badSubscription = arm.get(v(id("x").replace(Experiments.SUB, "not-a-guid")));
        assertThat(badSubscription.status()).isEqualTo(400);
        assertThat(badSubscription.json().at("/error/code").asText()).isEqualTo("InvalidSubscriptionId");
    }

    // ---- knobs and journal ----

    @Test
    void knobsMisbehaveForTheNextCallsOnly() throws Exception {
        start(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experiment("x", Experiments.podFailure("PT0.2S")));
        emulator.knobs().inject(ArmOperation.START, FaultKnob.throttle(Duration.ofMillis(1500)), 2)
                .inject(ArmOperation.START, FaultKnob.serverError(), 1)
                .inject(ArmOperation.START, FaultKnob.conflict(), 1)
                .inject(ArmOperation.START, FaultKnob.unauthorized(), 1);
        assertThat(emulator.knobs().pending(ArmOperation.START)).isEqualTo(5);

        ArmTestClient.Answer throttled = arm.post(v(id("x") + "/start"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("2");
        assertThat(throttled.json().at("/error/code").asText()).isEqualTo("TooManyRequests");
        assertThat(arm.post(v(id("x") + "/start")).status()).isEqualTo(429);
        ArmTestClient.Answer serverError = arm.post(v(id("x") + "/start"));
        assertThat(serverError.status()).isEqualTo(500);
        assertThat(serverError.json().at("/error/code").asText()).isEqualTo("InternalServerError");
        assertThat(arm.post(v(id("x") + "/start")).status()).isEqualTo(409);
        ArmTestClient.Answer unauthorized = arm.post(v(id("x") + "/start"));
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("WWW-Authenticate")).isNotNull();
        assertThat(emulator.executions("x")).isEmpty();
        assertThat(arm.post(v(id("x") + "/start")).status()).isEqualTo(202);
        assertThat(emulator.knobs().pending(ArmOperation.START)).isZero();

        // Knobs of one operation leave the others alone; a delay knob answers normally, later.
        emulator.knobs().inject(ArmOperation.GET_EXPERIMENT, FaultKnob.delay(Duration.ofMillis(300)), 1);
        emulator.knobs().inject(ArmOperation.CANCEL, FaultKnob.serverError(), 1);
        assertThat(arm.get(v(id("x"))).status()).isEqualTo(200);
        assertThat(arm.post(v(id("x") + "/cancel")).status()).isEqualTo(500);
        assertThat(arm.post(v(id("x") + "/cancel")).status()).isEqualTo(202);

        List<JournalEntry> starts = emulator.journal().entries(ArmOperation.START);
        assertThat(starts).extracting(JournalEntry::status).containsExactly(429, 429, 500, 409, 401, 202);
        assertThat(starts).extracting(JournalEntry::method).containsOnly("POST");
        assertThat(starts.get(0).path()).isEqualTo(id("x") + "/start");
        assertThat(starts.get(0).knob().kind()).isEqualTo(FaultKnob.Kind.THROTTLE);
        assertThat(starts.get(5).knob()).isNull();
        JournalEntry delayed = emulator.journal().entries(ArmOperation.GET_EXPERIMENT).get(0);
        assertThat(delayed.knob().kind()).isEqualTo(FaultKnob.Kind.DELAY);
        assertThat(delayed.elapsedMillis()).isGreaterThanOrEqualTo(300);
        assertThat(emulator.counters().startCalls()).isEqualTo(6);
        assertThat(emulator.counters().startsAccepted()).isEqualTo(1);
        assertThat(emulator.counters().cancelCalls()).isEqualTo(2);
    }

    @Test
    void knobArgumentsAreChecked() {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).build();
        assertThatThrownBy(() -> emulator.knobs().inject(ArmOperation.START, FaultKnob.serverError(), 0))
                .hasMessageContaining("calls must be at least 1");
        assertThatThrownBy(() -> FaultKnob.delay(Duration.ofSeconds(-1))).hasMessageContaining("delay must not be negative");
    }

    // ---- deploying experiments ----

    @Test
    void putCreatesThenUpdatesWithAProvisioningOperation() throws Exception {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).provisioningLatency(Duration.ofMillis(400)).build();
        arm = new ArmTestClient(emulator);
        String path = "/subscriptions/" + Experiments.SUB + "/resourceGroups/rg-x/providers/Microsoft.Chaos/experiments/new-one";
        ArmTestClient.Answer created = arm.put(v(path), Experiments.podFailure("PT1M"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/properties/provisioningState").asText()).isEqualTo("Creating");
        assertThat(created.json().path("id").asText()).isEqualTo(path);
        assertThat(created.json().at("/identity/principalId").asText()).isNotEmpty();
        assertThat(arm.get(created.header("Azure-AsyncOperation")).json().path("status").asText()).isEqualTo("Creating");
        assertThat(pollStatuses(created.header("Azure-AsyncOperation"))).last().isEqualTo("Succeeded");
        assertThat(arm.get(v(path)).json().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");

        ArmTestClient.Answer updated = arm.put(v(path), Experiments.podFailure("PT2M"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/properties/provisioningState").asText()).isEqualTo("Updating");
        assertThat(updated.json().at("/properties/steps/0/branches/0/actions/0/duration").asText()).isEqualTo("PT2M");
        assertThat(updated.json().at("/identity/principalId").asText()).isEqualTo(created.json().at("/identity/principalId").asText());
        assertThat(emulator.experimentResourceId("NEW-ONE")).isEqualTo(path);
    }

    @Test
    void anInvalidPutBodyIsABadRequestNamingThePath() throws Exception {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).build();
        arm = new ArmTestClient(emulator);
        String path = "/subscriptions/" + Experiments.SUB + "/resourceGroups/rg-x/providers/Microsoft.Chaos/experiments/bad";
        ArmTestClient.Answer badDuration = arm.put(v(path), Experiments.podFailure("10 minutes"));
        assertThat(badDuration.status()).isEqualTo(400);
        assertThat(badDuration.json().at("/error/message").asText())
                .contains("properties.steps[0].branches[0].actions[0].duration").contains("ISO-8601");
        ArmTestClient.Answer notJson = arm.put(v(path), "{\"location\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/error/code").asText()).isEqualTo("InvalidRequestContent");
        assertThat(arm.get(v(path)).status()).isEqualTo(404);
    }

    @Test
    void experimentsLoadFromADirectoryAndEveryBadFileIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stamp-failure.json"), Experiments.podFailure("PT1M"));
        Files.writeString(dir.resolve("named.json"), Experiments.podFailure("PT1M").replaceFirst("\\{", "{\"name\":\"Other-Name\","));
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experimentsDirectory(dir).build();
        assertThat(emulator.experimentNames()).containsExactly("Other-Name", "stamp-failure");
        assertThat(emulator.experimentResourceId("stamp-failure")).isEqualTo("/subscriptions/" + ChaosStudioEmulator.DEFAULT_SUBSCRIPTION_ID
                + "/resourceGroups/" + ChaosStudioEmulator.DEFAULT_RESOURCE_GROUP + "/providers/Microsoft.Chaos/experiments/stamp-failure");
        emulator.close();
        emulator = null;

        Files.writeString(dir.resolve("broken.json"), "{\n  \"location\": \"eastus\",\n  oops\n}");
        Files.writeString(dir.resolve("no-selector.json"), Experiments.podFailure("PT1M").replace("\"selectorId\":\"s1\"", "\"selectorId\":\"s9\""));
        assertThatThrownBy(() -> ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).experimentsDirectory(dir).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("broken.json") + ": line 3")
                .hasMessageContaining(dir.resolve("no-selector.json") + ": properties.steps[0].branches[0].actions[0].selectorId: no selector has id 's9'");
    }

    // ---- identity endpoint ----

    private JsonNode tokenFromIdentityEndpoint(String resource) throws Exception {
        HttpResponse<String> response = identityGet("?api-version=2019-08-01&resource=" + resource, emulator.identityHeader());
        assertThat(response.statusCode()).isEqualTo(200);
        return dev.cvkit.sandbox.http.Json.parse(response.body());
    }

    private HttpResponse<String> identityGet(String query, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.identityEndpoint() + query));
        if (header != null) {
            request.header("X-IDENTITY-HEADER", header);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIdentitySecretCanBeGiven() throws Exception {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).identityHeader("launcher-chosen-secret").build();
        assertThat(emulator.identityEnvironment()).containsEntry("IDENTITY_HEADER", "launcher-chosen-secret");
        assertThat(identityGet("?api-version=2019-08-01&resource=https://management.azure.com", "launcher-chosen-secret").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theIdentityEndpointSpeaksTheAppServiceProtocol() throws Exception {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).tokenLifetime(Duration.ofMinutes(10)).build();
        assertThat(emulator.identityEnvironment()).containsOnlyKeys("IDENTITY_ENDPOINT", "IDENTITY_HEADER");
        assertThat(emulator.identityEndpoint().toString()).startsWith("http://127.0.0.1:").endsWith("/msi/token");

        JsonNode token = tokenFromIdentityEndpoint("https://management.azure.com");
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("resource").asText()).isEqualTo("https://management.azure.com");
        assertThat(token.path("expires_on").isTextual()).isTrue();
        long expiresOn = Long.parseLong(token.path("expires_on").asText());
        assertThat(expiresOn).isBetween(Instant.now().plusSeconds(540).getEpochSecond(), Instant.now().plusSeconds(660).getEpochSecond());
        assertThat(emulator.counters().tokensIssued()).isEqualTo(1);

        assertThat(identityGet("?api-version=2019-08-01&resource=https://management.azure.com", null).statusCode()).isEqualTo(401);
        assertThat(identityGet("?api-version=2019-08-01&resource=https://management.azure.com", "wrong").statusCode()).isEqualTo(401);
        assertThat(identityGet("?api-version=2017-09-01&resource=https://management.azure.com", emulator.identityHeader()).statusCode())
                .isEqualTo(400);
        assertThat(identityGet("?api-version=2019-08-01", emulator.identityHeader()).statusCode()).isEqualTo(400);

        emulator.knobs().inject(ArmOperation.GET_TOKEN, FaultKnob.serverError(), 1);
        assertThat(identityGet("?api-version=2019-08-01&resource=https://management.azure.com", emulator.identityHeader()).statusCode())
                .isEqualTo(500);
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::status)
                .containsExactly(200, 401, 401, 400, 400, 500);
    }
}
