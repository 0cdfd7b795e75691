package dev.cvkit.jmeter.fault;

import static dev.cvkit.jmeter.testing.Routes.execution;
import static dev.cvkit.jmeter.testing.Routes.listing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.chaos.ChaosStudioClient;
import dev.cvkit.jmeter.chaos.ChaosStudioClientBuilder;
import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.testing.FakeResponse;
import dev.cvkit.jmeter.testing.Routes;
import dev.cvkit.jmeter.testing.ScriptedHttpClient;
import dev.cvkit.jmeter.testing.StaticToken;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The session's decisions (start, join, refuse, stop, observe, guard), against scripted answers. */
class FaultSessionTest {

    private static final ExperimentId EXPERIMENT = ExperimentId.of("sub", "rg", "exp");
    private static final String BOUNDED = "{\"name\":\"exp\",\"properties\":{\"steps\":[{\"name\":\"s\",\"branches\":"
            + "[{\"name\":\"b\",\"actions\":[{\"name\":\"urn:a\",\"type\":\"continuous\",\"duration\":\"PT5M\"}]}]}]}}";
    private static final String UNBOUNDED = "{\"name\":\"exp\",\"properties\":{\"steps\":[{\"name\":\"s\",\"branches\":"
            + "[{\"name\":\"b\",\"actions\":[{\"name\":\"urn:a\",\"type\":\"continuous\"}]}]}]}}";

    private final long testStart = System.currentTimeMillis();
    private final String now = Instant.ofEpochMilli(testStart).plusMillis(5).toString();
    private final AtomicReference<String> executions = new AtomicReference<>(listing());
    private final AtomicReference<String> e1 = new AtomicReference<>();
    private ScriptedHttpClient http;

    private static FaultSettings settings(boolean dryRun) {
        return new FaultSettings(EXPERIMENT, "https://chaos.test", "2025-01-01", CredentialKind.DEFAULT, "", "", null, null,
                Duration.ofSeconds(1), 1, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMillis(20),
                Duration.ofSeconds(30), Duration.ofSeconds(3), dryRun, new SafetyLimits(Duration.ofHours(1), null));
    }

    private Routes routes() {
        return new Routes()
                .on("GET", "/experiments/exp", r -> FakeResponse.json(r, 200, BOUNDED))
                .on("GET", "/executions", r -> FakeResponse.json(r, 200, executions.get()))
                .on("GET", "/executions/e1", r -> FakeResponse.json(r, 200, e1.get()))
                .on("GET", "/operationStatuses/op", r -> FakeResponse.json(r, 200, "{\"status\":\"Succeeded\"}"));
    }

    private FaultSession session(Routes routes) {
        http = new ScriptedHttpClient(routes);
        ChaosStudioClient client = new ChaosStudioClientBuilder().endpoint("https://chaos.test")
                .credential(new StaticToken()).httpClient(http).maxRetries(1)
                .retryDelay(Duration.ofMillis(5), Duration.ofMillis(10)).pollInterval(Duration.ofMillis(20))
                .buildClient();
        return new FaultSession(settings(false), client, testStart);
    }

    private FakeResponse accepted(com.azure.core.http.HttpRequest request) {
        return FakeResponse.json(request, 202, null)
                .header("Azure-AsyncOperation", "https://chaos.test/operationStatuses/op?api-version=2025-01-01");
    }

    /** The service makes e1 exist with {@code status}, started now. */
    private void e1Is(String status) {
        e1.set(execution("e1;" + status + ";" + now));
        executions.set(listing("e1;" + status + ";" + now));
    }

