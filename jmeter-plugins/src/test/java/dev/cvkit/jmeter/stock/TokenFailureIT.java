package dev.cvkit.jmeter.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.ExperimentJson;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Leaks;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token failure in a stock JMeter 5.6.3 with the packaged jar (azure-identity and MSAL4J shaded in it), against
 * the emulator's identity endpoint: the failed row says why in words a user can act on.
 */
class TokenFailureIT {

    @TempDir
    Path directory;
    private ChaosStudioEmulator emulator;

    @BeforeEach
    void start() {
        emulator = ChaosStudioEmulator.builder().startupLatency(Duration.ofMillis(300))
                .cancelLatency(Duration.ofMillis(100)).retryAfter(Duration.ZERO)
                .experiment(EmulatorFixture.EXPERIMENT, ExperimentJson.podFailure("PT60S")).build();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aTokenTheIdentityEndpointRefusesIsExplainedInTheFailedRow() throws Exception {
        StockJMeter jmeter = StockJMeter.withPlugin(directory);
        Path plan = new Plans("wrong secret").config(EmulatorFixture.configFields()).faultControl(true, 0, false)
                .load(1, 1, 50).save(directory.resolve("wrong-secret.jmx"));
        Map<String, String> environment = new LinkedHashMap<>(emulator.identityEnvironment());
        environment.put("IDENTITY_HEADER", "not-the-secret");
        StockJMeter.Run run = jmeter.start(plan, directory, "engine", StockJMeterIT.properties(emulator),
                environment);

        assertThat(run.await(Duration.ofSeconds(120))).as(run.consoleText()).isZero();
        Jtl.Row start = Jtl.labelled(Jtl.read(run.jtl()), "cvkit:fault-start:stamp-down").get(0);
        assertThat(start.success()).isFalse();
        assertThat(start.get("failureMessage")).as(run.logText())
                .contains("cannot get an access token: the identity endpoint refused the secret")
                .doesNotContain("see inner exception");
        assertThat(emulator.executions(EmulatorFixture.EXPERIMENT)).isEmpty();
        Leaks.assertNoneIn(List.of(run.jtl(), run.log(), run.console()), emulator.identityHeader());
    }
}
