package dev.cvkit.sandbox.jmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.sandbox.testutil.Jtl;
import dev.cvkit.sandbox.testutil.LoopbackHttpServer;
import dev.cvkit.sandbox.testutil.TestPluginJar;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedJMeterTest {

    /** JMeter's default CSV columns, the 17 ALT writes too. */
    static final List<String> DEFAULT_COLUMNS = List.of("timeStamp", "elapsed", "label", "responseCode", "responseMessage",
            "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads", "URL",
            "Latency", "IdleTime", "Connect");

    @TempDir
    Path dir;

    private LoopbackHttpServer target;
    private Path plan;

    @BeforeEach
    void setUp() throws Exception {
        target = new LoopbackHttpServer();
        plan = dir.resolve("two-requests.jmx");
        try (InputStream in = getClass().getResourceAsStream("/jmeter/two-requests.jmx")) {
            Files.copy(in, plan);
        }
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    private EmbeddedJMeter.Builder runner(Path jtl) {
        return EmbeddedJMeter.builder().plan(plan).resultsFile(jtl).property("target.port", Integer.toString(target.port()));
    }

    @Test
    void runsAPlanWithItsPropertiesAndWritesACsvJtl() throws Exception {
        Path jtl = dir.resolve("out/results.jtl");
        List<Progress> reports = new CopyOnWriteArrayList<>();
        JMeterRunResult result = runner(jtl).property("users", "3").property("loops", "4")
                .progressListener(reports::add).progressInterval(Duration.ofMillis(100))
                .build().run();

        assertThat(result.resultsFile()).isEqualTo(jtl.toAbsolutePath());
        assertThat(result.samples()).isEqualTo(24);
        assertThat(result.errors()).isEqualTo(12);
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(target.requests()).isEqualTo(24);

        Jtl written = Jtl.read(jtl);
        assertThat(written.header()).containsExactlyElementsOf(DEFAULT_COLUMNS);
        assertThat(written.rows()).hasSize(24);
        assertThat(written.rows("GET ok")).hasSize(12).allSatisfy(r -> {
            assertThat(r.get("responseCode")).isEqualTo("200");
            assertThat(r.get("success")).isEqualTo("true");
            assertThat(r.get("URL")).isEqualTo("http://127.0.0.1:" + target.port() + "/ok");
        });
        assertThat(written.rows("GET missing")).hasSize(12).allSatisfy(r -> {
            assertThat(r.get("responseCode")).isEqualTo("404");
            assertThat(r.get("success")).isEqualTo("false");
        });
        assertThat(written.rows()).extracting(r -> r.get("threadName")).allMatch(n -> n.startsWith("users 1-"));

        assertThat(reports).isNotEmpty();
        Progress last = reports.get(reports.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.samples()).isEqualTo(24);
        assertThat(last.errors()).isEqualTo(12);
        assertThat(last.requests()).isEqualTo(24);
        assertThat(last.requestErrors()).isEqualTo(12);
        assertThat(reports.stream().filter(Progress::finished)).hasSize(1);
    }

    @Test
    void anotherThreadCanShutDownOrStopARunningTest() throws Exception {
        for (boolean graceful : new boolean[] {true, false}) {
            Path jtl = dir.resolve("endless-" + graceful + ".jtl");
            List<Progress> reports = new CopyOnWriteArrayList<>();
            RunningTest test = runner(jtl).property("loops", "-1").property("think.ms", "5")
                    .progressListener(reports::add).progressInterval(Duration.ofMillis(100)).build().start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reports.stream().noneMatch(p -> p.samples() >= 20 && p.activeThreads() == 2)) {
                assertThat(System.nanoTime()).as("live progress while running: " + reports).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(test.isRunning()).isTrue();
            assertThat(reports).anySatisfy(p -> assertThat(p.samplesPerSecond()).isPositive());

            Thread stopper = new Thread(graceful ? test::shutdown : test::stop);
            stopper.start();
            JMeterRunResult result = test.awaitCompletion(Duration.ofSeconds(30));
            stopper.join();
            assertThat(result.stoppedEarly()).isTrue();
            assertThat(test.isRunning()).isFalse();
            assertThat(result.samples()).isGreaterThanOrEqualTo(20);
            assertThat(Jtl.read(jtl).rows()).hasSize((int) result.samples());
        }
    }

    @Test
    void badInputIsRefusedWithItsReason() throws Exception {
        assertThatThrownBy(() -> EmbeddedJMeter.builder().plan(dir.resolve("nope.jmx")).resultsFile(dir.resolve("a.jtl")).build().start())
                .isInstanceOf(JMeterPlanException.class).hasMessageEndingWith("nope.jmx: no such plan file");

        Path existing = Files.writeString(dir.resolve("existing.jtl"), "keep me");
        assertThatThrownBy(() -> runner(existing).build().start())
                .isInstanceOf(JMeterPlanException.class).hasMessageContaining("results file exists");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        Path notAPlan = Files.writeString(dir.resolve("broken.jmx"), "<jmeterTestPlan><hashTree><TestPlan>");
        assertThatThrownBy(() -> EmbeddedJMeter.builder().plan(notAPlan).resultsFile(dir.resolve("b.jtl")).build().start())
                .isInstanceOf(JMeterPlanException.class).hasMessageStartingWith(notAPlan.toAbsolutePath() + ": not a loadable JMeter plan");

        // A class no jar provides (not the test plugin's: JMeter's XStream caches classes it once resolved).
        Path pluginPlan = Files.writeString(dir.resolve("plugin.jmx"),
                TestPluginJar.plan(1).replace(TestPluginJar.SAMPLER_CLASS, "cvkit.missing.NoSuchSampler"));
        assertThatThrownBy(() -> EmbeddedJMeter.builder().plan(pluginPlan).resultsFile(dir.resolve("c.jtl")).build().start())
                .isInstanceOf(JMeterPlanException.class)
                .hasMessageContaining("cvkit.missing.NoSuchSampler").hasMessageContaining("add its jar with extraJar");
        assertThatThrownBy(() -> EmbeddedJMeter.builder().plan(plan).build()).hasMessageContaining("resultsFile(...) is required");
    }

    @Test
    void oneTestAtATimePerJvm() throws Exception {
        RunningTest first = runner(dir.resolve("first.jtl")).property("loops", "-1").property("think.ms", "5").build().start();
        try {
            assertThatThrownBy(() -> runner(dir.resolve("second.jtl")).build().start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        } finally {
            first.stop();
            first.awaitCompletion(Duration.ofSeconds(30));
        }
        // Released: the next test runs.
        assertThat(runner(dir.resolve("third.jtl")).property("loops", "1").build().run().samples()).isEqualTo(4);
    }

    @Test
    void anExtraJarOutsideTheClasspathIsLoaded() throws Exception {
        Path jar = TestPluginJar.build(dir.resolve("plugin"));
        assertThat(System.getProperty("java.class.path")).doesNotContain(jar.toString());
        Path pluginPlan = Files.writeString(dir.resolve("plugin.jmx"), TestPluginJar.plan(3));
        Path jtl = dir.resolve("plugin.jtl");
        JMeterRunResult result = EmbeddedJMeter.builder().plan(pluginPlan).resultsFile(jtl).extraJar(jar).build().run();
        assertThat(result.samples()).isEqualTo(3);
        assertThat(Jtl.read(jtl).rows("echo sample")).hasSize(3).allSatisfy(r -> assertThat(r.get("responseMessage")).isEqualTo("echo"));
    }
}