    @Test
    void startsWhenNothingRunsAndWaitsUntilRunning() {
        FaultSession session = session(routes().on("POST", "/start", r -> {
            e1Is("Running");
            return accepted(r);
        }));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).as(String.valueOf(outcome.failureMessage())).isTrue();
        assertThat(outcome.kind()).isEqualTo(FaultOutcome.Kind.START);
        assertThat(outcome.role()).isEqualTo(FaultRole.STARTED);
        assertThat(outcome.executionId()).isEqualTo("e1");
        assertThat(outcome.status()).isEqualTo("Running");
        assertThat(outcome.responseCode()).isEqualTo("200");
        assertThat(http.count("POST", "/start")).isEqualTo(1);
        assertThat(session.hasActiveFault()).isTrue();
    }

    @Test
    void joinsAnExecutionThatBeganDuringThisTestWithoutPosting() {
        e1Is("Running");
        FaultSession session = session(routes());
        FaultOutcome outcome = session.start(MarkerSource.SCHEDULE);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.role()).isEqualTo(FaultRole.JOINED);
        assertThat(outcome.by()).isEqualTo(MarkerSource.SCHEDULE);
        assertThat(http.count("POST", "/start")).isZero();
    }

    @Test
    void aConflictMeansAnotherEngineWonAndItsExecutionIsJoined() {
        FaultSession session = session(routes().on("POST", "/start", r -> {
            e1Is("Running");
            return FakeResponse.json(r, 409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"already running\"}}");
        }));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.role()).isEqualTo(FaultRole.JOINED);
        assertThat(outcome.executionId()).isEqualTo("e1");
    }

    @Test
    void anyRefusalThatMayMeanAlreadyRunningLooksForAnExecutionToJoin() {
        // Chaos Studio's "already running" is not relied upon to be exactly 409.
        for (int status : new int[] {412, 500, 503}) {
            executions.set(listing());
            FaultSession session = session(routes().on("POST", "/start", r -> {
                e1Is("Running");
                return FakeResponse.json(r, status, "{\"error\":{\"code\":\"Busy\",\"message\":\"already running\"}}");
            }));
            FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

            assertThat(outcome.success()).as(status + ": " + outcome.failureMessage()).isTrue();
            assertThat(outcome.role()).as(String.valueOf(status)).isEqualTo(FaultRole.JOINED);
            assertThat(outcome.executionId()).isEqualTo("e1");
        }
    }

    @Test
    void aRefusalWithNothingToJoinIsReportedAsTheServiceGaveIt() {
        FaultSession session = session(routes().on("POST", "/start",
                r -> FakeResponse.json(r, 503, "{\"error\":{\"code\":\"Unavailable\",\"message\":\"try later\"}}")));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo("503");
        assertThat(outcome.failureMessage()).contains("HTTP 503 Unavailable: try later");
        assertThat(http.count("GET", "/executions")).isEqualTo(2);
    }

    @Test
    void authNotFoundAndValidationRefusalsAreNotTakenForAnotherEnginesStart() {
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            executions.set(listing());
            FaultSession session = session(routes().on("POST", "/start", r -> {
                e1Is("Running");
                return FakeResponse.json(r, status, "{\"error\":{\"code\":\"No\",\"message\":\"refused\"}}");
            }));
            FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

            assertThat(outcome.success()).as(String.valueOf(status)).isFalse();
            assertThat(outcome.responseCode()).isEqualTo(Integer.toString(status));
            // Only the listing before the start: no second look for an execution to join.
            assertThat(http.count("GET", "/executions")).as(String.valueOf(status)).isEqualTo(1);
        }
    }

    @Test
    void anExecutionFromBeforeThisTestIsNotJoined() {
        String longAgo = Instant.ofEpochMilli(testStart).minus(Duration.ofHours(2)).toString();
        executions.set(listing("e0;Running;" + longAgo));
        FaultSession session = session(routes().on("POST", "/start",
                r -> FakeResponse.json(r, 409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"busy\"}}")));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo("409");
        assertThat(outcome.failureMessage()).contains("execution e0").contains("before this test began")
                .contains("not joining it");
    }

    @Test
    void anExecutionThatFailsBeforeRunningGivesTheServicesReason() {
        FaultSession session = session(routes()
                .on("POST", "/start", r -> {
                    e1Is("Failed");
                    return accepted(r);
                })
                .on("POST", "/executions/e1/getExecutionDetails", r -> FakeResponse.json(r, 200,
                        "{\"name\":\"e1\",\"properties\":{\"status\":\"Failed\",\"failureReason\":\"Dependency failure\"}}")));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.status()).isEqualTo("Failed");
        assertThat(outcome.responseCode()).isEqualTo(FaultOutcome.CVKIT_ERROR);
        assertThat(outcome.failureMessage())
                .isEqualTo("execution e1 ended with status Failed before it was seen Running: Dependency failure");
        assertThat(session.hasActiveFault()).isFalse();
    }

    @Test
    void aStartThatNeverRunsFailsAfterTheStartTimeout() {
        FaultSession session = session(routes().on("POST", "/start", r -> {
            e1Is("PreProcessingQueued");
            return accepted(r);
        }));
        long begin = System.nanoTime();
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);
        long elapsedMillis = (System.nanoTime() - begin) / 1_000_000;

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.failureMessage())
                .isEqualTo("not Running within the start timeout of 3000 ms: execution e1 was still PreProcessingQueued");
        assertThat(elapsedMillis).isBetween(2_500L, 10_000L);
        // Still something the guard must end.
        assertThat(session.hasActiveFault()).isTrue();
    }

    @Test
    void theStartMayReturnOnceAccepted() {
        FaultSession session = session(routes().on("POST", "/start", r -> {
            e1Is("PreProcessingQueued");
            return accepted(r);
        }));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER, false);
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.status()).isEqualTo("Accepted");
    }

    @Test
    void stopCancelsAndWaitsForTheEnd() {
        e1Is("Running");
        FaultSession session = session(routes().on("POST", "/cancel", r -> {
            e1Is("Cancelled");
            return accepted(r);
        }));
        session.start(MarkerSource.SAMPLER);
        FaultOutcome outcome = session.stop(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.kind()).isEqualTo(FaultOutcome.Kind.END);
        assertThat(outcome.role()).isEqualTo(FaultRole.STARTED);
        assertThat(outcome.status()).isEqualTo("Cancelled");
        assertThat(http.count("POST", "/cancel")).isEqualTo(1);
        assertThat(session.hasActiveFault()).isFalse();
        assertThat(session.guardEnd()).isEmpty();
    }

    @Test
    void aFaultThatEndedByItselfIsObserved() {
        e1Is("Running");
        FaultSession session = session(routes());
        session.start(MarkerSource.SAMPLER);
        e1Is("Success");
        FaultOutcome outcome = session.stop(MarkerSource.SCHEDULE);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.role()).isEqualTo(FaultRole.OBSERVED);
        assertThat(outcome.status()).isEqualTo("Success");
        assertThat(http.count("POST", "/cancel")).isZero();
    }

    @Test
    void anotherEnginesCancelIsJoined() throws InterruptedException {
        e1Is("Running");
        FaultSession session = session(routes());
        session.start(MarkerSource.SAMPLER);
        e1Is("Cancelling");
        // The execution ends while this engine waits.
        Thread service = new Thread(() -> {
            sleep(100);
            e1Is("Cancelled");
        });
        service.start();
        FaultOutcome outcome = session.stop(MarkerSource.SAMPLER);
        service.join();

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.role()).isEqualTo(FaultRole.JOINED);
        assertThat(outcome.status()).isEqualTo("Cancelled");
        assertThat(http.count("POST", "/cancel")).isZero();
    }

    @Test
    void theGuardEndsAFaultNobodyStopped() {
        e1Is("Running");
        FaultSession session = session(routes().on("POST", "/cancel", r -> {
            e1Is("Cancelled");
            return accepted(r);
        }));
        session.start(MarkerSource.SAMPLER);
        FaultOutcome outcome = session.guardEnd().orElseThrow();

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.by()).isEqualTo(MarkerSource.GUARD);
        assertThat(outcome.role()).isEqualTo(FaultRole.STARTED);
        assertThat(http.count("POST", "/cancel")).isEqualTo(1);
        assertThat(session.hasActiveFault()).isFalse();
    }

    @Test
    void theShutdownGuardSendsTheCancelWithoutWaiting() {
        e1Is("Running");
        FaultSession session = session(routes().on("POST", "/cancel", r -> accepted(r)));
        assertThat(session.cancelForShutdown()).isEmpty();
        session.start(MarkerSource.SAMPLER);

        assertThat(session.cancelForShutdown()).hasValueSatisfying(done -> assertThat(done)
                .isEqualTo("cancel of exp execution e1 sent (the JVM is shutting down)"));
        assertThat(http.count("POST", "/cancel")).isEqualTo(1);
    }

    @Test
    void aRefusedExperimentIsNeverStarted() {
        FaultSession session = session(routes().on("GET", "/experiments/exp", r -> FakeResponse.json(r, 200, UNBOUNDED)));
        session.warmUp();
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.failureMessage()).startsWith("refused by the safety limits: action urn:a");
        assertThat(http.count("POST", "/start")).isZero();
        assertThat(http.count("GET", "/experiments/exp")).isEqualTo(1);
    }

    @Test
    void theExperimentIsReadOnceAtWarmUpNotAtEachStart() {
        e1Is("Running");
        FaultSession session = session(routes());
        session.warmUp();
        session.start(MarkerSource.SAMPLER);
        assertThat(http.count("GET", "/experiments/exp")).isEqualTo(1);
    }

    @Test
    void aLongHistoryIsNotPagedThroughOnceTheListingReachesExecutionsFromBeforeTheTest() {
        String older = Instant.ofEpochMilli(testStart).minus(Duration.ofDays(3)).toString();
        String page1 = "{\"value\":[" + execution("e1;Running;" + now) + "," + execution("e0;Success;" + older)
                + "],\"nextLink\":\"https://chaos.test/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Chaos"
                + "/experiments/exp/executions?continuationToken=2&api-version=2025-01-01\"}";
        FaultSession session = session(routes().on("GET", "/executions", r -> r.getUrl().getQuery().contains("continuationToken")
                ? FakeResponse.json(r, 200, listing("e-1;Success;" + older)) : FakeResponse.json(r, 200, page1)));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.role()).isEqualTo(FaultRole.JOINED);
        assertThat(http.calls()).noneMatch(call -> call.url().contains("continuationToken"));
    }

    @Test
    void aListingOutOfOrderIsReadToTheEnd() {
        String older = Instant.ofEpochMilli(testStart).minus(Duration.ofDays(3)).toString();
        String page1 = "{\"value\":[" + execution("e0;Success;" + older) + "," + execution("e2;Success;" + now)
                + "],\"nextLink\":\"https://chaos.test/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Chaos"
                + "/experiments/exp/executions?continuationToken=2&api-version=2025-01-01\"}";
        FaultSession session = session(routes().on("GET", "/executions", r -> r.getUrl().getQuery().contains("continuationToken")
                ? FakeResponse.json(r, 200, listing("e1;Running;" + now)) : FakeResponse.json(r, 200, page1)));
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.role()).isEqualTo(FaultRole.JOINED);
        assertThat(outcome.executionId()).isEqualTo("e1");
    }

    @Test
    void aDryRunCallsNothingAndSaysWhatItWouldCall() {
        FaultSession session = new FaultSession(settings(true), null, testStart);
        session.warmUp();
        FaultOutcome start = session.start(MarkerSource.SAMPLER);
        FaultOutcome stop = session.stop(MarkerSource.SAMPLER);

        assertThat(start.dryRun()).isTrue();
        assertThat(start.responseCode()).isEqualTo(FaultOutcome.DRY_RUN);
        assertThat(start.detail()).contains("would list the executions").contains(
                "POST https://chaos.test/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Chaos/experiments/exp/start?api-version=2025-01-01");
        assertThat(stop.detail()).contains("/cancel?api-version=2025-01-01");
        assertThat(session.guardEnd()).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
