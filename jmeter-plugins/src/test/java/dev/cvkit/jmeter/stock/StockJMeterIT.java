package dev.cvkit.jmeter.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.ExperimentJson;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Leaks;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.sandbox.chaos.ArmOperation;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
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
 * A plan with every cvkit element, run by a stock JMeter 5.6.3 (java -jar bin/ApacheJMeter.jar -n) with the
 * packaged jar in lib/ext, against the emulator; the credential is azure-identity's DefaultAzureCredential
 * (shaded into the jar) finding the emulator's IMDS through AZURE_POD_IDENTITY_AUTHORITY_HOST in the JMeter JVM's
 * environment, as an Azure Load Testing engine gets its token from IMDS; the App Service route is run too.
 */
class StockJMeterIT {

    @TempDir
    Path directory;
    private ChaosStudioEmulator emulator;

    @BeforeEach
    void start() {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).startupLatency(Duration.ofMillis(300))
                .cancelLatency(Duration.ofMillis(100)).retryAfter(Duration.ZERO)
                .experiment(EmulatorFixture.EXPERIMENT, ExperimentJson.podFailure("PT60S")).build();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** JMeter properties pointing a plan at the emulator, as a user would pass them with -J. */
    static Map<String, String> properties(ChaosStudioEmulator emulator) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("cvkit.test.endpoint", emulator.endpoint().toString());
        properties.put("cvkit.test.experiment", emulator.experimentResourceId(EmulatorFixture.EXPERIMENT));
        properties.put("cvkit.chaos.trustStore", emulator.trustStorePath().toString());
        properties.put("cvkit.chaos.trustStorePassword", emulator.trustStorePassword());
        return properties;
    }

    @Test
    void everyElementRunsOnTheStockHomeWithThePackagedJar() throws Exception {
        StockJMeter jmeter = StockJMeter.withPlugin(directory);
        Path plan = new Plans("every element").config(EmulatorFixture.configFields())
                .schedule("0.5", "2").guard("90", "5", "50").faultControl(true, 1500, true).load(2, 5, 50)
                .save(directory.resolve("every-element.jmx"));
        Map<String, String> properties = properties(emulator);
        properties.put("log_level.dev.cvkit", "DEBUG");
        properties.put("log_level.com.azure", "DEBUG");
        StockJMeter.Run run = jmeter.start(plan, directory, "engine", properties, emulator.imdsEnvironment());

        assertThat(run.await(Duration.ofSeconds(120))).as(run.consoleText()).isZero();
        List<Jtl.Row> rows = Jtl.read(run.jtl());
        String execution = emulator.executions(EmulatorFixture.EXPERIMENT).get(0).executionId();
        assertThat(Jtl.labelled(rows, "cvkit:")).extracting(r -> r.label() + " "
                        + r.get("responseMessage").replaceFirst("; window=.*$", ""))
                .as(run.logText())
                .containsExactlyInAnyOrder(
                        "cvkit:fault-start:stamp-down execution=" + execution + "; status=Running; role=started; by=sampler; format=2",
                        "cvkit:fault-start:stamp-down execution=" + execution + "; status=Running; role=joined; by=schedule; format=2",
                        "cvkit:fault-end:stamp-down execution=" + execution + "; status=Cancelled; role=started; by=sampler; format=2",
                        "cvkit:fault-end:stamp-down execution=" + execution + "; status=Cancelled; role=joined; by=schedule; format=2");
        // Every end read Chaos Studio's record of the run through the packaged jar's pipeline.
        assertThat(Jtl.labelled(rows, "cvkit:fault-end:")).allSatisfy(row ->
                assertThat(Jtl.messagePairs(row)).containsEntry("window", "service")
                        .containsKeys("faultFrom", "faultTo"));
        assertThat(emulator.executions(EmulatorFixture.EXPERIMENT)).hasSize(1);
        assertThat(emulator.counters().tokensIssued()).isPositive();
        // Every token came from IMDS's path on the emulated IMDS host.
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::path)
                .isNotEmpty().containsOnly("/metadata/identity/oauth2/token");
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::status).contains(200);
        assertThat(run.logText()).contains("cvkit chaos: 'chaos' ready for").doesNotContain("ERROR")
                .doesNotContain("is restricted by");
        Leaks.assertNoneIn(List.of(run.jtl(), run.log(), run.console()), emulator.identityHeader());
    }

    @Test
    void aUserAssignedIdentityGetsItsTokenFromImdsByClientIdThroughTheShadedJar() throws Exception {
        emulator.close();
        String clientId = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).startupLatency(Duration.ofMillis(300))
                .cancelLatency(Duration.ofMillis(100)).retryAfter(Duration.ZERO).systemAssignedIdentity(false)
                .userAssignedIdentity(clientId).experiment(EmulatorFixture.EXPERIMENT, ExperimentJson.podFailure("PT60S")).build();
        Map<String, String> fields = new LinkedHashMap<>(EmulatorFixture.configFields());
        fields.put("managedIdentityClientId", clientId);
        Path plan = new Plans("user-assigned").config(fields).schedule("0.5", "1").load(1, 4, 100)
                .save(directory.resolve("user-assigned.jmx"));
        StockJMeter.Run run = StockJMeter.withPlugin(directory).start(plan, directory, "engine", properties(emulator),
                emulator.imdsEnvironment());

        assertThat(run.await(Duration.ofSeconds(120))).as(run.consoleText()).isZero();
        assertThat(Jtl.labelled(Jtl.read(run.jtl()), "cvkit:")).as(run.logText()).extracting(r -> r.label() + " " + r.get("success"))
                .containsExactly("cvkit:fault-start:stamp-down true", "cvkit:fault-end:stamp-down true");
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::status).contains(200);
    }

    @Test
    void theAppServiceRouteStillGetsTheTokenThroughTheShadedJar() throws Exception {
        Path plan = new Plans("app service").config(EmulatorFixture.configFields()).schedule("0.5", "1").load(1, 4, 100)
                .save(directory.resolve("app-service.jmx"));
        StockJMeter.Run run = StockJMeter.withPlugin(directory).start(plan, directory, "engine", properties(emulator),
                emulator.identityEnvironment());

        assertThat(run.await(Duration.ofSeconds(120))).as(run.consoleText()).isZero();
        assertThat(Jtl.labelled(Jtl.read(run.jtl()), "cvkit:")).as(run.logText()).extracting(r -> r.label() + " " + r.get("success"))
                .containsExactly("cvkit:fault-start:stamp-down true", "cvkit:fault-end:stamp-down true");
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::path)
                .isNotEmpty().containsOnly("/msi/token");
        Leaks.assertNoneIn(List.of(run.jtl(), run.log(), run.console()), emulator.identityHeader());
    }
}
