package dev.cvkit.jmeter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.InProcessJMeter;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.TimedFaultTarget;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elements in the real JMeter 5.6.3 engine, in-process, against the sandbox's Chaos Studio emulator over
 * HTTPS on loopback: start/stop by samplers and by the schedule, a fault that ends by itself, Stop and
 * Shutdown mid-fault, and the blast-radius stop. The results file is the only thing each test reads back,
 * as the evaluator would; the emulator says what Chaos Studio saw.
 */
class FaultsInJMeterTest {

    @TempDir
    Path directory;

    private static ChaosStudioEmulator.Builder fast() {
        return ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).startupLatency(Duration.ofMillis(300)).cancelLatency(Duration.ofMillis(100))
                .retryAfter(Duration.ZERO);
    }

    private static Jtl.Row only(List<Jtl.Row> rows, String label) {
        List<Jtl.Row> found = Jtl.labelled(rows, label);
        assertThat(found).as("rows labelled " + label).hasSize(1);
        return found.get(0);
    }

    private static void assertNoToken(Path file, List<String> tokens) throws Exception {
        String text = Files.readString(file);
        assertThat(tokens).isNotEmpty().allSatisfy(token -> assertThat(text).doesNotContain(token));
    }

    @Test
    void startAndStopSamplersMarkTheFaultInTheResults() throws Exception {
        TimedFaultTarget fault = new TimedFaultTarget();
        try (EmulatorFixture chaos = new EmulatorFixture(fast().faultTarget(fault), "PT60S")) {
            Plans plan = new Plans("start and stop").config(EmulatorFixture.configFields())
                    .faultControl(true, 1500, true).load(2, 3, 20);
            Path jtl = directory.resolve("results.jtl");
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), chaos.properties(), null);

            ExecutionSnapshot execution = chaos.onlyExecution();
            assertThat(execution.status()).isEqualTo("Cancelled");
            List<Jtl.Row> rows = Jtl.read(jtl);
            Jtl.Row start = only(rows, "cvkit:fault-start:stamp-down");
            Jtl.Row end = only(rows, "cvkit:fault-end:stamp-down");
            assertThat(start.success()).isTrue();
            assertThat(start.get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Running; role=started; by=sampler; format=2; window=");
            assertThat(start.get("URL")).isEqualTo(chaos.emulator().experimentResourceId("stamp-down"));
            // elapsed = until Running: the emulator keeps an execution queued for 300 ms first.
            assertThat(Long.parseLong(start.get("elapsed"))).isGreaterThanOrEqualTo(250);
            assertThat(start.get("Latency")).isEqualTo(start.get("elapsed"));
            assertThat(end.success()).isTrue();
            assertThat(end.get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Cancelled; role=started; by=sampler; format=2; window=");
            assertThat(chaos.emulator().counters().startsAccepted()).isEqualTo(1);
            assertThat(chaos.emulator().counters().executionsCancelled()).isEqualTo(1);
            // The end carries the window as the emulator ran it, and it holds the fault's whole effect.
            Map<String, String> window = Jtl.messagePairs(end);
            assertThat(window).containsEntry("window", "service").containsKey("clockOffset");
            assertThat(Long.parseLong(window.get("faultFrom"))).isLessThanOrEqualTo(fault.firstApplied())
                    .isGreaterThan(Long.parseLong(start.get("timeStamp")) - 1_100);
            assertThat(Long.parseLong(window.get("faultTo"))).isGreaterThanOrEqualTo(fault.lastRemoved())
                    .isLessThanOrEqualTo(Long.parseLong(end.get("timeStamp")) + Long.parseLong(end.get("elapsed")) + 1_100);
            // Load ran during the fault: rows between the start's instant and the end's.
            long faultOn = Long.parseLong(start.get("timeStamp")) + Long.parseLong(start.get("elapsed"));
            long faultOff = Long.parseLong(end.get("timeStamp"));
            assertThat(Jtl.labelled(rows, "Browse catalog"))
                    .anySatisfy(row -> assertThat(Long.parseLong(row.get("timeStamp"))).isBetween(faultOn, faultOff));
            assertNoToken(jtl, chaos.tokens());
        }
    }

    @Test
    void theScheduleStartsAndStopsTheFaultWithoutAThreadOfItsOwn() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture(fast(), "PT60S")) {
            Plans plan = new Plans("schedule").config(EmulatorFixture.configFields()).schedule("0.3", "1").load(2, 4, 20);
            Path jtl = directory.resolve("schedule.jtl");
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), chaos.properties(), null);

            ExecutionSnapshot execution = chaos.onlyExecution();
            List<Jtl.Row> rows = Jtl.read(jtl);
            assertThat(only(rows, "cvkit:fault-start:stamp-down").get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Running; role=started; by=schedule; format=2; window=");
            assertThat(only(rows, "cvkit:fault-end:stamp-down").get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Cancelled; role=started; by=schedule; format=2; window=");
            assertThat(execution.status()).isEqualTo("Cancelled");
        }
    }

    @Test
    void aFaultThatEndsByItselfIsRecordedAsObserved() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture(fast(), "PT1S")) {
            Plans plan = new Plans("own end").config(EmulatorFixture.configFields()).schedule("0.2", "1.5").load(2, 7, 20);
            Path jtl = directory.resolve("own-end.jtl");
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), chaos.properties(), null);

            ExecutionSnapshot execution = chaos.onlyExecution();
            assertThat(execution.status()).isEqualTo("Success");
            assertThat(only(Jtl.read(jtl), "cvkit:fault-end:stamp-down").get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Success; role=observed; by=schedule; format=2; window=");
            assertThat(chaos.emulator().counters().cancelCalls()).isZero();
        }
    }

    @Test
    void stopMidFaultCancelsItAndTheGuardRecordsTheEnd() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture(fast(), "PT60S")) {
            Plans plan = new Plans("stop").config(EmulatorFixture.configFields())
                    .faultControl(true, 30_000, true).load(2, 60, 20);
            Path jtl = directory.resolve("stop.jtl");
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), chaos.properties(), engine -> {
                awaitRunning(chaos);
                engine.stop();
            });

            ExecutionSnapshot execution = chaos.onlyExecution();
            assertThat(execution.status()).isEqualTo("Cancelled");
            assertThat(chaos.emulator().counters().executionsCancelled()).isEqualTo(1);
            assertThat(only(Jtl.read(jtl), "cvkit:fault-end:stamp-down").get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Cancelled; role=started; by=guard; format=2; window=");
        }
    }

    @Test
    void shutdownMidFaultCancelsIt() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture(fast(), "PT60S")) {
            Plans plan = new Plans("shutdown").config(EmulatorFixture.configFields())
                    .faultControl(true, 2_000, false).load(2, 60, 20);
            Path jtl = directory.resolve("shutdown.jtl");
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), chaos.properties(), engine -> {
                awaitRunning(chaos);
                engine.shutdown();
            });

            ExecutionSnapshot execution = chaos.onlyExecution();
            assertThat(execution.status()).isEqualTo("Cancelled");
            assertThat(only(Jtl.read(jtl), "cvkit:fault-end:stamp-down").get("responseMessage"))
                    .contains("; by=guard; format=2; window=");
        }
    }

    @Test
    void theBlastRadiusStopEndsTheFaultWhenErrorsPassTheLimit() throws Exception {
        try (EmulatorFixture chaos = new EmulatorFixture(fast(), "PT60S")) {
            Plans plan = new Plans("blast radius").config(EmulatorFixture.configFields())
                    .guard("50", "2", "5").schedule("0.2", "30").load(3, 8, 20);
            Path jtl = directory.resolve("blast.jtl");
            long[] errorsFrom = new long[1];
            InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), chaos.properties(), engine -> {
                awaitRunning(chaos);
                errorsFrom[0] = System.currentTimeMillis();
                JMeterUtils.setProperty("cvkit.loadStatus", "ERROR");
            });

            ExecutionSnapshot execution = chaos.onlyExecution();
            assertThat(execution.status()).isEqualTo("Cancelled");
            Jtl.Row end = only(Jtl.read(jtl), "cvkit:fault-end:stamp-down");
            assertThat(end.get("responseMessage")).startsWith(
                    "execution=" + execution.executionId() + "; status=Cancelled; role=started; by=guard; format=2; window=");
            // Stopped within the window and a bit, not at the schedule's 30 s.
            assertThat(Long.parseLong(end.get("timeStamp")) - errorsFrom[0]).isLessThan(6_000);
        }
    }

    private static void awaitRunning(EmulatorFixture chaos) {
        try {
            chaos.awaitRunning(Duration.ofSeconds(20));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
