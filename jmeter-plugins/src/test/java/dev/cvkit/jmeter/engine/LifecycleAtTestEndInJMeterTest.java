package dev.cvkit.jmeter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.InProcessJMeter;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.Unreachable;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the test's end and an unreachable Chaos Studio do to the fault's lifecycle, in the real JMeter 5.6.3
 * engine (in-process) with the config element's default timeouts: a start still retrying or still waiting
 * for {@code Running} when the test ends leaves a failed start marker that says so, and what it started is
 * ended; the load starts on time whether Chaos Studio answers, never answers (a black-hole endpoint) or
 * refuses connections (stopped).
 */
class LifecycleAtTestEndInJMeterTest {

    /** The most the element may delay the load's first sample (the issue's target). */
    private static final long ON_TIME_MILLIS = 1_000;

    @TempDir
    Path directory;

    /** The config element's fields with its default timeouts and retries, pointed at {@code endpoint}. */
    private static Map<String, String> defaultFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("endpoint", "${__P(cvkit.test.endpoint)}");
        fields.put("experimentResourceId", "${__P(cvkit.test.experiment)}");
        return fields;
    }

    private static Map<String, String> pointedAt(EmulatorFixture chaos, String endpoint) {
        Map<String, String> properties = new LinkedHashMap<>(chaos.properties());
        properties.put("cvkit.test.endpoint", endpoint);
        return properties;
    }

    private static Jtl.Row only(List<Jtl.Row> rows, String label) {
        List<Jtl.Row> found = Jtl.labelled(rows, label);
        assertThat(found).as("rows labelled " + label + " in " + rows).hasSize(1);
        return found.get(0);
    }

    /** Milliseconds from just before the run to the load's first sample. */
    private long loadStartDelay(Plans plan, String name, Map<String, String> properties) throws Exception {
        Path jtl = directory.resolve(name + ".jtl");
        long before = System.currentTimeMillis();
        InProcessJMeter.run(plan, jtl, Duration.ofSeconds(90), properties, null);
        return Jtl.labelled(Jtl.read(jtl), "Browse catalog").stream()
                .mapToLong(row -> Long.parseLong(row.get("timeStamp"))).min()
                .orElseThrow(() -> new AssertionError("no load sample in " + jtl)) - before;
    }

    @Test
    void aStartStillRetryingWhenTheTestEndsLeavesAFailedStartMarker() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture("PT60S"); Unreachable blackHole = Unreachable.blackHole()) {
            Plans plan = new Plans("black hole").config(defaultFields()).schedule("0.2", "5").load(2, 2, 20);
            Path jtl = directory.resolve("black-hole.jtl");
            long before = System.nanoTime();
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(90), pointedAt(chaos, blackHole.endpoint()), null);
            long tookMillis = (System.nanoTime() - before) / 1_000_000;

            Jtl.Row start = only(Jtl.read(jtl), "cvkit:fault-start:stamp-down");
            assertThat(start.success()).isFalse();
            assertThat(start.get("responseCode")).isEqualTo("cvkit-error");
            assertThat(start.get("responseMessage")).isEqualTo(
                    "execution=none; status=Unknown; role=started; by=schedule; format=2");
            assertThat(start.get("failureMessage"))
                    .startsWith("the test ended while the start was still in progress (waiting for the check made"
                            + " at test start (reading the experiment)); nothing had been started");
            assertThat(Jtl.labelled(Jtl.read(jtl), "cvkit:fault-end")).isEmpty();
            // The guard did not wait for the start's 120 s timeout.
            assertThat(tookMillis).isLessThan(20_000);
            assertThat(chaos.emulator().executions(EmulatorFixture.EXPERIMENT)).isEmpty();
        }
    }

    @Test
    void aStartWaitingForRunningWhenTheTestEndsIsCutShortAndItsExecutionEnded() throws Exception {
        ChaosStudioEmulator.Builder slowQueue = ChaosStudioEmulator.builder().startupLatency(Duration.ofSeconds(60))
                .cancelLatency(Duration.ofMillis(100)).retryAfter(Duration.ZERO);
        try (EmulatorFixture chaos = new EmulatorFixture(slowQueue, "PT60S")) {
            Map<String, String> fields = defaultFields();
            fields.put("pollIntervalSeconds", "0.2");
            Plans plan = new Plans("queued").config(fields).schedule("0.2", "5").load(2, 3, 20);
            Path jtl = directory.resolve("queued.jtl");
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(90), chaos.properties(), null);

            ExecutionSnapshot execution = chaos.onlyExecution();
            assertThat(execution.status()).isEqualTo("Cancelled");
            List<Jtl.Row> rows = Jtl.read(jtl);
            Jtl.Row start = only(rows, "cvkit:fault-start:stamp-down");
            assertThat(start.success()).isFalse();
            assertThat(start.get("responseMessage")).isEqualTo(
                    "execution=" + execution.executionId() + "; status=Unknown; role=started; by=schedule; format=2");
            assertThat(start.get("failureMessage")).matches("the test ended while the start was still in progress"
                    + " \\(waiting for execution " + execution.executionId() + " to be Running \\(last seen"
                    + " (PreProcessingQueued|WaitingToStart)\\)\\); the fault guard ended execution "
                    + execution.executionId() + " \\(Cancelled\\)");
            assertThat(only(rows, "cvkit:fault-end:stamp-down").get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Cancelled; role=started; by=guard; format=2");
        }
    }

    @Test
    void theLoadStartsOnTimeWhateverChaosStudioDoes() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture("PT60S");
                Unreachable blackHole = Unreachable.blackHole();
                Unreachable stopped = Unreachable.refusing()) {
            // Warm the JVM (class loading, JIT) so that the first run measured is not the slowest for that alone.
            loadStartDelay(new Plans("warm").load(1, 1, 20), "warm", chaos.properties());

            long without = loadStartDelay(new Plans("without").load(2, 1, 20), "without", chaos.properties());
            long reachable = loadStartDelay(new Plans("reachable").config(defaultFields()).load(2, 1, 20),
                    "reachable", chaos.properties());
            long blackHoleDelay = loadStartDelay(new Plans("black hole").config(defaultFields()).load(2, 1, 20),
                    "black-hole", pointedAt(chaos, blackHole.endpoint()));
            long stoppedDelay = loadStartDelay(new Plans("stopped").config(defaultFields()).load(2, 1, 20),
                    "stopped", pointedAt(chaos, stopped.endpoint()));
            System.out.printf("load start delay: without the element %d ms; with it: Chaos Studio answering %d ms,"
                    + " black-hole endpoint %d ms, stopped endpoint %d ms%n", without, reachable, blackHoleDelay,
                    stoppedDelay);

            assertThat(reachable).as("answering").isLessThanOrEqualTo(without + ON_TIME_MILLIS);
            assertThat(blackHoleDelay).as("black hole").isLessThanOrEqualTo(without + ON_TIME_MILLIS);
            assertThat(stoppedDelay).as("stopped").isLessThanOrEqualTo(without + ON_TIME_MILLIS);
        }
    }
}
