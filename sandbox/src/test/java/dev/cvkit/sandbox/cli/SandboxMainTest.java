package dev.cvkit.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainTest {

    @TempDir
    Path root;

    private String savedRoot;
    private String savedJar;
    private Process otherProcess;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void pointAtATemporaryCheckout() {
        savedRoot = System.getProperty("cvkit.root");
        savedJar = System.getProperty("cvkit.plugins.jar");
        System.setProperty("cvkit.root", root.toString());
        System.setProperty("cvkit.plugins.jar", "");
    }

    @AfterEach
    void restore() {
        restore("cvkit.root", savedRoot);
        restore("cvkit.plugins.jar", savedJar);
        if (otherProcess != null) {
            otherProcess.destroyForcibly();
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SandboxMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A live process that is not this JVM, to stand for another sandbox. */
    private long otherPid() throws Exception {
        otherProcess = new ProcessBuilder("sleep", "60").start();
        return otherProcess.pid();
    }

    private Path experiments() throws Exception {
        Path dir = Files.createDirectories(root.resolve("experiments"));
        String target = "/subscriptions/5a2d0b3c-7e41-4c69-9d2f-0c1e5f7a8b90/resourceGroups/rg-contoso-shoes/providers/"
                + "Microsoft.ContainerService/managedClusters/aks-contoso-eastus/providers/Microsoft.Chaos/targets/"
                + "Microsoft-AzureKubernetesServiceChaosMesh";
        Files.writeString(dir.resolve("eastus-down.json"), "{\"location\":\"eastus\",\"properties\":{\"selectors\":[{\"type\":\"List\","
                + "\"id\":\"s\",\"targets\":[{\"type\":\"ChaosTarget\",\"id\":\"" + target + "\"}]}],\"steps\":[{\"name\":\"a\",\"branches\":"
                + "[{\"name\":\"b\",\"actions\":[{\"type\":\"continuous\",\"name\":\"urn:csci:microsoft:azureKubernetesServiceChaosMesh:"
                + "podChaos/2.2\",\"duration\":\"PT1M\",\"selectorId\":\"s\",\"parameters\":[{\"key\":\"jsonSpec\",\"value\":"
                + "\"{\\\"action\\\":\\\"pod-failure\\\",\\\"mode\\\":\\\"all\\\"}\"}]}]}]}]}}");
        return dir;
    }

    @Test
    void demoNamesTheKnownScenariosWhenAskedForAnUnknownOne() throws Exception {
        Path plans = Files.createDirectories(root.resolve("test-plans/contoso-shoes"));
        Path baselines = Files.createDirectories(root.resolve("baselines/contoso-shoes"));
        for (String name : new String[] {"normal", "chaos-latency"}) {
            Files.writeString(plans.resolve(name + ".jmx"), "<jmeterTestPlan/>");
            Files.writeString(plans.resolve(name + ".local.properties"), "load.users=1\n");
            Files.writeString(baselines.resolve(name + ".yaml"), "failureCriteria:\n  - percentage(error) > 1\n");
        }
        // A plan without a baseline is no scenario.
        Files.writeString(plans.resolve("draft.jmx"), "<jmeterTestPlan/>");
        Files.writeString(plans.resolve("draft.local.properties"), "");

        Run demo = run("demo", "--scenario", "chaos-stamp-faliure");
        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err()).contains("unknown scenario 'chaos-stamp-faliure'").contains("known scenarios: chaos-latency, normal")
                .doesNotContain("draft");
        assertThat(root.resolve("runs")).doesNotExist();
    }

    @Test
    void demoWithoutScenariosIsInvalidInputAndItsHelpExplainsIt() {
        Run demo = run("demo");
        assertThat(demo.exit()).isEqualTo(3);
        assertThat(demo.err()).contains("no scenario found").contains("test-plans/contoso-shoes");
        Run help = run("demo", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--scenario").contains("chaos-stamp-failure").contains("Ctrl-C").contains("Exit codes");
    }

    @Test
    void helpListsTheVerbsAndUnknownOnesAreUsageErrors() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("sandbox").contains("gui");
        Run unknown = run("sandboxx");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("sandboxx");
        assertThat(run("sandbox", "--chaos-port", "x").exit()).isEqualTo(2);
    }

    @Test
    void sandboxRunsShopAndEmulatorPublishesItsStateAndStopsCleanly() throws Exception {
        Path experiments = experiments();
        CompletableFuture<Run> sandbox = CompletableFuture.supplyAsync(() -> run("sandbox", "--front-door-port", "0",
                "--stamp-ports", "0,0", "--chaos-port", "0", "--identity-port", "0", "--imds-port", "0", "--experiments", experiments.toString(),
                "--duration", "PT4S"));
        Path runDirectory = root.resolve("sandbox/target/run");
        Optional<SandboxState> state = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (state.isEmpty() && System.nanoTime() < deadline && !sandbox.isDone()) {
            state = SandboxState.readLive(runDirectory);
            Thread.sleep(20);
        }
        assertThat(state).as(sandbox.isDone() ? sandbox.get().err() : "state file").isPresent();
        Map<String, String> jmeter = state.get().jmeter();
        assertThat(jmeter).containsKeys("target.url", "chaos.endpoint", "cvkit.chaos.trustStore", "cvkit.chaos.trustStorePassword",
                "chaos.experiment.eastus-down");
        assertThat(Path.of(jmeter.get("cvkit.chaos.trustStore"))).exists().hasParent(runDirectory);
        // The IMDS route, as Azure Load Testing engines have it.
        assertThat(state.get().environment()).containsOnlyKeys("AZURE_POD_IDENTITY_AUTHORITY_HOST");
        Path trustStore = Path.of(jmeter.get("cvkit.chaos.trustStore"));
        HttpResponse<String> catalog = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jmeter.get("target.url") + "/api/catalog"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(catalog.statusCode()).isEqualTo(200);

        Run done = sandbox.get(30, TimeUnit.SECONDS);
        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(done.out()).contains("front door").contains("ARM endpoint").contains("eastus-down")
                .contains("timing        Running 8 s after a start, a fault 3 s after its action starts, gone 2 s")
                .contains("export AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:").contains("unset IDENTITY_ENDPOINT IDENTITY_HEADER")
                .contains("export IDENTITY_ENDPOINT=").contains("-Jtarget.url=").contains("stopped after PT4S");
        assertThat(SandboxState.file(runDirectory)).doesNotExist();
        // "deleted when it stops": the trust store and the certificate too, not only the state file.
        assertThat(trustStore).doesNotExist();
        try (java.util.stream.Stream<Path> left = Files.list(runDirectory)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("left in " + runDirectory).isEmpty();
        }
    }

    @Test
    void aBadExperimentFileIsInvalidInputAndNothingKeepsRunning() throws Exception {
        Path experiments = experiments();
        Files.writeString(experiments.resolve("broken.json"), "{\"location\": \"eastus\"}");
        Run run = run("sandbox", "--front-door-port", "0", "--stamp-ports", "0,0", "--chaos-port", "0", "--identity-port", "0",
                "--imds-port", "0", "--experiments", experiments.toString(), "--duration", "PT30S");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(experiments.resolve("broken.json") + ": properties: expected an object");
        assertThat(SandboxState.file(root.resolve("sandbox/target/run"))).doesNotExist();
    }

    @Test
    void aSecondSandboxIsRefused() throws Exception {
        new SandboxState(otherPid(), Map.of("target.url", "http://127.0.0.1:1"), Map.of()).write(root.resolve("sandbox/target/run"));
        Run run = run("sandbox", "--duration", "PT1S");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("already running").contains(Long.toString(otherProcess.pid()));
    }

    @Test
    void guiBuildsTheJMeterCommandWithThePluginsAndTheRunningSandbox() throws Exception {
        Run noHome = run("gui", "--dry-run");
        assertThat(noHome.exit()).isEqualTo(3);
        assertThat(noHome.err()).contains("no JMeter home").contains("mvn");

        Path launcher = root.resolve("sandbox/target/jmeter-home/bin/ApacheJMeter.jar");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "not really a jar");
        Path jar = Files.writeString(root.resolve("cvkit-jmeter-plugins-0.1.0.jar"), "jar");
        System.setProperty("cvkit.plugins.jar", jar.toString());
        Path plan = Files.writeString(root.resolve("plan.jmx"), "<jmeterTestPlan/>");

        Run plain = run("gui", "--dry-run", plan.toString());
        assertThat(plain.exit()).isZero();
        assertThat(plain.out()).contains("-jar " + launcher).contains("-Juser.classpath=" + jar).contains("-Jsearch_paths=" + jar)
                .contains("-t " + plan).doesNotContain("IDENTITY_ENDPOINT");

        new SandboxState(otherPid(), Map.of("target.url", "http://127.0.0.1:18080", "cvkit.chaos.trustStore", "/x/ts.p12"),
                Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:18445")).write(root.resolve("sandbox/target/run"));
        Run withSandbox = run("gui", "--dry-run", plan.toString());
        assertThat(withSandbox.out()).contains("pointing JMeter at the running sandbox").contains("-Jtarget.url=http://127.0.0.1:18080")
                .contains("-Jcvkit.chaos.trustStore=/x/ts.p12").contains("AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:18445");
        assertThat(run("gui", "--dry-run", "--no-sandbox", plan.toString()).out()).doesNotContain("-Jtarget.url");

        otherProcess.destroyForcibly().waitFor();
        assertThat(run("gui", "--dry-run", plan.toString()).out()).as("a dead sandbox's state is ignored").doesNotContain("-Jtarget.url");

        Run missingPlan = run("gui", "--dry-run", root.resolve("nope.jmx").toString());
        assertThat(missingPlan.exit()).isEqualTo(3);
        assertThat(missingPlan.err()).contains("nope.jmx: no such plan file");

        System.setProperty("cvkit.plugins.jar", "");
        assertThat(run("gui", "--dry-run").err()).contains("plugin jar is not built");
    }
}
