package dev.cvkit.jmeter.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.Unreachable;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The words of a failed row or a test-start warning, from the real azure-core pipeline over HTTPS on
 * loopback: a refused connection says so, a missing experiment is called missing at test start.
 */
class ActionableMessagesTest {

    private static FaultSession session(ChaosStudioEmulator emulator, String endpoint, String experiment) {
        String deployed = emulator.experimentResourceId(EmulatorFixture.EXPERIMENT);
        String resourceId = deployed.substring(0, deployed.lastIndexOf('/') + 1) + experiment;
        FaultSettings settings = new FaultSettings(ExperimentId.parse(resourceId),
                endpoint, "2025-01-01", CredentialKind.DEFAULT, "", "", Path.of(emulator.trustStorePath().toString()),
                emulator.trustStorePassword(), Duration.ofSeconds(2), 1, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(5), false,
                new SafetyLimits(Duration.ofHours(1), null));
        return FaultSessionFactory.open(settings, System.currentTimeMillis());
    }

    @Test
    void aRefusedConnectionSaysConnectionRefused() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture("PT60S"); Unreachable stopped = Unreachable.refusing()) {
            FaultSession session = session(chaos.emulator(), stopped.endpoint(), EmulatorFixture.EXPERIMENT);
            FaultOutcome outcome = session.start(MarkerSource.SAMPLER);

            assertThat(outcome.success()).isFalse();
            assertThat(outcome.failureMessage()).contains("cannot reach 127.0.0.1:").endsWith(": connection refused")
                    .doesNotContain("ClosedChannelException");
            assertThat(session.warmUp()).get().asString().contains("connection refused")
                    .contains("the first start will try again");
        }
    }

    @Test
    void aMissingExperimentIsCalledMissingAtTestStart() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture("PT60S")) {
            FaultSession session = session(chaos.emulator(), chaos.emulator().endpoint().toString(), "no-such-experiment");
            Optional<String> problem = session.warmUp();

            assertThat(problem).get().asString()
                    .startsWith("experiment /subscriptions/").contains("/no-such-experiment does not exist at ")
                    .contains("every start of it will fail until it is created")
                    .doesNotContain("will try again");
        }
    }
}
