package dev.cvkit.jmeter.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.sandbox.chaos.ArmOperation;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.FaultKnob;
import dev.cvkit.sandbox.chaos.JournalEntry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the service's bad days do to a start or a stop, against the emulator over HTTPS: 429, 500, 401, 409 and
 * slow answers are retried, or give a failed outcome whose message says what happened, and no call outlives
 * its element's timeout.
 */
class ResilienceAgainstEmulatorTest {

    private EmulatorFixture chaos;
    private ChaosStudioEmulator emulator;

    @BeforeEach
    void start() {
        chaos = new EmulatorFixture(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).startupLatency(Duration.ofMillis(100))
                .cancelLatency(Duration.ofMillis(50)).retryAfter(Duration.ZERO), "PT60S");
        emulator = chaos.emulator();
    }

    @AfterEach
    void stop() throws Exception {
        chaos.close();
    }

    private FaultSession session(Duration requestTimeout, int retries, Duration startTimeout) {
        FaultSettings settings = new FaultSettings(ExperimentId.parse(emulator.experimentResourceId(EmulatorFixture.EXPERIMENT)),
                emulator.endpoint().toString(), "2025-01-01", CredentialKind.DEFAULT, "", "",
                Path.of(emulator.trustStorePath().toString()), emulator.trustStorePassword(), requestTimeout, retries,
                startTimeout, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(5),
                false, new SafetyLimits(Duration.ofHours(1), null));
        FaultSession session = FaultSessionFactory.open(settings, System.currentTimeMillis());
        session.warmUp();
        return session;
    }

    private FaultSession session() {
        return session(Duration.ofSeconds(2), 3, Duration.ofSeconds(5));
    }

    private long startCalls() {
        return emulator.journal().entries(ArmOperation.START).size();
    }

    @Test
    void throttledStartsAreRetriedAfterRetryAfter() {
        FaultSession session = session();
        emulator.knobs().inject(ArmOperation.START, FaultKnob.throttle(Duration.ofSeconds(1)), 2);
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).as(String.valueOf(outcome.failureMessage())).isTrue();
        assertThat(emulator.journal().entries(ArmOperation.START)).extracting(JournalEntry::status).containsExactly(429, 429, 202);
        assertThat(outcome.elapsedMillis()).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void serverErrorsAreRetried() {
        FaultSession session = session();
        emulator.knobs().inject(ArmOperation.START, FaultKnob.serverError(), 2);
        emulator.knobs().inject(ArmOperation.CANCEL, FaultKnob.serverError(), 1);
        assertThat(session.start(MarkerSource.SAMPLER).success()).isTrue();
        assertThat(session.stop(MarkerSource.SAMPLER).success()).isTrue();
        assertThat(startCalls()).isEqualTo(3);
        assertThat(emulator.journal().entries(ArmOperation.CANCEL)).extracting(JournalEntry::status).containsExactly(500, 202);
    }

    @Test
    void aPersistentServerErrorGivesAFailedOutcomeWithTheStatus() {
        FaultSession session = session(Duration.ofSeconds(2), 2, Duration.ofSeconds(5));
        emulator.knobs().inject(ArmOperation.START, FaultKnob.serverError(), 10);
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo("500");
        assertThat(outcome.failureMessage()).contains("start experiment stamp-down: HTTP 500");
        assertThat(startCalls()).isEqualTo(3);
        assertThat(emulator.executions(EmulatorFixture.EXPERIMENT)).isEmpty();
    }

    @Test
    void unauthorizedIsReportedNotRetriedForever() {
        FaultSession session = session();
        emulator.knobs().inject(ArmOperation.LIST_EXECUTIONS, FaultKnob.unauthorized(), 10);
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo("401");
        assertThat(outcome.failureMessage()).contains("HTTP 401").contains("check the credential");
        // ARM's challenge policy may ask for a fresh token once; no retry loop beyond that.
        assertThat(emulator.journal().entries(ArmOperation.LIST_EXECUTIONS)).hasSizeLessThanOrEqualTo(2);
        assertThat(startCalls()).isZero();
        assertThat(outcome.failureMessage()).doesNotContain(chaos.tokens().get(0));
    }

    @Test
    void aConflictWithNoExecutionOfThisTestFailsAfterTheStartTimeout() {
        FaultSession session = session(Duration.ofSeconds(1), 1, Duration.ofMillis(1500));
        emulator.knobs().inject(ArmOperation.START, FaultKnob.conflict(), 1);
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.role()).isEqualTo(FaultRole.JOINED);
        assertThat(outcome.failureMessage()).isEqualTo(
                "not Running within the start timeout of 1500 ms: no execution of this test was listed");
        assertThat(outcome.elapsedMillis()).isBetween(1_400L, 5_000L);
    }

    @Test
    void aSlowAnswerIsRetriedWithinTheBudget() {
        FaultSession session = session(Duration.ofMillis(700), 3, Duration.ofSeconds(8));
        emulator.knobs().inject(ArmOperation.LIST_EXECUTIONS, FaultKnob.delay(Duration.ofSeconds(3)), 1);
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).as(String.valueOf(outcome.failureMessage())).isTrue();
        assertThat(emulator.journal().entries(ArmOperation.LIST_EXECUTIONS).size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aThreadNeverWaitsBeyondItsTimeout() {
        FaultSession session = session(Duration.ofSeconds(1), 3, Duration.ofSeconds(2));
        emulator.knobs().inject(ArmOperation.START, FaultKnob.delay(Duration.ofSeconds(30)), 10);
        long begin = System.nanoTime();
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);
        long waitedMillis = (System.nanoTime() - begin) / 1_000_000;

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.failureMessage()).contains("no answer within 2000 ms (timed out)");
        // The budget is 2 s; the margin is for a loaded machine, far below the 30 s the service would take.
        assertThat(waitedMillis).isBetween(1_500L, 4_500L);
        assertThat(outcome.elapsedMillis()).isLessThanOrEqualTo(waitedMillis);
    }

    @Test
    void aRetryAfterLongerThanTheBudgetIsNotWaitedFor() {
        FaultSession session = session(Duration.ofSeconds(1), 3, Duration.ofSeconds(2));
        emulator.knobs().inject(ArmOperation.START, FaultKnob.throttle(Duration.ofSeconds(30)), 10);
        FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo("429");
        assertThat(outcome.failureMessage()).contains("HTTP 429").contains("retrying did not fit the timeout");
        assertThat(outcome.elapsedMillis()).isLessThan(2_000);
        assertThat(startCalls()).isEqualTo(1);
    }
}
