package dev.cvkit.sandbox.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cvkit.sandbox.chaos.fault.AppliedFault;
import dev.cvkit.sandbox.chaos.fault.CpuPressure;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.NetworkDelay;
import dev.cvkit.sandbox.chaos.fault.PodFailure;
import dev.cvkit.sandbox.chaos.fault.PodSelection;
import dev.cvkit.sandbox.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContosoShoesTest {

    private ContosoShoes shop;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        // A wide latency sensitivity: these tests are about routing to healthy stamps, and on a loaded
        // machine one slow probe would otherwise send every request to the other stamp (as Front Door would).
        shop = ContosoShoes.builder().probeInterval(Duration.ofMillis(100)).endpointRemovalDelay(Duration.ofMillis(300))
                .recoveryDelay(Duration.ofMillis(200)).commentProcessingDelay(Duration.ofMillis(300))
                .latencySensitivity(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    record Answer(int status, JsonNode json, String origin, String pod, long millis, HttpResponse<String> raw) {
    }

    private Answer call(URI base, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        JsonNode json = response.body().isEmpty() ? null : Json.parse(response.body());
        return new Answer(response.statusCode(), json, response.headers().firstValue("X-Cvkit-Origin").orElse(null),
                response.headers().firstValue("X-Cvkit-Pod").orElse(null), millis, response);
    }

    private Answer get(String path) throws Exception {
        return call(shop.frontDoorUrl(), "GET", path, null);
    }

    private Answer post(String path, String body) throws Exception {
        return call(shop.frontDoorUrl(), "POST", path, body);
    }

    // ---- user and system flows ----

    @Test
    void userFlowsWorkThroughTheFrontDoorOnBothStamps() throws Exception {
        Answer catalog = get("/api/catalog");
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.json().path("items")).hasSize(24);
        assertThat(catalog.json().at("/items/0/id").asText()).isEqualTo("shoe-001");

        Answer item = get("/api/catalog/shoe-007");
        assertThat(item.status()).isEqualTo(200);
        assertThat(item.json().path("name").asText()).isEqualTo("Fabrikam Runner");
        assertThat(item.json().at("/rating/count").asInt()).isZero();
        assertThat(get("/api/catalog/shoe-999").status()).isEqualTo(404);

        Answer rated = post("/api/catalog/shoe-007/ratings", "{\"stars\": 4}");
        assertThat(rated.status()).isEqualTo(201);
        post("/api/catalog/shoe-007/ratings", "{\"stars\": 5}");
        assertThat(get("/api/catalog/shoe-007").json().at("/rating/average").asDouble()).isEqualTo(4.5);
        Answer badStars = post("/api/catalog/shoe-007/ratings", "{\"stars\": 9}");
        assertThat(badStars.status()).isEqualTo(400);
        assertThat(badStars.json().path("error").asText()).contains("stars");
        assertThat(post("/api/catalog/shoe-007/ratings", "not json").status()).isEqualTo(400);
        assertThat(call(shop.frontDoorUrl(), "DELETE", "/api/catalog/shoe-007", null).status()).isEqualTo(405);

        assertThat(get("/health/live").status()).isEqualTo(200);
        Answer ready = get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("readyPods").asInt()).isEqualTo(3);

        Set<String> origins = new HashSet<>();
        Set<String> pods = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            Answer answer = get("/api/catalog/shoe-001");
            origins.add(answer.origin());
            pods.add(answer.pod());
        }
        assertThat(origins).containsExactlyInAnyOrder("eastus", "westus");
        assertThat(pods).hasSize(6);
        assertThat(shop.stamp("eastus").requestsReceived()).isPositive();
        assertThat(shop.stamp("westus").requestsReceived()).isPositive();
    }

    @Test
    void aPostedCommentBecomesVisibleAfterBackgroundProcessing() throws Exception {
        Answer posted = post("/api/catalog/shoe-003/comments", "{\"author\": \"ana\", \"text\": \"fits well\"}");
        assertThat(posted.status()).isEqualTo(202);
        String location = posted.raw().headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/comments/c-");
        assertThat(posted.json().path("status").asText()).isEqualTo("queued");
        assertThat(get("/api/catalog/shoe-003/comments").json().path("comments")).isEmpty();

        JsonNode status;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            status = get(location).json();
            Thread.sleep(20);
        } while (!status.path("status").asText().equals("visible") && System.nanoTime() < deadline);
        assertThat(status.path("status").asText()).isEqualTo("visible");
        Duration processing = Duration.between(Instant.parse(status.path("postedAt").asText()), Instant.parse(status.path("visibleAt").asText()));
        assertThat(processing).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        JsonNode comments = get("/api/catalog/shoe-003/comments").json().path("comments");
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).path("text").asText()).isEqualTo("fits well");
        assertThat(post("/api/catalog/shoe-003/comments", "{\"author\": \"\", \"text\": \"x\"}").status()).isEqualTo(400);
        assertThat(get("/api/comments/c-99999999").status()).isEqualTo(404);
        assertThat(get("/api/catalog/shoe-003/comments?limit=0").status()).isEqualTo(400);
    }

    // ---- faults applied directly (the emulator path is in ShopFailoverTest) ----

    private AppliedFault apply(String region, dev.cvkit.sandbox.chaos.fault.Fault fault) throws Exception {
        return shop.apply(new FaultRequest("TEST", "urn:test", shop.targetResourceId(region), fault));
    }

    @Test
    void theShopResolvesItsStampsClusterTargets() {
        assertThat(shop.resolves(shop.targetResourceId("eastus"))).isTrue();
        String elsewhere = shop.targetResourceId("westus").replace(dev.cvkit.sandbox.chaos.ChaosStudioEmulator.DEFAULT_SUBSCRIPTION_ID,
                "11111111-2222-3333-4444-555555555555").replace("rg-contoso-shoes", "other-rg");
        assertThat(shop.resolves(elsewhere)).as("subscription and group are not compared").isTrue();
        assertThat(shop.resolves(shop.targetResourceId("eastus").replace("aks-contoso-eastus", "aks-other"))).isFalse();
        assertThat(shop.resolves(shop.targetResourceId("eastus").replace("Microsoft-AzureKubernetesServiceChaosMesh", "Microsoft-VirtualMachine")))
                .isFalse();
    }

    @Test
    void onePodFailingGivesErrorsUntilTheServiceDropsIt() throws Exception {
        URI eastus = shop.stamp("eastus").url();
        AppliedFault fault = apply("eastus", new PodFailure(new PodSelection(PodSelection.Mode.ONE, 0)));
        assertThat(shop.stamp("eastus").servingPods()).isEqualTo(2);
        int errors = 0;
        for (int i = 0; i < 6; i++) {
            Answer answer = call(eastus, "GET", "/api/catalog", null);
            if (answer.status() == 502) {
                errors++;
            }
        }
        assertThat(errors).as("round robin reaches the failed pod").isPositive();
        Thread.sleep(400);
        for (int i = 0; i < 6; i++) {
            assertThat(call(eastus, "GET", "/api/catalog", null).status()).isEqualTo(200);
        }
        fault.remove();
        fault.remove();
        assertThat(shop.stamp("eastus").servingPods()).isEqualTo(3);
    }

    @Test
    void networkDelayAndCpuPressureSlowTheStampDown() throws Exception {
        URI westus = shop.stamp("westus").url();
        AppliedFault delay = apply("westus", new NetworkDelay(Duration.ofMillis(250), Duration.ZERO, PodSelection.ALL_PODS));
        for (int i = 0; i < 3; i++) {
            assertThat(call(westus, "GET", "/api/catalog/shoe-001", null).millis()).isGreaterThanOrEqualTo(250);
        }
        delay.remove();
        AppliedFault cpu = apply("westus", new CpuPressure(2, 100, PodSelection.ALL_PODS));
        for (int i = 0; i < 3; i++) {
            assertThat(call(westus, "GET", "/api/catalog/shoe-001", null).millis()).isGreaterThanOrEqualTo(100);
        }
        cpu.remove();
    }
}
