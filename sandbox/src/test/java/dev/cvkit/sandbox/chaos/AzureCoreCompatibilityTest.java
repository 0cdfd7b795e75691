package dev.cvkit.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncDefaultPollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.serializer.TypeReference;
import dev.cvkit.sandbox.testutil.ChildJvm;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The emulator against the real Azure SDK runtime the plugins use: azure-core's pipeline with the ARM
 * bearer-token policy over the JDK HTTP client, azure-core's LRO poller, and azure-identity's
 * ManagedIdentityCredential (in a child JVM, because MSAL4J reads AZURE_POD_IDENTITY_AUTHORITY_HOST and
 * IDENTITY_ENDPOINT/IDENTITY_HEADER with System.getenv), by IMDS (as on Azure Load Testing) and by App Service.
 */
class AzureCoreCompatibilityTest {

    private static final String USER_ASSIGNED = "7e1b2c3d-0a9f-4e8d-b7c6-5a4f3e2d1c0b";

    private ChaosStudioEmulator emulator;

    @BeforeEach
    void start() {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).startupLatency(Duration.ofMillis(300)).retryAfter(Duration.ZERO)
                .userAssignedIdentity(USER_ASSIGNED).experiment("stamp-down", Experiments.podFailure("PT30S")).build();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpPipeline pipeline() {
        TokenCredential credential = request -> Mono.just(new AccessToken(emulator.issueAccessToken(), OffsetDateTime.now().plusHours(1)));
        return new HttpPipelineBuilder()
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(emulator.tls().clientSslContext())).build())
                .policies(new BearerTokenAuthenticationPolicy(credential, "https://management.azure.com/.default"))
                .build();
    }

    @Test
    void azureCoresPollerDrivesTheStartToCompletion() {
        HttpPipeline pipeline = pipeline();
        String start = emulator.endpoint() + emulator.experimentResourceId("stamp-down") + "/start?api-version=" + ChaosStudioEmulator.API_VERSION;
        SyncPoller<BinaryData, BinaryData> poller = SyncPoller.createPoller(Duration.ofMillis(50),
                () -> {
                    com.azure.core.http.HttpResponse r = pipeline.sendSync(new HttpRequest(HttpMethod.POST, start), Context.NONE);
                    Response<BinaryData> response = new com.azure.core.http.rest.SimpleResponse<>(r.getRequest(), r.getStatusCode(),
                            r.getHeaders(), r.getBodyAsBinaryData());
                    return response;
                },
                new SyncDefaultPollingStrategy<>(pipeline),
                TypeReference.createInstance(BinaryData.class),
                TypeReference.createInstance(BinaryData.class));
        PollResponse<BinaryData> done = poller.waitForCompletion(Duration.ofSeconds(30));
        assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(emulator.executions("stamp-down")).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING));
        // azure-core's generic strategy polls the Location URL (ARM's own poller prefers Azure-AsyncOperation).
        assertThat(emulator.journal().entries(ArmOperation.GET_OPERATION_RESULT)).extracting(JournalEntry::status).last().isEqualTo(200);
    }

    private String experimentUrl() {
        return emulator.endpoint() + emulator.experimentResourceId("stamp-down") + "?api-version=" + ChaosStudioEmulator.API_VERSION;
    }

    @Test
    void managedIdentityCredentialGetsATokenFromImdsAtTheHostAzureIdentityIsRedirectedTo() throws Exception {
        ChildJvm.Result result = ChildJvm.run(ManagedIdentityProbeMain.class, emulator.tls().jvmTrustStoreProperties(),
                emulator.imdsEnvironment(), 90, experimentUrl());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("status=200").contains("\"name\":\"stamp-down\"");
        // The token came from the emulated IMDS (MSAL4J's IMDS source), not from another route.
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::path).contains(ImdsHandler.PATH);
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::path).doesNotContain(IdentityHandler.PATH);
    }

    @Test
    void aUserAssignedIdentityIsAskedForByClientIdAndAnUnattachedOneIsRefusedWithImdsError() throws Exception {
        ChildJvm.Result attached = ChildJvm.run(ManagedIdentityProbeMain.class, emulator.tls().jvmTrustStoreProperties(),
                emulator.imdsEnvironment(), 90, experimentUrl(), USER_ASSIGNED);
        assertThat(attached.exitCode()).as(attached.output()).isZero();
        assertThat(attached.output()).contains("status=200");

        ChildJvm.Result notAttached = ChildJvm.run(ManagedIdentityProbeMain.class, emulator.tls().jvmTrustStoreProperties(),
                emulator.imdsEnvironment(), 90, experimentUrl(), "00000000-1111-2222-3333-444444444444");
        assertThat(notAttached.exitCode()).isNotZero();
        assertThat(notAttached.output()).doesNotContain("status=200").contains("Identity not found");
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::status).contains(200, 400);
    }

    @Test
    void theAppServiceRouteGetsATokenAndArmAcceptsIt() throws Exception {
        String url = emulator.endpoint() + emulator.experimentResourceId("stamp-down") + "?api-version=" + ChaosStudioEmulator.API_VERSION;
        ChildJvm.Result result = ChildJvm.run(ManagedIdentityProbeMain.class, emulator.tls().jvmTrustStoreProperties(),
                emulator.identityEnvironment(), 90, url);
        assertThat(result.output()).contains("status=200").contains("\"name\":\"stamp-down\"");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(emulator.counters().tokensIssued()).isGreaterThanOrEqualTo(1);
        assertThat(emulator.journal().entries(ArmOperation.GET_TOKEN)).extracting(JournalEntry::status).contains(200);

        ChildJvm.Result noIdentity = ChildJvm.run(ManagedIdentityProbeMain.class, emulator.tls().jvmTrustStoreProperties(),
                Map.of("IDENTITY_ENDPOINT", emulator.identityEndpoint().toString(), "IDENTITY_HEADER", "wrong-secret"), 90, url);
        assertThat(noIdentity.exitCode()).isNotZero();
        assertThat(noIdentity.output()).doesNotContain("status=200");
    }
}
