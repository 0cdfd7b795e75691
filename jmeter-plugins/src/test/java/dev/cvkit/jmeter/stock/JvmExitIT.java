package dev.cvkit.jmeter.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.ExperimentJson;
import dev.cvkit.jmeter.testing.Leaks;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a JMeter JVM mid-fault: the guard's JVM shutdown hook cancels the fault before the JVM ends. */
class JvmExitIT {

    @TempDir
    Path directory;
    private ChaosStudioEmulator emulator;

    @BeforeEach
    void start() {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).startupLatency(Duration.ofMillis(300))
                .cancelLatency(Duration.ofMillis(100)).retryAfter(Duration.ZERO)
                .experiment(EmulatorFixture.EXPERIMENT, ExperimentJson.podFailure("PT5M")).build();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void sigtermMidFaultCancelsIt() throws Exception {
        StockJMeter jmeter = StockJMeter.withPlugin(directory);
        Map<String, String> fields = EmulatorFixture.configFields();
        fields.put("credential", "credential.managedIdentity");
        Path plan = new Plans("sigterm").config(fields).faultControl(true, 300_000, true).load(2, 600, 100)
                .save(directory.resolve("sigterm.jmx"));
        StockJMeter.Run run = jmeter.start(plan, directory, "engine", StockJMeterIT.properties(emulator),
                emulator.imdsEnvironment());
        try {
            ExecutionSnapshot running = awaitRunning(Duration.ofSeconds(90));
            run.process().destroy(); // SIGTERM on Linux and macOS
            assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("JMeter exits after SIGTERM").isTrue();

            ExecutionSnapshot ended = emulator.awaitExecution(running.executionId(),
                    ExecutionSnapshot::isTerminal, Duration.ofSeconds(10));
            assertThat(ended.status()).isEqualTo("Cancelled");
            assertThat(emulator.counters().cancelsAccepted()).isEqualTo(1);
            // The execution id is in the line when the sampler had seen the execution before the signal came.
            assertThat(run.consoleText()).containsPattern("cvkit fault guard \\(JVM exit\\): cancel of stamp-down( execution "
                    + running.executionId() + ")? sent \\(the JVM is shutting down\\)");
            Leaks.assertNoneIn(List.of(run.jtl(), run.log(), run.console()), emulator.identityHeader());
        } finally {
            run.process().destroyForcibly();
        }
    }

    private ExecutionSnapshot awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ExecutionSnapshot> executions = emulator.executions(EmulatorFixture.EXPERIMENT);
            if (!executions.isEmpty() && "Running".equals(executions.get(0).status())) {
                return executions.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the fault was not Running within " + timeout);
    }
}
