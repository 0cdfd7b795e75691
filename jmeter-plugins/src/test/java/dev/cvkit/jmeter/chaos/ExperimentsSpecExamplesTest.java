package dev.cvkit.jmeter.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import dev.cvkit.jmeter.testing.Corpus;
import dev.cvkit.jmeter.testing.SpecExampleServer;
import dev.cvkit.jmeter.testing.StaticToken;
import dev.cvkit.sandbox.tls.SelfSignedTls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests: every published example of the Chaos Studio REST spec ({@code ../shared/corpus/chaos}),
 * served over HTTPS on loopback, is read back by the client (real azure-core pipeline, JDK HTTP client with
 * a trust store, ARM bearer policy) into the right values.
 */
class ExperimentsSpecExamplesTest {

    private static final String SUBSCRIPTION = "6b052e15-03d3-4f17-b2e1-be7f07588291";
    private static final ExperimentId EXPERIMENT = ExperimentId.of(SUBSCRIPTION, "exampleRG", "exampleExperiment");
    private static final String EXPERIMENT_PATH = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/exampleRG/providers/Microsoft.Chaos/experiments/exampleExperiment";

    @TempDir
    static Path tlsDirectory;
    private static SpecExampleServer server;
    private static ChaosStudioClient client;

    @BeforeAll
    static void serve() {
        Path examples = Corpus.folder("chaos");
        SelfSignedTls tls = SelfSignedTls.generate(tlsDirectory);
        server = new SpecExampleServer(examples, tls);
        client = new ChaosStudioClientBuilder()
                .endpoint(server.endpoint())
                .credential(new StaticToken())
                .sslContext(ChaosHttpClients.trustStoreContext(tls.trustStorePath(), tls.trustStorePassword().toCharArray()))
                .pollInterval(Duration.ofMillis(10))
                .buildClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void clean() {
        server.reset();
    }

    @Test
    void getReadsStepsBranchesAndActions() {
        server.route("GET", "/experiments/exampleExperiment", "Experiments_Get.json", 200);
        Experiment experiment = client.experiments().get(EXPERIMENT, Context.NONE);

        assertThat(experiment.name()).isEqualTo("exampleExperiment");
        assertThat(experiment.steps()).hasSize(1);
        ExperimentAction action = experiment.steps().get(0).branches().get(0).actions().get(0);
        assertThat(action.type()).isEqualTo("continuous");
        assertThat(action.duration()).contains(Duration.ofMinutes(10));
        assertThat(server.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.pathAndQuery()).isEqualTo(EXPERIMENT_PATH + "?api-version=2025-01-01");
            assertThat(request.bearer()).isTrue();
        });
    }

    @Test
    void listFollowsTheNextLinkOnceAndStopsWhenItRepeats() {
        server.route("GET", "/executions", "Experiments_ListAllExecutions.json", 200)
                .route("GET", "/executionDetails", "Experiments_ListAllExecutions.json", 200);
        List<ExperimentExecution> executions =
                client.experiments().listExecutions(EXPERIMENT, Context.NONE).stream().toList();

        // First page, then its nextLink (another URL), whose answer repeats the same nextLink: the end.
        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(1).pathAndQuery()).endsWith("/executionDetails?continuationToken=&api-version=2025-01-01");
        assertThat(executions).hasSize(4);
        ExperimentExecution first = executions.get(0);
        assertThat(first.executionId()).isEqualTo("f24500ad-744e-4a26-864b-b76199eac333");
        assertThat(first.status()).isEqualTo("failed");
        assertThat(first.isTerminal()).isTrue();
        assertThat(first.startedAt()).isEqualTo(OffsetDateTime.of(2020, 12, 14, 21, 52, 52, 255257400, ZoneOffset.UTC));
        assertThat(executions.get(1).status()).isEqualTo("success");
    }

    @Test
    void theOlderListExampleGivesIdsFromTheNamesWhenTheResourceIdIsCutShort() {
        server.route("GET", "/executions", "ExperimentExecutions_List.json", 200)
                .route("GET", "/executionDetails", "ExperimentExecutions_List.json", 200);
        List<ExperimentExecution> executions =
                client.experiments().listExecutions(EXPERIMENT, Context.NONE).stream().toList();
        assertThat(executions).extracting(ExperimentExecution::executionId).startsWith(
                "f24500ad-744e-4a26-864b-b76199eac333", "14d98367-52ef-4596-be4f-53fc81bbfc33");
    }

    @Test
    void getExecutionReadsStatusAndTimes() {
        server.route("GET", "/executions/f24500ad-744e-4a26-864b-b76199eac333", "Experiments_GetExecution.json", 200);
        ExperimentExecution execution =
                client.experiments().getExecution(EXPERIMENT, "f24500ad-744e-4a26-864b-b76199eac333", Context.NONE);
        assertThat(execution.status()).isEqualTo("failed");
        assertThat(execution.stoppedAt()).isEqualTo(OffsetDateTime.of(2020, 12, 14, 21, 56, 18, 928195600, ZoneOffset.UTC));
    }

    @Test
    void executionDetailsOfBothPublishedVariantsGiveTheFailureReasonAndTheFailedAction() {
        for (String file : List.of("Experiments_ExecutionDetails.json", "ExperimentExecutions_GetExecutionDetails.json")) {
            server.reset();
            server.route("POST", "/getExecutionDetails", file, 200);
            ExecutionDetails details = client.experiments()
                    .getExecutionDetails(EXPERIMENT, "f24500ad-744e-4a26-864b-b76199eac333", Context.NONE);
            assertThat(details.failureReason()).as(file).isEqualTo("Dependency failure");
            assertThat(details.execution().executionId()).isEqualTo("f24500ad-744e-4a26-864b-b76199eac333");
            assertThat(details.execution().status()).isEqualTo("failed");
            assertThat(details.actions()).singleElement().satisfies(action -> {
                assertThat(action.actionName()).isEqualTo("urn:provider:agent-v2:Microsoft.Azure.Chaos.Fault.CPUPressureAllProcessors");
                assertThat(action.failedTargets()).isEqualTo(1);
                // The published times carry an offset (-08:00): the instant is what counts.
                assertThat(action.startTime().toInstant()).isEqualTo(java.time.Instant.parse("2020-12-14T21:56:13.6270153Z"));
                assertThat(action.endTime().toInstant()).isEqualTo(java.time.Instant.parse("2020-12-14T21:56:13.6270153Z"));
                assertThat(action.lastTargetTime().toInstant()).isEqualTo(java.time.Instant.parse("2021-04-02T17:30:55Z"));
                assertThat(List.of(action.step(), action.branch(), action.index())).containsExactly(0, 0, 0);
            });
            assertThat(server.received()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.pathAndQuery()).endsWith("/executions/f24500ad-744e-4a26-864b-b76199eac333"
                        + "/getExecutionDetails?api-version=2025-01-01");
            });
        }
    }

    @Test
    void startIsAcceptedAndItsAzureAsyncOperationIsFollowed() {
        server.route("POST", "/start", "Experiments_Start.json", 202)
                .route("GET", "/operationStatus/00000000-0000-0000-0000-000000000000", "OperationStatuses_Get.json", 200);
        var poller = client.experiments().beginStart(EXPERIMENT, Context.NONE);
        assertThat(server.received()).singleElement().satisfies(request ->
                assertThat(request.pathAndQuery()).isEqualTo(EXPERIMENT_PATH + "/start?api-version=2025-01-01"));

        // ARM's poller passes Chaos Studio's own operation status through: "Creating", not finished.
        LongRunningOperationStatus status = poller.poll().getStatus();
        assertThat(status.toString()).isEqualTo("Creating");
        assertThat(status.isComplete()).isFalse();
        // The poll went where the service said, with the api-version it gave.
        assertThat(server.received().get(1).pathAndQuery()).endsWith(
                "/locations/eastus/operationStatus/00000000-0000-0000-0000-000000000000?api-version=2024-11-01-preview");
    }

    @Test
    void cancelAcceptsTheSynchronousAnswerWithABody() {
        server.route("POST", "/cancel", "Experiments_Cancel.json", 200)
                .route("GET", "/operationStatuses/00000000-0000-0000-0000-000000000000", "OperationStatuses_Get.json", 200);
        client.experiments().beginCancel(EXPERIMENT, Context.NONE);
        assertThat(server.received().get(0).pathAndQuery()).isEqualTo(EXPERIMENT_PATH + "/cancel?api-version=2025-01-01");
    }

    @Test
    void createOrUpdateAnswersReadAsExperimentsToo() {
        // The PUT's answers carry the same resource shape as GET: the model reads them.
        server.route("GET", "/experiments/exampleExperiment", "Experiments_CreateOrUpdate.json", 200);
        Experiment experiment = client.experiments().get(EXPERIMENT, Context.NONE);
        assertThat(experiment.steps().get(0).branches().get(0).actions().get(0).duration()).contains(Duration.ofMinutes(10));
    }
}
