package dev.cvkit.sandbox.chaos;

import static dev.cvkit.sandbox.chaos.ArmTestClient.v;
import static dev.cvkit.sandbox.chaos.JsonFieldComparison.Kind.DATE_TIME;
import static dev.cvkit.sandbox.chaos.JsonFieldComparison.Kind.DEVIATION;
import static dev.cvkit.sandbox.chaos.JsonFieldComparison.Kind.EQUAL_IGNORING_CASE;
import static dev.cvkit.sandbox.chaos.JsonFieldComparison.Kind.EXTRA_ALLOWED;
import static dev.cvkit.sandbox.chaos.JsonFieldComparison.Kind.GUID;
import static dev.cvkit.sandbox.chaos.JsonFieldComparison.Kind.STRING;
import static dev.cvkit.sandbox.chaos.JsonFieldComparison.Kind.URL_PATH_SHAPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.sandbox.chaos.fault.RecordingFaultTarget;
import dev.cvkit.sandbox.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Serves every official Microsoft.Chaos 2025-01-01 example of the shared corpus ({@code chaos/*.json}): the
 * emulator gets the example's request (after the state it needs: a deployed experiment, past executions,
 * a failed run), and its answer is compared field by field with the example's response. Generated values
 * (GUIDs, times) are compared by form; where an example contradicts the spec or another example, the
 * deviation and its reason are listed in the rules.
 */
class ChaosSpecExamplesTest {

    private static final Path CHAOS_EXAMPLES = Path.of(System.getProperty("cvkit.corpus", "../shared/corpus"), "chaos");
    private static final String EXPERIMENT_REASON_LOCATION = "the emulator's async URLs follow the spec's OperationStatuses_Get path "
            + "(/subscriptions/{s}/providers/Microsoft.Chaos/locations/{l}/operationStatuses/{id}); the examples' header URLs carry a "
            + "resource group, other api-versions and, for Start, a singular 'operationStatus'";
    private static final String SYSTEM_DATA_TYPE = "the example's createdByType is a GUID; ARM's createdByType is one of "
            + "User|Application|ManagedIdentity|Key and the emulator reports Application";
    private static final String STATUS_CASE = "the live service spells execution statuses in PascalCase (Success, Failed; see "
            + "Get-AzChaosExperimentExecution output), the examples in lower case: compared ignoring case";

    private ChaosStudioEmulator emulator;
    private ArmTestClient arm;
    private final RecordingFaultTarget target = new RecordingFaultTarget();

    static Stream<String> examples() throws IOException {
        if (!Files.isDirectory(CHAOS_EXAMPLES)) {
            // One placeholder case so that the skip is reported with its reason.
            return Stream.of("(corpus absent)");
        }
        try (Stream<Path> files = Files.list(CHAOS_EXAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @BeforeEach
    void start() {
        emulator = ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST).faultTarget(target).startupLatency(Duration.ofMillis(50))
                .cancelLatency(Duration.ofMillis(50)).retryAfter(Duration.ZERO).provisioningLatency(Duration.ofSeconds(30)).build();
        arm = new ArmTestClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theEmulatorAnswersAsTheExampleShows(String fileName) throws Exception {
        assumeTrue(Files.isDirectory(CHAOS_EXAMPLES), "the shared corpus is absent (" + CHAOS_EXAMPLES.toAbsolutePath()
                + "): the spec example comparison is skipped");
        JsonNode example = Json.parse(Files.readString(CHAOS_EXAMPLES.resolve(fileName)));
        JsonNode parameters = example.path("parameters");
        assertThat(parameters.path("api-version").asText()).isEqualTo(ChaosStudioEmulator.API_VERSION);
        switch (fileName) {
            case "Experiments_Get.json" -> experimentsGet(example);
            case "Experiments_CreateOrUpdate.json" -> experimentsCreateOrUpdate(example);
            case "Experiments_Start.json" -> experimentsStart(example);
            case "Experiments_Cancel.json" -> experimentsCancel(example);
            case "OperationStatuses_Get.json" -> operationStatusesGet(example);
            case "Experiments_GetExecution.json" -> executionGet(example);
            case "Experiments_ListAllExecutions.json" -> executionsList(example, new JsonFieldComparison());
            case "ExperimentExecutions_List.json" -> executionsList(example, new JsonFieldComparison()
                    .rule("value[0].id", DEVIATION, "the example's id ends in 'executions/' without the execution name")
                    .rule("value[1].id", DEVIATION, "the example's id uses an 'executionDetails/' segment the spec has no path for"));
            case "ExperimentExecutions_GetExecutionDetails.json" -> executionDetails(example, new JsonFieldComparison()
                    .rule("type", JsonFieldComparison.Kind.EQUAL)
                    .rule("id", URL_PATH_SHAPE));
            case "Experiments_ExecutionDetails.json" -> executionDetails(example, new JsonFieldComparison()
                    .rule("type", DEVIATION, "two examples of getExecutionDetails disagree; the emulator follows "
                            + "ExperimentExecutions_GetExecutionDetails.json, the one the 2025-01-01 spec references (type "
                            + "Microsoft.Chaos/experiments/executions)")
                    .rule("id", DEVIATION, "same disagreement: this example appends /getExecutionDetails to the id"));
            default -> throw new AssertionError("no comparison written for the spec example " + fileName
                    + ": every example of the corpus must be served and compared");
        }
    }

    // ---- helpers ----

    private static String experimentPath(JsonNode parameters) {
        return "/subscriptions/" + parameters.path("subscriptionId").asText() + "/resourceGroups/" + parameters.path("resourceGroupName").asText()
                + "/providers/Microsoft.Chaos/experiments/" + parameters.path("experimentName").asText();
    }

    /** Deploys an experiment through PUT, with a body made from a resource of an example. */
    private ArmTestClient.Answer deploy(String path, JsonNode resource) throws Exception {
        ObjectNode body = Json.object();
        body.put("location", resource.path("location").asText());
        if (resource.has("identity")) {
            body.putObject("identity").put("type", resource.at("/identity/type").asText());
        }
        if (resource.has("tags")) {
            body.set("tags", resource.get("tags"));
        }
        ObjectNode properties = body.putObject("properties");
        properties.set("selectors", resource.at("/properties/selectors"));
        properties.set("steps", resource.at("/properties/steps"));
        ArmTestClient.Answer answer = arm.put(v(path), Json.write(body));
        assertThat(answer.status()).as(answer.raw().body()).isIn(200, 201);
        return answer;
    }

    /** A deployed example experiment of the examples' subscription and group (parameters of {@code example}). */
    private String deployExampleExperiment(JsonNode example) throws Exception {
        String path = experimentPath(example.path("parameters"));
        ObjectNode resource = Json.object();
        resource.put("location", "eastus");
        resource.putObject("identity").put("type", "SystemAssigned");
        ObjectNode properties = resource.putObject("properties");
        properties.set("selectors", Json.parse("[{\"type\":\"List\",\"id\":\"selector1\",\"targets\":[{\"type\":\"ChaosTarget\",\"id\":\""
                + Experiments.STAMP1 + "\"},{\"type\":\"ChaosTarget\",\"id\":\"" + Experiments.STAMP2 + "\"}]}]"));
        properties.set("steps", Json.parse("[{\"name\":\"FirstStep\",\"branches\":[{\"name\":\"FirstBranch\",\"actions\":["
                + Experiments.continuous(Experiments.POD_FAILURE, "PT10M", Experiments.podFailureSpec(), "selector1") + "]}]}]"));
        deploy(path, resource);
        return path;
    }

    private static void assertAgree(String example, JsonFieldComparison comparison, JsonNode expected, JsonNode actual) {
        List<String> mismatches = comparison.compare(expected, actual);
        comparison.deviations().forEach(d -> System.out.println(example + ": documented deviation at " + d));
        assertThat(mismatches).as(example + " vs emulator:\nexpected " + expected + "\nactual   " + actual).isEmpty();
    }

    private static JsonFieldComparison experimentRules() {
        return new JsonFieldComparison()
                .rule("identity.principalId", GUID)
                .rule("identity.tenantId", GUID)
                .rule("systemData.createdAt", DATE_TIME)
                .rule("systemData.lastModifiedAt", DATE_TIME)
                .rule("systemData.createdBy", STRING)
                .rule("systemData.lastModifiedBy", STRING)
                .rule("systemData.createdByType", DEVIATION, SYSTEM_DATA_TYPE)
                .rule("systemData.lastModifiedByType", DEVIATION, SYSTEM_DATA_TYPE);
    }

    /** The spec's shape of an async URL of this emulator, for the header checks. */
    private static String asyncShape(String kind) {
        return "/subscriptions/{guid}/providers/Microsoft.Chaos/locations/eastus/" + kind + "/{guid}";
    }

    private void assertAsyncHeaders(ArmTestClient.Answer answer, JsonNode exampleHeaders, String location) {
        for (String header : new String[] {"Azure-AsyncOperation", "Location"}) {
            assertThat(exampleHeaders.has(header)).as("example has " + header).isTrue();
            String value = answer.header(header);
            assertThat(value).as(header).startsWith(emulator.endpoint().toString()).endsWith("?api-version=" + ChaosStudioEmulator.API_VERSION);
            assertThat(JsonFieldComparison.shape(value)).isEqualTo(asyncShape(header.equals("Location") ? "operationResults" : "operationStatuses")
                    .replace("eastus", location));
        }
        System.out.println("documented deviation in async headers: " + EXPERIMENT_REASON_LOCATION);
    }

    // ---- one method per example ----

    private void experimentsGet(JsonNode example) throws Exception {
        String path = experimentPath(example.path("parameters"));
        JsonNode expected = example.at("/responses/200/body");
        deploy(path, expected);
        ArmTestClient.Answer answer = arm.get(v(path));
        assertThat(answer.status()).isEqualTo(200);
        assertAgree("Experiments_Get", experimentRules()
                .rule("properties.provisioningState", EXTRA_ALLOWED), expected, answer.json());
    }

    private void experimentsCreateOrUpdate(JsonNode example) throws Exception {
        String path = experimentPath(example.path("parameters"));
        String body = Json.write(example.at("/parameters/resource"));
        ArmTestClient.Answer created = arm.put(v(path), body);
        assertThat(created.status()).isEqualTo(201);
        // The request has tags, the example's responses drop them; TrackedResource returns them (as ARM does).
        assertThat(created.json().path("tags")).isEqualTo(example.at("/parameters/resource/tags"));
        assertAgree("Experiments_CreateOrUpdate 201", experimentRules().rule("tags", EXTRA_ALLOWED), example.at("/responses/201/body"),
                created.json());
        assertAsyncHeaders(created, example.at("/responses/201/headers"), "eastus2euap");

        ArmTestClient.Answer updated = arm.put(v(path), body);
        assertThat(updated.status()).isEqualTo(200);
        assertAgree("Experiments_CreateOrUpdate 200", experimentRules().rule("tags", EXTRA_ALLOWED), example.at("/responses/200/body"), updated.json());
        assertAsyncHeaders(updated, example.at("/responses/200/headers"), "eastus2euap");
    }

    private void experimentsStart(JsonNode example) throws Exception {
        String path = deployExampleExperiment(example);
        ArmTestClient.Answer started = arm.post(v(path + "/start"));
        assertThat(example.path("responses").has("202")).isTrue();
        assertThat(started.status()).isEqualTo(202);
        assertThat(example.at("/responses/202").has("body")).isFalse();
        assertThat(started.raw().body()).isEmpty();
        assertAsyncHeaders(started, example.at("/responses/202/headers"), "eastus");
    }

    private void experimentsCancel(JsonNode example) throws Exception {
        String path = deployExampleExperiment(example);
        assertThat(arm.post(v(path + "/start")).status()).isEqualTo(202);
        ArmTestClient.Answer cancelled = arm.post(v(path + "/cancel"));
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.raw().body()).isEmpty();
        assertAsyncHeaders(cancelled, example.at("/responses/202/headers"), "eastus");

        // The example's 200 answer (PostActionResponse) is what the Location URL returns once done.
        ArmTestClient.Answer result;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            result = arm.get(cancelled.header("Location"));
            Thread.sleep(20);
        } while (result.status() == 202 && System.nanoTime() < deadline);
        assertThat(result.status()).isEqualTo(200);
        assertAgree("Experiments_Cancel 200", new JsonFieldComparison()
                .rule("statusUrl", DEVIATION, "the example's statusUrl points at .../experiments/{name}/statuses/{id}, a path of older "
                        + "api-versions; the emulator's points at the execution .../experiments/{name}/executions/{id}"),
                example.at("/responses/200/body"), result.json());
        assertThat(JsonFieldComparison.shape(result.json().path("statusUrl").asText()))
                .isEqualTo(JsonFieldComparison.shape(emulator.endpoint() + path + "/executions/00000000-0000-0000-0000-000000000000"));
    }

    private void operationStatusesGet(JsonNode example) throws Exception {
        String path = experimentPath(Json.parse("{\"subscriptionId\":\"" + Experiments.SUB
                + "\",\"resourceGroupName\":\"rg\",\"experimentName\":\"being-created\"}"));
        ObjectNode resource = (ObjectNode) Json.parse(Experiments.podFailure("PT1M"));
        resource.put("location", "westus2");
        ArmTestClient.Answer created = arm.put(v(path), Json.write(resource));
        assertThat(created.status()).isEqualTo(201);
        ArmTestClient.Answer status = arm.get(created.header("Azure-AsyncOperation"));
        assertThat(status.status()).isEqualTo(200);
        JsonNode expected = example.at("/responses/200/body");
        assertAgree("OperationStatuses_Get", new JsonFieldComparison()
                .rule("id", URL_PATH_SHAPE)
                .rule("name", GUID)
                .rule("startTime", DATE_TIME)
                .rule("resourceId", EXTRA_ALLOWED), expected, status.json());
        assertThat(status.json().path("id").asText()).endsWith("/" + status.json().path("name").asText());
    }

    private void seedExecutions(String experimentName, Iterable<JsonNode> executions) {
        for (JsonNode execution : executions) {
            emulator.addHistoricExecution(experimentName, execution.path("name").asText(), execution.at("/properties/status").asText(),
                    Instant.parse(execution.at("/properties/startedAt").asText()),
                    Instant.parse(execution.at("/properties/stoppedAt").asText()));
        }
    }

    private void executionGet(JsonNode example) throws Exception {
        String path = deployExampleExperiment(example);
        JsonNode expected = example.at("/responses/200/body");
        seedExecutions(example.at("/parameters/experimentName").asText(), List.of(expected));
        ArmTestClient.Answer answer = arm.get(v(path + "/executions/" + example.at("/parameters/executionId").asText()));
        assertThat(answer.status()).isEqualTo(200);
        // Every value equal: the id, name, type, status as stored, and the 7-digit timestamps round-trip.
        assertAgree("Experiments_GetExecution", new JsonFieldComparison(), expected, answer.json());
    }

    private void executionsList(JsonNode example, JsonFieldComparison comparison) throws Exception {
        String path = deployExampleExperiment(example);
        JsonNode expected = example.at("/responses/200/body");
        seedExecutions(example.at("/parameters/experimentName").asText(), expected.path("value"));
        ArmTestClient.Answer answer = arm.get(v(path + "/executions"));
        assertThat(answer.status()).isEqualTo(200);
        assertAgree(example.path("operationId").asText(), comparison.rule("nextLink", DEVIATION,
                "the example has a nextLink with an empty continuationToken on its only page; the emulator, as ARM's paging "
                        + "rules say, gives a nextLink only when another page follows (tested in ChaosStudioEmulatorTest)"),
                expected, answer.json());
    }

    /** Runs a real execution that fails on its second target and compares its details with the example. */
    private void executionDetails(JsonNode example, JsonFieldComparison comparison) throws Exception {
        target.failOn(Experiments.STAMP2);
        String path = deployExampleExperiment(example);
        assertThat(arm.post(v(path + "/start")).status()).isEqualTo(202);
        String executionId = emulator.executions(example.at("/parameters/experimentName").asText()).get(0).executionId();
        emulator.awaitExecution(executionId, ExecutionSnapshot::isTerminal, Duration.ofSeconds(20));
        ArmTestClient.Answer answer = arm.post(v(path + "/executions/" + executionId + "/getExecutionDetails"));
        assertThat(answer.status()).isEqualTo(200);
        String action = "properties.runInformation.steps[*].branches[*].actions[*]";
        comparison
                .rule("name", GUID)
                .rule("properties.failureReason", STRING)
                .rule("properties.lastActionAt", DATE_TIME)
                .rule("properties.startedAt", DATE_TIME)
                .rule("properties.stoppedAt", DATE_TIME)
                .rule("properties.status", EQUAL_IGNORING_CASE, STATUS_CASE)
                .rule("properties.runInformation.steps[*].status", EQUAL_IGNORING_CASE)
                .rule("properties.runInformation.steps[*].branches[*].status", EQUAL_IGNORING_CASE)
                .rule(action + ".status", EQUAL_IGNORING_CASE)
                .rule(action + ".actionId", GUID)
                .rule(action + ".actionName", STRING)
                .rule(action + ".startTime", DATE_TIME)
                .rule(action + ".endTime", DATE_TIME)
                .rule(action + ".targets[*].target", STRING)
                .rule(action + ".targets[*].targetCompletedTime", DATE_TIME)
                .rule(action + ".targets[1].targetFailedTime", DATE_TIME)
                .rule(action + ".targets[0].targetFailedTime", DEVIATION, "the example gives a targetFailedTime to a target whose status "
                        + "is succeeded; the emulator gives it only to failed targets")
                .rule(action + ".targets[*].error", EXTRA_ALLOWED);
        assertAgree(example.path("title").asText(), comparison, example.at("/responses/200/body"), answer.json());
        JsonNode failedTarget = answer.json().at("/properties/runInformation/steps/0/branches/0/actions/0/targets/1");
        assertThat(failedTarget.path("status").asText()).isEqualTo("failed");
        assertThat(failedTarget.at("/error/message").asText()).contains("refused");
    }
}
