package dev.cvkit.jmeter.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.ExperimentJson;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Leaks;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.jmeter.testing.Unreachable;
import dev.cvkit.sandbox.chaos.ArmOperation;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.JournalEntry;
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
 * the emulator's identity endpoints (App Service's and IMDS, the route an Azure Load Testing engine takes): the
 * failed row says why in words a user can act on.
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

    @Test
    void aClientIdImdsDoesNotKnowIsExplainedInTheFailedRow() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(EmulatorFixture.configFields());
        fields.put("managedIdentityClientId", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        Jtl.Row start = failedStart("unknown-client-id", fields, emulator.imdsEnvironment());

        // IMDS answered 400 "Identity not found"; the default credential chain keeps none of its words.
        // (The JTL has ';' for the ',' of the message: the plugin keeps CSV fields whole.)
        assertThat(start.get("failureMessage")).contains("the managed identity is not attached to this host")
                .contains("the client id is wrong");
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::status)
                .isNotEmpty().containsOnly(400);
    }

    @Test
    void anImdsEndpointNothingListensOnIsExplainedInTheFailedRow() throws Exception {
        int port = Unreachable.refusing().port();
        Jtl.Row start = failedStart("no-imds", EmulatorFixture.configFields(),
                Map.of(ChaosStudioEmulator.IMDS_HOST_VARIABLE, "http://127.0.0.1:" + port));

        assertThat(start.get("failureMessage")).contains("the identity endpoint cannot be reached");
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).isEmpty();
    }

    /** Runs a one-fault plan on the stock home and returns its failed start row (asserting no run was started). */
    private Jtl.Row failedStart(String name, Map<String, String> fields, Map<String, String> environment)
            throws Exception {
        Path plan = new Plans(name).config(fields).faultControl(true, 0, false).load(1, 1, 50)
                .save(directory.resolve(name + ".jmx"));
        StockJMeter.Run run = StockJMeter.withPlugin(directory).start(plan, directory, name,
                StockJMeterIT.properties(emulator), environment);

        assertThat(run.await(Duration.ofSeconds(120))).as(run.consoleText()).isZero();
        Jtl.Row start = Jtl.labelled(Jtl.read(run.jtl()), "cvkit:fault-start:stamp-down").get(0);
        assertThat(start.success()).as(run.logText()).isFalse();
        assertThat(start.get("failureMessage")).as(run.logText()).contains("cannot get an access token: ")
                .doesNotContain("see inner exception");
        assertThat(emulator.executions(EmulatorFixture.EXPERIMENT)).isEmpty();
        return start;
    }
}
