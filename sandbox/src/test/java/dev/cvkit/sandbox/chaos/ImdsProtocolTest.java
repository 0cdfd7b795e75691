package dev.cvkit.sandbox.chaos;

import static dev.cvkit.sandbox.chaos.ArmTestClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cvkit.sandbox.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulated IMDS token endpoint, request by request, as the Instance Metadata Service answers. */
class ImdsProtocolTest {

    private static final String USER_ASSIGNED = "3f2e1d0c-9b8a-4765-a432-10fedcba9876";
    private static final String ARM = "https://management.azure.com/";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ChaosStudioEmulator emulator;

    @AfterEach
    void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(ChaosStudioEmulator.Builder builder) {
        emulator = builder.timing(EmulatorTiming.FAST).experiment("x", Experiments.podFailure("PT1M")).build();
    }

    private record Answer(int status, JsonNode json) {
    }

    private Answer get(String pathAndQuery, boolean metadataHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.imdsEndpoint() + pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (metadataHeader) {
            request.header("Metadata", "true");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.parse(response.body()));
    }

    private static String tokenQuery(String extra) {
        return "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=" + URLEncoder.encode(ARM, StandardCharsets.UTF_8) + extra;
    }

    private static void assertIdentityNotFound(Answer answer) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(answer.json().path("error_description").asText()).isEqualTo("Identity not found");
    }

    @Test
    void theSystemAssignedIdentityGetsAnArmTokenThatArmAccepts() throws Exception {
        start(ChaosStudioEmulator.builder());
        Instant before = Instant.now();
        Answer answer = get(tokenQuery(""), true);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode token = answer.json();
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("resource").asText()).isEqualTo(ARM);
        assertThat(token.path("client_id").asText()).isEqualTo(emulator.systemAssignedClientId());
        // IMDS gives its numbers as strings.
        assertThat(token.path("expires_in").isTextual()).isTrue();
        assertThat(Long.parseLong(token.path("expires_in").asText())).isBetween(3500L, 3600L);
        assertThat(Long.parseLong(token.path("expires_on").asText())).isGreaterThan(before.getEpochSecond() + 3500);
        assertThat(Long.parseLong(token.path("not_before").asText())).isBetween(before.getEpochSecond() - 1, before.getEpochSecond() + 5);

        ArmTestClient arm = new ArmTestClient(emulator).withToken(token.path("access_token").asText());
        assertThat(arm.get(v(emulator.experimentResourceId("x"))).status()).isEqualTo(200);
    }

    @Test
    void withoutTheMetadataHeaderIMDSRefusesTheRequest() throws Exception {
        start(ChaosStudioEmulator.builder());
        Answer answer = get(tokenQuery(""), false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error_description").asText()).isEqualTo("Required metadata header not specified");
        assertThat(emulator.counters().tokensIssued()).isZero();
    }

    @Test
    void apiVersionAndResourceAreRequired() throws Exception {
        start(ChaosStudioEmulator.builder());
        Answer noVersion = get("/metadata/identity/oauth2/token?resource=" + ARM, true);
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().path("error_description").asText()).contains("api-version");
        Answer otherVersion = get("/metadata/identity/oauth2/token?api-version=1999-01-01&resource=" + ARM, true);
        assertThat(otherVersion.status()).isEqualTo(400);
        assertThat(otherVersion.json().path("error_description").asText()).contains("2018-02-01");
        Answer noResource = get("/metadata/identity/oauth2/token?api-version=2018-02-01", true);
        assertThat(noResource.status()).isEqualTo(400);
        assertThat(noResource.json().path("error_description").asText()).contains("resource");
        assertThat(get("/metadata/instance?api-version=2018-02-01", true).status()).isEqualTo(404);
    }

    @Test
    void aUserAssignedIdentityIsChosenByClientIdObjectIdOrResourceId() throws Exception {
        start(ChaosStudioEmulator.builder().userAssignedIdentity(USER_ASSIGNED));
        Answer byClientId = get(tokenQuery("&client_id=" + USER_ASSIGNED), true);
        assertThat(byClientId.status()).isEqualTo(200);
        assertThat(byClientId.json().path("client_id").asText()).isEqualTo(USER_ASSIGNED);

        ManagedIdentities.Identity identity = new ManagedIdentities(null, java.util.List.of(USER_ASSIGNED),
                ChaosStudioEmulator.DEFAULT_SUBSCRIPTION_ID, ChaosStudioEmulator.DEFAULT_RESOURCE_GROUP).userAssigned().get(0);
        Answer byObjectId = get(tokenQuery("&object_id=" + identity.objectId()), true);
        assertThat(byObjectId.json().path("client_id").asText()).isEqualTo(USER_ASSIGNED);
        Answer byResourceId = get(tokenQuery("&msi_res_id=" + URLEncoder.encode(identity.resourceId(), StandardCharsets.UTF_8)), true);
        assertThat(byResourceId.json().path("client_id").asText()).isEqualTo(USER_ASSIGNED);

        Answer both = get(tokenQuery("&client_id=" + USER_ASSIGNED + "&object_id=" + identity.objectId()), true);
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void anIdentityThatIsNotAttachedGetsIMDSsIdentityNotFound() throws Exception {
        start(ChaosStudioEmulator.builder().userAssignedIdentity(USER_ASSIGNED));
        assertIdentityNotFound(get(tokenQuery("&client_id=00000000-0000-0000-0000-000000000001"), true));
        assertIdentityNotFound(get(tokenQuery("&object_id=00000000-0000-0000-0000-000000000001"), true));
        assertThat(emulator.counters().tokensIssued()).isZero();
    }

    @Test
    void aHostWithNoIdentityAnswersIdentityNotFound() throws Exception {
        start(ChaosStudioEmulator.builder().systemAssignedIdentity(false));
        assertThat(emulator.systemAssignedClientId()).isNull();
        assertIdentityNotFound(get(tokenQuery(""), true));
    }

    @Test
    void withOnlyOneUserAssignedIdentityItIsTheDefault() throws Exception {
        start(ChaosStudioEmulator.builder().systemAssignedIdentity(false).userAssignedIdentity(USER_ASSIGNED));
        assertThat(get(tokenQuery(""), true).json().path("client_id").asText()).isEqualTo(USER_ASSIGNED);
    }

    @Test
    void theEnvironmentRedirectsAzureIdentityToThisHostAndKnobsAndTheJournalCoverIt() throws Exception {
        start(ChaosStudioEmulator.builder());
        assertThat(emulator.imdsEnvironment()).containsOnlyKeys("AZURE_POD_IDENTITY_AUTHORITY_HOST")
                .containsEntry("AZURE_POD_IDENTITY_AUTHORITY_HOST", emulator.imdsEndpoint().toString());
        assertThat(emulator.imdsEndpoint().getScheme()).isEqualTo("http");
        assertThat(emulator.imdsEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(emulator.imdsEndpoint().getPath()).isEmpty();
        assertThat(emulator.imdsEndpoint().getPort()).isNotEqualTo(emulator.identityEndpoint().getPort());

        emulator.knobs().inject(ArmOperation.GET_TOKEN, FaultKnob.serverError(), 1);
        assertThat(get(tokenQuery(""), true).status()).isEqualTo(500);
        assertThat(get(tokenQuery(""), true).status()).isEqualTo(200);
        // A host exported with a trailing slash makes clients ask for //metadata/...
        assertThat(get("/" + tokenQuery(""), true).status()).isEqualTo(200);
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::status).containsExactly(500, 200, 200);
    }
}
