package dev.cvkit.sandbox.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import dev.cvkit.sandbox.chaos.ExecutionStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on loopback: an experiment started through the Chaos Studio emulator's ARM API breaks a
 * stamp of the shop; clients of the front door see errors (or latency) until its probes move the traffic to
 * the other stamp; when the fault ends (cancelled, or by its own duration) traffic comes back.
 */
class ShopFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ContosoShoes shop;
    private ChaosStudioEmulator chaos;
    private HttpClient arm;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean trafficRunning = new AtomicBoolean(true);
    private final List<Thread> traffic = new ArrayList<>();

    record Sample(long atNanos, int status, String origin, long millis) {
    }

    @BeforeEach
    void start() {
        shop = ContosoShoes.builder().probeInterval(Duration.ofMillis(100)).endpointRemovalDelay(Duration.ofMillis(300))
                .recoveryDelay(Duration.ofMillis(200)).build();
        String spec = "{\\\"action\\\":\\\"pod-failure\\\",\\\"mode\\\":\\\"all\\\",\\\"selector\\\":{\\\"namespaces\\\":[\\\"contoso-shoes\\\"]}}";
        String delaySpec = "{\\\"action\\\":\\\"delay\\\",\\\"mode\\\":\\\"all\\\",\\\"delay\\\":{\\\"latency\\\":\\\"300ms\\\"}}";
        chaos = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).faultTarget(shop).startupLatency(Duration.ofMillis(100)).cancelLatency(Duration.ofMillis(100))
                .experiment("eastus-down", experiment(shop.targetResourceId("eastus"), "podChaos", "PT10M", spec))
                .experiment("eastus-slow", experiment(shop.targetResourceId("eastus"), "networkChaos", "PT3S", delaySpec))
                .build();
        arm = HttpClient.newBuilder().sslContext(chaos.tls().clientSslContext()).build();
        // Two clients, so that the short error window before failover is sampled densely.
        for (int t = 0; t < 2; t++) {
            traffic.add(new Thread(this::sendTraffic, "test-traffic-" + t));
        }
        traffic.forEach(Thread::start);
    }

    private void sendTraffic() {
        while (trafficRunning.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(shop.frontDoorUrl().resolve("/api/catalog/shoe-001"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                samples.add(new Sample(start, response.statusCode(), response.headers().firstValue("X-Cvkit-Origin").orElse("?"),
                        (System.nanoTime() - start) / 1_000_000));
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                samples.add(new Sample(start, -1, "?", (System.nanoTime() - start) / 1_000_000));
            }
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        trafficRunning.set(false);
        for (Thread thread : traffic) {
            thread.join(10_000);
        }
        chaos.close();
        shop.close();
    }

    private static String experiment(String target, String capability, String duration, String jsonSpec) {
        return "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                + "\"selectors\":[{\"type\":\"List\",\"id\":\"aks\",\"targets\":[{\"type\":\"ChaosTarget\",\"id\":\"" + target + "\"}]}],"
                + "\"steps\":[{\"name\":\"fault\",\"branches\":[{\"name\":\"eastus\",\"actions\":[{\"type\":\"continuous\","
                + "\"name\":\"urn:csci:microsoft:azureKubernetesServiceChaosMesh:" + capability + "/2.2\",\"duration\":\"" + duration
                + "\",\"selectorId\":\"aks\",\"parameters\":[{\"key\":\"jsonSpec\",\"value\":\"" + jsonSpec + "\"}]}]}]}]}}";
    }

    private int armPost(String experiment, String action) throws Exception {
        URI uri = URI.create(chaos.endpoint() + chaos.experimentResourceId(experiment) + "/" + action + "?api-version="
                + ChaosStudioEmulator.API_VERSION);
        return arm.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + chaos.issueAccessToken()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until the last {@code count} samples (taken after {@code sinceNanos}) all satisfy the condition. */
    private void awaitRun(long sinceNanos, int count, Predicate<Sample> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Sample> recent = since(sinceNanos);
            if (recent.size() >= count && recent.subList(recent.size() - count, recent.size()).stream().allMatch(condition)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never saw " + count + " samples in a row with " + what + "; last: "
                + since(sinceNanos).subList(Math.max(0, since(sinceNanos).size() - 10), since(sinceNanos).size()));
    }

    private List<Sample> since(long sinceNanos) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.atNanos() >= sinceNanos).toList();
        }
    }

    private String onlyExecution(String experiment) {
        return chaos.executions(experiment).get(0).executionId();
    }

    @Test
    void aStampFailureShowsAsErrorsThenFailsOverAndRecoversAfterCancel() throws Exception {
        long baseline = System.nanoTime();
        awaitRun(baseline, 20, s -> s.status() == 200, "200 before the fault");
        assertThat(since(baseline)).extracting(Sample::origin).contains("eastus", "westus");

        long faultStart = System.nanoTime();
        assertThat(armPost("eastus-down", "start")).isEqualTo(202);
        chaos.awaitExecution(onlyExecution("eastus-down"), s -> s.status().equals(ExecutionStatus.RUNNING), WAIT);
        awaitRun(faultStart, 40, s -> s.status() == 200 && s.origin().equals("westus"), "every request served by westus");
        List<Sample> duringFault = since(faultStart);
        assertThat(duringFault).as("the failure shows before failover").anyMatch(s -> s.status() >= 500 && s.origin().equals("eastus"));
        assertThat(shop.frontDoorSeesHealthy("eastus")).isFalse();
        assertThat(shop.stamp("eastus").servingPods()).isZero();

        assertThat(armPost("eastus-down", "cancel")).isEqualTo(202);
        assertThat(shop.stamp("eastus").servingPods()).as("faults removed when the cancel is accepted").isEqualTo(3);
        ExecutionSnapshot cancelled = chaos.awaitExecution(onlyExecution("eastus-down"), ExecutionSnapshot::isTerminal, WAIT);
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.CANCELLED);
        long recovery = System.nanoTime();
        awaitRun(recovery, 1, s -> s.status() == 200 && s.origin().equals("eastus"), "eastus serving again");
        long back = System.nanoTime();
        awaitRun(back, 40, s -> s.status() == 200, "no errors after recovery");
        assertThat(shop.frontDoorSeesHealthy("eastus")).isTrue();
    }

    @Test
    void latencyOnOneStampMovesTrafficUntilTheFaultEndsByItself() throws Exception {
        long baseline = System.nanoTime();
        awaitRun(baseline, 20, s -> s.status() == 200, "200 before the fault");

        long faultStart = System.nanoTime();
        assertThat(armPost("eastus-slow", "start")).isEqualTo(202);
        String executionId = onlyExecution("eastus-slow");
        chaos.awaitExecution(executionId, s -> s.status().equals(ExecutionStatus.RUNNING), WAIT);
        awaitRun(faultStart, 30, s -> s.status() == 200 && s.origin().equals("westus"), "traffic moved to the faster westus");
        assertThat(since(faultStart)).as("slow eastus answers before the move").anyMatch(s -> s.origin().equals("eastus") && s.millis() >= 300);
        assertThat(shop.frontDoorSeesHealthy("eastus")).as("slow but healthy").isTrue();

        ExecutionSnapshot ended = chaos.awaitExecution(executionId, ExecutionSnapshot::isTerminal, WAIT);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCESS);
        long after = System.nanoTime();
        awaitRun(after, 1, s -> s.origin().equals("eastus") && s.millis() < 300, "eastus fast and used again");
    }
}
