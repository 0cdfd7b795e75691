package dev.cvkit.sandbox.chaos.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.sandbox.chaos.InvalidExperimentException;
import dev.cvkit.sandbox.http.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExperimentParserTest {

    private static final String SUB = "5a2d0b3c-7e41-4c69-9d2f-0c1e5f7a8b90";
    private static final String VALID = """
            {
              "location": "eastus",
              "identity": {"type": "SystemAssigned"},
              "tags": {"team": "shoes"},
              "properties": {
                "selectors": [
                  {"type": "List", "id": "aks", "targets": [{"type": "ChaosTarget", "id": "/subscriptions/x/t"}]},
                  {"type": "Query", "id": "q", "queryString": "Resources", "subscriptionIds": ["%s"]}
                ],
                "steps": [
                  {"name": "wait then break", "branches": [
                    {"name": "b1", "actions": [
                      {"type": "delay", "name": "urn:csci:microsoft:chaosStudio:TimedDelay/1.0", "duration": "PT30S"},
                      {"type": "continuous", "name": "urn:x", "duration": "PT5M", "selectorId": "aks",
                       "parameters": [{"key": "jsonSpec", "value": "{}"}]},
                      {"type": "discrete", "name": "urn:y", "selectorId": "q", "parameters": []}
                    ]}
                  ]}
                ]
              }
            }
            """.formatted(SUB);

    private static ExperimentDefinition parse(String json) throws Exception {
        return ExperimentParser.parse(Json.parse(json), "exp.json", SUB, "rg", "exp");
    }

    private static void assertInvalid(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidExperimentException.class).hasMessage("exp.json: " + message);
    }

    @Test
    void parsesStepsBranchesActionsAndSelectors() throws Exception {
        ExperimentDefinition definition = parse(VALID);
        assertThat(definition.resourceId()).isEqualTo("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Chaos/experiments/exp");
        assertThat(definition.location()).isEqualTo("eastus");
        assertThat(definition.selectors()).hasSize(2);
        assertThat(definition.selector("aks").targetIds()).containsExactly("/subscriptions/x/t");
        ExperimentDefinition.Branch branch = definition.steps().get(0).branches().get(0);
        assertThat(branch.actions()).extracting(ExperimentDefinition.Action::type).containsExactly("delay", "continuous", "discrete");
        assertThat(branch.actions().get(0).duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(branch.actions().get(1).parameters()).containsEntry("jsonSpec", "{}");
        assertThat(branch.actions().get(2).duration()).isNull();
        assertThat(definition.tags().path("team").asText()).isEqualTo("shoes");
    }

    @Test
    void namesTheJsonPathOfEachProblem() {
        assertInvalid("[]", "expected a JSON object (the experiment resource), got array");
        assertInvalid(VALID.replace("\"location\": \"eastus\",", ""), "location: required");
        assertInvalid(VALID.replace("\"PT5M\"", "\"5m\""),
                "properties.steps[0].branches[0].actions[1].duration: expected an ISO-8601 duration such as PT5M or PT30S, got '5m'");
        assertInvalid(VALID.replace("\"PT30S\"", "\"PT0S\""), "properties.steps[0].branches[0].actions[0].duration: must be positive, got 'PT0S'");
        assertInvalid(VALID.replace("\"selectorId\": \"aks\"", "\"selectorId\": \"nope\""),
                "properties.steps[0].branches[0].actions[1].selectorId: no selector has id 'nope' (selectors: aks, q)");
        assertInvalid(VALID.replace("\"type\": \"discrete\"", "\"type\": \"sometimes\""),
                "properties.steps[0].branches[0].actions[2].type: expected continuous, discrete or delay, got 'sometimes'");
        assertInvalid(VALID.replace("\"id\": \"q\"", "\"id\": \"aks\""), "properties.selectors[1].id: selector id 'aks' is used twice");
        assertInvalid(VALID.replace("\"type\": \"ChaosTarget\"", "\"type\": \"Resource\""),
                "properties.selectors[0].targets[0].type: expected ChaosTarget, got 'Resource'");
        assertInvalid(VALID.replace("\"SystemAssigned\"", "\"Magic\""),
                "identity.type: expected None, SystemAssigned, UserAssigned or 'SystemAssigned,UserAssigned', got 'Magic'");
        assertInvalid(VALID.replace("[{\"key\": \"jsonSpec\", \"value\": \"{}\"}]", "[{\"key\": \"jsonSpec\"}]"),
                "properties.steps[0].branches[0].actions[1].parameters[0].value: required");
        assertInvalid("{\"$schema\": \"x\", \"resources\": []}",
                "this looks like an ARM template; the emulator reads the experiment resource itself (the JSON you PUT to "
                        + ".../Microsoft.Chaos/experiments/{name}: location, identity, properties)");
    }

    @Test
    void filesArePlacedByIdThenNameThenFileName() throws Exception {
        String withId = VALID.replaceFirst("\\{", "{\"id\": \"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/g1"
                + "/providers/Microsoft.Chaos/experiments/from-id\",");
        ExperimentDefinition byId = ExperimentParser.parseFile(Json.parse(withId), "f.json", "f", SUB, "rg");
        assertThat(byId.resourceId()).isEqualTo("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/g1"
                + "/providers/Microsoft.Chaos/experiments/from-id");
        ExperimentDefinition byName = ExperimentParser.parseFile(Json.parse(VALID.replaceFirst("\\{", "{\"name\": \"named\",")),
                "f.json", "f", SUB, "rg");
        assertThat(byName.name()).isEqualTo("named");
        assertThat(ExperimentParser.parseFile(Json.parse(VALID), "f.json", "file-stem", SUB, "rg").name()).isEqualTo("file-stem");
        assertThatThrownBy(() -> ExperimentParser.parseFile(Json.parse(VALID.replaceFirst("\\{", "{\"id\": \"/bad\",")), "f.json", "f", SUB, "rg"))
                .hasMessageStartingWith("f.json: id: expected /subscriptions/");
    }
}
