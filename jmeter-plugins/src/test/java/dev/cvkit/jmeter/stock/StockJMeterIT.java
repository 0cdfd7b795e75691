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
 * A plan with every cvkit element, run by a stock JMeter 5.6.3 (java -jar bin/ApacheJMeter.jar -n) with the
 * packaged jar in lib/ext, against the emulator; the credential is azure-identity's DefaultAzureCredential
 * finding the emulator's managed-identity endpoint in the JMeter JVM's environment, as on a managed host.
 */
class StockJMeterIT {

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
                .schedule("0.5", "2").guard("90", "5", "50").faultControl(true, 1500, true).load(2, 8, 50)
                .save(directory.resolve("every-element.jmx"));
        Map<String, String> properties = properties(emulator);
        properties.put("log_level.dev.cvkit", "DEBUG");
        properties.put("log_level.com.azure", "DEBUG");
        StockJMeter.Run run = jmeter.start(plan, directory, "engine", properties, emulator.identityEnvironment());

        assertThat(run.await(Duration.ofSeconds(120))).as(run.consoleText()).isZero();
        List<Jtl.Row> rows = Jtl.read(run.jtl());
        String execution = emulator.executions(EmulatorFixture.EXPERIMENT).get(0).executionId();
        // The sampler and the schedule both start the fault: whichever gets there first starts it (the other
        // joins), and whichever stops it first cancels it (the other sees it cancelled).
        List<Jtl.Row> markers = Jtl.labelled(rows, "cvkit:");
        assertThat(markers).as(run.logText()).extracting(r -> r.label() + " " + field(r, "by") + " " + field(r, "status"))
                .containsExactlyInAnyOrder(
                        "cvkit:fault-start:stamp-down sampler Running", "cvkit:fault-start:stamp-down schedule Running",
                        "cvkit:fault-end:stamp-down sampler Cancelled", "cvkit:fault-end:stamp-down schedule Cancelled");
        for (String kind : List.of("cvkit:fault-start:", "cvkit:fault-end:")) {
            assertThat(Jtl.labelled(markers, kind)).extracting(r -> field(r, "role"))
                    .containsExactlyInAnyOrder("started", "joined");
        }
        assertThat(markers).allSatisfy(r -> assertThat(field(r, "execution")).isEqualTo(execution));
        assertThat(emulator.executions(EmulatorFixture.EXPERIMENT)).hasSize(1);
        assertThat(emulator.counters().tokensIssued()).isPositive();
        assertThat(run.logText()).contains("cvkit chaos: 'chaos' ready for").doesNotContain("ERROR")
                .doesNotContain("is restricted by")
                // JMeter-Skip-Class-Scanning: JMeter does not scan the 9.9 MB jar at start, and still loads the plan.
                .doesNotContainPattern("Will scan jar \\S*cvkit-jmeter-plugins");
        Leaks.assertNoneIn(List.of(run.jtl(), run.log(), run.console()), emulator.identityHeader());
    }

    /** One {@code key=value} of a marker's responseMessage. */
    private static String field(Jtl.Row row, String key) {
        for (String pair : row.get("responseMessage").split("; ")) {
            if (pair.startsWith(key + "=")) {
                return pair.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + " in " + row.line());
    }
}
