package dev.cvkit.jmeter.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.ExperimentJson;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Leaks;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure Load Testing's situation: the same plan on three engines at once (three JMeter JVMs from the stock
 * home, each with its own engine prefix on thread names, none told its index). Exactly one execution must
 * result, and every engine's results must show the fault's start and end.
 */
class MultiEngineIT {

    private static final int ENGINES = 3;

    @TempDir
    Path directory;
    private ChaosStudioEmulator emulator;

    @BeforeEach
    void start() {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).startupLatency(Duration.ofMillis(500))
                .cancelLatency(Duration.ofMillis(200)).retryAfter(Duration.ZERO)
                .experiment(EmulatorFixture.EXPERIMENT, ExperimentJson.podFailure("PT60S")).build();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void threeEnginesMakeOneExecutionAndAllThreeSeeIt() throws Exception {
        StockJMeter jmeter = StockJMeter.withPlugin(directory);
        // The fault outlasts the engines' start-up spread on a busy machine, so late engines still join it.
        Path plan = new Plans("three engines").config(EmulatorFixture.configFields()).schedule("1", "10").load(2, 14, 100)
                .save(directory.resolve("three-engines.jmx"));
        List<StockJMeter.Run> runs = new ArrayList<>();
        try {
            for (int engine = 1; engine <= ENGINES; engine++) {
                Map<String, String> properties = StockJMeterIT.properties(emulator);
                // What ALT does to thread names: the engine's address in front (JMeter's distributed prefix).
                properties.put("__jm.D_TG", "10.1.0." + (3 + engine));
                runs.add(jmeter.start(plan, directory, "engine" + engine, properties, emulator.imdsEnvironment()));
            }
            for (StockJMeter.Run run : runs) {
                assertThat(run.await(Duration.ofSeconds(180))).as(run.consoleText()).isZero();
            }
        } finally {
            runs.forEach(run -> run.process().destroyForcibly());
        }

        List<ExecutionSnapshot> executions = emulator.executions(EmulatorFixture.EXPERIMENT);
        assertThat(executions).as("executions").hasSize(1);
        String execution = executions.get(0).executionId();
        assertThat(emulator.counters().startsAccepted()).isEqualTo(1);

        List<String> startRoles = new ArrayList<>();
        List<String> endRoles = new ArrayList<>();
        for (int engine = 1; engine <= ENGINES; engine++) {
            StockJMeter.Run run = runs.get(engine - 1);
            List<Jtl.Row> rows = Jtl.read(run.jtl());
            List<Jtl.Row> starts = Jtl.labelled(rows, "cvkit:fault-start:stamp-down");
            List<Jtl.Row> ends = Jtl.labelled(rows, "cvkit:fault-end:stamp-down");
            assertThat(starts).as("engine %d start markers; log:%n%s", engine, run.logText()).hasSize(1);
            assertThat(ends).as("engine %d end markers", engine).hasSize(1);
            Jtl.Row start = starts.get(0);
            assertThat(start.success()).isTrue();
            assertThat(start.get("responseMessage")).startsWith("execution=" + execution + "; status=Running; role=");
            assertThat(start.get("threadName")).startsWith("10.1.0." + (3 + engine) + "-");
            assertThat(ends.get(0).success()).isTrue();
            assertThat(ends.get(0).get("responseMessage")).startsWith("execution=" + execution + "; status=Cancelled; role=");
            startRoles.add(role(start));
            endRoles.add(role(ends.get(0)));
            Leaks.assertNoneIn(List.of(run.jtl(), run.log(), run.console()), emulator.identityHeader());
        }
        assertThat(startRoles).containsOnlyOnce("started").containsOnly("started", "joined");
        assertThat(endRoles).contains("started").containsOnly("started", "joined");
    }

    private static String role(Jtl.Row row) {
        String message = row.get("responseMessage");
        int at = message.indexOf("role=");
        return message.substring(at + 5, message.indexOf(';', at));
    }
}
