package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.JmxPlan;
import dev.cvkit.sandbox.Sandbox;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import dev.cvkit.sandbox.chaos.ExecutionStatus;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.NetworkDelay;
import dev.cvkit.sandbox.chaos.fault.PodFailure;
import dev.cvkit.sandbox.shop.Stamp;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Chaos Studio experiments a team deploys to Azure, run by the emulator exactly as written: each one is
 * started and cancelled through the ARM API, and does to the shop what its scenario says. They also agree with
 * the plans that start them (names, allow-list, safety limit) and with azure.properties.
 */
class ExperimentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXPERIMENT_PROPERTY = Pattern.compile("\\$\\{__P\\(chaos\\.experiment\\.([^,)]+)\\)\\}");

    private static Sandbox sandbox;
    private static HttpClient arm;
    private static HttpClient shop;

    @BeforeAll
    static void startTheSandboxWithTheExperiments() throws Exception {
        sandbox = Sandbox.builder().chaosTiming(EmulatorTiming.FAST).experimentsDirectory(Checkout.experiments()).build();
        arm = HttpClient.newBuilder().sslContext(sandbox.chaos().tls().clientSslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        shop = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static List<String> experimentFiles() throws IOException {
        try (Stream<Path> files = Files.list(Checkout.experiments())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .map(n -> n.substring(0, n.length() - ".json".length())).toList();
        }
    }

    @Test
    void everyExperimentFileIsDeployedUnderItsFileName() throws IOException {
        assertThat(experimentFiles()).containsExactly("contoso-stamp-failure", "contoso-stamp-latency");
        assertThat(sandbox.experimentNames()).containsExactlyElementsOf(experimentFiles());
    }

    @Test
    void theStampFailureTakesEveryEastusPodDownAndTheFrontDoorFailsOver() throws Exception {
        String name = "contoso-stamp-failure";
        ExecutionSnapshot running = start(name);
        try {
            FaultRequest fault = appliedFault(running);
            assertThat(fault.fault()).isInstanceOf(PodFailure.class);
            assertThat(fault.targetResourceId()).contains("/managedClusters/aks-contoso-eastus/");
            Stamp eastus = sandbox.shop().stamp("eastus");
            assertThat(get(eastus.url() + "/health/ready").statusCode()).isIn(502, 503);
            awaitTrue(() -> !sandbox.shop().frontDoorSeesHealthy("eastus"), Duration.ofSeconds(15), "front door takes eastus out");
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> viaFrontDoor = get(sandbox.shop().frontDoorUrl() + "/api/catalog/shoe-001");
                assertThat(viaFrontDoor.statusCode()).isEqualTo(200);
                assertThat(viaFrontDoor.headers().firstValue("X-Cvkit-Stamp")).hasValue("westus");
            }
        } finally {
            cancel(name, running);
        }
        assertThat(faultsOf(running)).isEmpty();
        awaitTrue(() -> sandbox.shop().frontDoorSeesHealthy("eastus"), Duration.ofSeconds(15), "eastus back in rotation");
        assertThat(get(sandbox.shop().stamp("eastus").url() + "/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void theLatencyFaultSlowsEveryEastusPodBy200ms() throws Exception {
        String name = "contoso-stamp-latency";
        ExecutionSnapshot running = start(name);
        try {
            assertThat(appliedFault(running).fault()).isInstanceOfSatisfying(NetworkDelay.class, delay -> {
                assertThat(delay.latency()).isEqualTo(Duration.ofMillis(200));
                assertThat(delay.jitter()).isEqualTo(Duration.ofMillis(20));
            });
            URI eastus = URI.create(sandbox.shop().stamp("eastus").url() + "/api/catalog/shoe-002");
            long started = System.nanoTime();
            assertThat(get(eastus.toString()).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(175));
        } finally {
            cancel(name, running);
        }
        assertThat(faultsOf(running)).isEmpty();
    }

    /** The faults an execution applies now (the emulator applies them as the execution turns Running). */
    private static List<FaultRequest> faultsOf(ExecutionSnapshot execution) {
        return sandbox.chaos().activeFaults().stream().filter(f -> f.executionId().equalsIgnoreCase(execution.executionId())).toList();
    }

    private static FaultRequest appliedFault(ExecutionSnapshot execution) throws InterruptedException {
        awaitTrue(() -> !faultsOf(execution).isEmpty(), Duration.ofSeconds(10), "the fault of " + execution.executionId() + " applied");
        List<FaultRequest> faults = faultsOf(execution);
        assertThat(faults).as("one action on one target").hasSize(1);
        return faults.get(0);
    }

    @Test
    void eachChaosPlanStartsItsOwnExperimentWithinItsSafetyLimits() throws IOException {
        Properties azure = new Properties();
        try (Reader in = Files.newBufferedReader(Checkout.plans().resolve("azure.properties"))) {
            azure.load(in);
        }
        List<String> started = new ArrayList<>();
        for (String scenario : Checkout.CHAOS_SCENARIOS) {
            JmxPlan plan = JmxPlan.read(Checkout.plan(scenario));
            var config = plan.ofClass("ChaosExperimentConfig");
            assertThat(config).as(scenario).hasSize(1);
            var fields = config.get(0).properties();
            Matcher m = EXPERIMENT_PROPERTY.matcher(fields.get("experimentResourceId"));
            assertThat(m.matches()).as("%s takes the experiment from chaos.experiment.<name>", scenario).isTrue();
            String experiment = m.group(1);
            started.add(experiment);
            assertThat(Checkout.experiments().resolve(experiment + ".json")).isRegularFile();

            // The allow-list admits the experiment locally (emulator) and on Azure (azure.properties), nothing else.
            Pattern allowed = Pattern.compile(fields.get("allowedExperimentIds"));
            assertThat(allowed.matcher(sandbox.chaos().experimentResourceId(experiment)).matches()).isTrue();
            String azureId = azure.getProperty("chaos.experiment." + experiment);
            assertThat(azureId).as("azure.properties sets chaos.experiment.%s", experiment).isNotBlank();
            assertThat(allowed.matcher(azureId).matches()).isTrue();
            for (String other : experimentFiles()) {
                if (!other.equals(experiment)) {
                    assertThat(allowed.matcher(sandbox.chaos().experimentResourceId(other)).matches()).isFalse();
                }
            }

            // The experiment outlasts the plan's fault (the plan ends it) and stays within the plan's limit, so that
            // a killed test leaves a fault that still ends by itself.
            long experimentSeconds = totalSeconds(JSON.readTree(Checkout.experiments().resolve(experiment + ".json").toFile()));
            long limitSeconds = Long.parseLong(fields.get("maxFaultDurationSeconds"));
            assertThat(experimentSeconds).isLessThanOrEqualTo(limitSeconds).isGreaterThan(defaultOf(plan, "fault.durationSeconds"));
        }
        assertThat(started).containsExactlyInAnyOrderElementsOf(experimentFiles());
    }

    /** The default a plan gives a property: {@code ${__P(name,300)}} gives 300. */
    private static long defaultOf(JmxPlan plan, String property) {
        Pattern p = Pattern.compile("\\$\\{__P\\(" + Pattern.quote(property) + ",(\\d+)\\)\\}");
        for (var element : plan.elements()) {
            for (String text : element.texts()) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new AssertionError(plan.file() + " does not read " + property + " with a default");
    }

    /** Steps one after another, branches of a step in parallel, actions of a branch one after another. */
    private static long totalSeconds(JsonNode experiment) {
        long total = 0;
        for (JsonNode step : experiment.path("properties").path("steps")) {
            long longestBranch = 0;
            for (JsonNode branch : step.path("branches")) {
                long branchSeconds = 0;
                for (JsonNode action : branch.path("actions")) {
                    branchSeconds += Duration.parse(action.path("duration").asText("PT0S")).toSeconds();
                }
                longestBranch = Math.max(longestBranch, branchSeconds);
            }
            total += longestBranch;
        }
        return total;
    }

    // ---- the ARM calls a client makes ----

    private static ExecutionSnapshot start(String name) throws Exception {
        HttpResponse<String> started = post(name, "start");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.headers().firstValue("Azure-AsyncOperation")).isPresent();
        ExecutionSnapshot execution = sandbox.chaos().executions(name).get(0);
        return sandbox.chaos().awaitExecution(execution.executionId(), e -> ExecutionStatus.RUNNING.equals(e.status()), Duration.ofSeconds(20));
    }

    private static void cancel(String name, ExecutionSnapshot running) throws Exception {
        HttpResponse<String> cancelled = post(name, "cancel");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        ExecutionSnapshot ended = sandbox.chaos().awaitExecution(running.executionId(), ExecutionSnapshot::isTerminal, Duration.ofSeconds(20));
        assertThat(ended.status()).isEqualTo(ExecutionStatus.CANCELLED);
    }

    private static HttpResponse<String> post(String name, String action) throws Exception {
        ChaosStudioEmulator chaos = sandbox.chaos();
        URI uri = URI.create(chaos.endpoint() + chaos.experimentResourceId(name) + "/" + action + "?api-version=" + ChaosStudioEmulator.API_VERSION);
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + chaos.issueAccessToken())
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return arm.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return shop.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
