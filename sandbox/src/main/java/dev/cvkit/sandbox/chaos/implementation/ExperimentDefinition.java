package dev.cvkit.sandbox.chaos.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Chaos Studio experiment as deployed: where it lives (subscription, resource group, name, location),
 * the JSON the user wrote (returned unchanged by GET) and the parsed steps the executor runs.
 *
 * @param subscriptionId subscription GUID
 * @param resourceGroup  resource group name
 * @param name           experiment name, as first written (ARM names are case-insensitive)
 * @param location       Azure region, e.g. {@code eastus}
 * @param identity       the request's {@code identity} object, or null
 * @param tags           the request's {@code tags} object, or null
 * @param selectorsJson  {@code properties.selectors} as written
 * @param stepsJson      {@code properties.steps} as written
 * @param selectors      parsed selectors
 * @param steps          parsed steps
 */
public record ExperimentDefinition(
        String subscriptionId,
        String resourceGroup,
        String name,
        String location,
        JsonNode identity,
        JsonNode tags,
        ArrayNode selectorsJson,
        ArrayNode stepsJson,
        List<Selector> selectors,
        List<Step> steps) {

    /** A selector: a named list of Chaos target resource ids ({@code List}) or an ARG query ({@code Query}). */
    public record Selector(String id, String type, List<String> targetIds) {
    }

    /** A step: its branches run in parallel; steps run one after the other. */
    public record Step(String name, List<Branch> branches) {
    }

    /** A branch: its actions run one after the other. */
    public record Branch(String name, List<Action> actions) {
    }

    /**
     * An action.
     *
     * @param name       capability URN
     * @param type       {@code continuous}, {@code discrete} or {@code delay}
     * @param duration   how long it lasts (continuous, delay); null for discrete
     * @param parameters key/value parameters in order (empty for delay)
     * @param selectorId the selector it applies to; null for delay
     */
    public record Action(String name, String type, Duration duration, Map<String, String> parameters, String selectorId) {
    }

    /** The ARM resource id of this experiment. */
    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Chaos/experiments/" + name;
    }

    /** The selector with the given id; null when absent. */
    public Selector selector(String id) {
        for (Selector selector : selectors) {
            if (selector.id().equals(id)) {
                return selector;
            }
        }
        return null;
    }
}
