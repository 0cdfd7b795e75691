package dev.cvkit.jmeter.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import dev.cvkit.jmeter.testing.Corpus;
import dev.cvkit.jmeter.testing.FakeResponse;
import dev.cvkit.jmeter.testing.ScriptedHttpClient;
import dev.cvkit.jmeter.testing.SpecExample;
import dev.cvkit.jmeter.testing.StaticToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unit level: every published example of the Chaos Studio REST spec, answered by an in-memory HTTP client
 * behind the client's real azure-core pipeline, is read back into the right values. (The same examples are
 * served over HTTPS on loopback by {@code ExperimentsOverHttpsIT}-style tests once the emulator is there.)
 */
class ExperimentsSpecExamplesTest {

    private static final ExperimentId EXPERIMENT = ExperimentId.of("6b052e15-03d3-4f17-b2e1-be7f07588291",
            "exampleRG", "exampleExperiment");

    private Path chaos;

    @BeforeEach
    void corpus() {
        chaos = Corpus.folder("chaos");
    }

    private ChaosStudioClient client(ScriptedHttpClient http) {
        return new ChaosStudioClientBuilder().credential(new StaticToken()).httpClient(http)
                .pollInterval(Duration.ofMillis(10)).buildClient();
    }

    private FakeResponse answer(HttpRequest request, String file, int status) {
        SpecExample.Answer answer = SpecExample.read(chaos.resolve(file)).answer(status);
        FakeResponse response = FakeResponse.json(request, status, answer.body());
        answer.headers().forEach(response::header);
        return response;
    }

    @Test
    void getReadsStepsBranchesAndActions() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> answer(r, "Experiments_Get.json", 200));
        Experiment experiment = client(http).experiments().get(EXPERIMENT, Context.NONE);

        assertThat(experiment.name()).isEqualTo("exampleExperiment");
        assertThat(experiment.steps()).hasSize(1);
        ExperimentAction action = experiment.steps().get(0).branches().get(0).actions().get(0);
        assertThat(action.type()).isEqualTo("continuous");
        assertThat(action.duration()).contains(Duration.ofMinutes(10));
        assertThat(http.calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("GET");
            assertThat(call.url()).isEqualTo("https://management.azure.com/subscriptions/6b052e15-03d3-4f17-b2e1-be7f07588291"
                    + "/resourceGroups/exampleRG/providers/Microsoft.Chaos/experiments/exampleExperiment?api-version=2025-01-01");
            assertThat(call.authorized()).isTrue();
        });
    }

    @Test
    void listFollowsTheNextLinkOnceAndStopsWhenItRepeats() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> answer(r, "Experiments_ListAllExecutions.json", 200));
        List<ExperimentExecution> executions =
                client(http).experiments().listExecutions(EXPERIMENT, Context.NONE).stream().toList();

        // First page, then the nextLink (a different URL), whose answer repeats the same nextLink: the end.
        assertThat(http.calls()).hasSize(2);
        assertThat(http.calls().get(1).url()).contains("/executionDetails?continuationToken=");
        assertThat(executions).hasSize(4);
        ExperimentExecution first = executions.get(0);
        assertThat(first.executionId()).isEqualTo("f24500ad-744e-4a26-864b-b76199eac333");
        assertThat(first.status()).isEqualTo("failed");
        assertThat(first.isTerminal()).isTrue();
        assertThat(first.startedAt()).isEqualTo(OffsetDateTime.of(2020, 12, 14, 21, 52, 52, 255257400, ZoneOffset.UTC));
        assertThat(executions.get(1).status()).isEqualTo("success");
    }

    @Test
    void listOfTheOlderExampleReadsTheIdFromTheNameWhenTheResourceIdIsCutShort() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> r.getUrl().getQuery().contains("continuationToken")
                ? FakeResponse.json(r, 200, "{\"value\":[]}")
                : answer(r, "ExperimentExecutions_List.json", 200));
        List<ExperimentExecution> executions =
                client(http).experiments().listExecutions(EXPERIMENT, Context.NONE).stream().toList();
        assertThat(executions).extracting(ExperimentExecution::executionId)
                .containsExactly("f24500ad-744e-4a26-864b-b76199eac333", "14d98367-52ef-4596-be4f-53fc81bbfc33");
    }

    @Test
    void getExecutionReadsStatusAndTimes() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> answer(r, "Experiments_GetExecution.json", 200));
        ExperimentExecution execution = client(http).experiments()
                .getExecution(EXPERIMENT, "f24500ad-744e-4a26-864b-b76199eac333", Context.NONE);
        assertThat(execution.status()).isEqualTo("failed");
        assertThat(execution.stoppedAt()).isNotNull();
        assertThat(http.calls().get(0).url()).contains("/executions/f24500ad-744e-4a26-864b-b76199eac333?");
    }

    @Test
    void executionDetailsOfBothPublishedVariantsGiveTheFailureReasonAndTheFailedAction() {
        for (String file : List.of("Experiments_ExecutionDetails.json", "ExperimentExecutions_GetExecutionDetails.json")) {
            ScriptedHttpClient http = new ScriptedHttpClient(r -> answer(r, file, 200));
            ExecutionDetails details = client(http).experiments()
                    .getExecutionDetails(EXPERIMENT, "f24500ad-744e-4a26-864b-b76199eac333", Context.NONE);
            assertThat(details.failureReason()).as(file).isEqualTo("Dependency failure");
            assertThat(details.execution().executionId()).isEqualTo("f24500ad-744e-4a26-864b-b76199eac333");
            assertThat(details.actions()).singleElement().satisfies(action -> {
                assertThat(action.status()).isEqualTo("failed");
                assertThat(action.failedTargets()).isEqualTo(1);
            });
            assertThat(http.calls().get(0).method()).isEqualTo("POST");
            assertThat(http.calls().get(0).url()).contains("/getExecutionDetails?api-version=2025-01-01");
        }
    }

    @Test
    void beginStartPostsOnceAndFollowsTheAzureAsyncOperation() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> r.getUrl().getPath().endsWith("/start")
                ? answer(r, "Experiments_Start.json", 202)
                : answer(r, "OperationStatuses_Get.json", 200));
        var poller = client(http).experiments().beginStart(EXPERIMENT, Context.NONE);
        assertThat(http.count("POST", "/start")).isEqualTo(1);

        // ARM's poller passes Chaos Studio's own operation status through: "Creating", not finished.
        LongRunningOperationStatus status = poller.poll().getStatus();
        assertThat(status.toString()).isEqualTo("Creating");
        assertThat(status.isComplete()).isFalse();
        assertThat(http.calls().get(http.calls().size() - 1).url())
                .contains("/operationStatus/00000000-0000-0000-0000-000000000000");
    }

    @Test
    void beginCancelAcceptsTheSynchronousAnswerWithABody() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> r.getUrl().getPath().endsWith("/cancel")
                ? answer(r, "Experiments_Cancel.json", 200)
                : answer(r, "OperationStatuses_Get.json", 200));
        client(http).experiments().beginCancel(EXPERIMENT, Context.NONE);
        assertThat(http.count("POST", "/cancel")).isEqualTo(1);
    }

    @Test
    void theTokenTravelsInTheHeaderOnly() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> {
            assertThat(r.getHeaders().getValue(com.azure.core.http.HttpHeaderName.AUTHORIZATION))
                    .isEqualTo("Bearer " + StaticToken.SECRET);
            assertThat(r.getUrl().toString()).doesNotContain(StaticToken.SECRET);
            return (HttpResponse) answer(r, "Experiments_Get.json", 200);
        });
        client(http).experiments().get(EXPERIMENT, Context.NONE);
    }
}
