package dev.cvkit.sandbox.chaos.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cvkit.sandbox.chaos.InvalidExperimentException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an experiment written in Chaos Studio's own JSON: the body of
 * {@code PUT .../providers/Microsoft.Chaos/experiments/{name}} ({@code location}, {@code identity},
 * {@code tags}, {@code properties.selectors}, {@code properties.steps}), checking it the way the service
 * does and naming the JSON path of the first problem.
 *
 * <p>Unknown fault URNs are <em>not</em> refused here: Chaos Studio accepts any capability name at deploy
 * time and fails the execution; the emulator does the same.
 */
public final class ExperimentParser {

    /** ARM's pattern for a subscription GUID. */
    static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** The spec's pattern for an experiment name. */
    static final Pattern EXPERIMENT_NAME = Pattern.compile("[^<>%&:?#/\\\\]+");
    private static final Pattern EXPERIMENT_ID = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Chaos/experiments/([^/]+)",
            Pattern.CASE_INSENSITIVE);

    private ExperimentParser() {
    }

    /**
     * Parses a PUT body for an experiment whose location in ARM (subscription, group, name) is already known.
     *
     * @param source names the input in error messages, e.g. a file path or {@code request body}
     */
    public static ExperimentDefinition parse(JsonNode body, String source, String subscriptionId, String resourceGroup,
            String name) throws InvalidExperimentException {
        if (body == null || !body.isObject()) {
            throw new InvalidExperimentException(source + ": expected a JSON object (the experiment resource), got "
                    + (body == null ? "nothing" : body.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        if (body.has("$schema") || body.has("resources")) {
            throw new InvalidExperimentException(source + ": this looks like an ARM template; the emulator reads the experiment "
                    + "resource itself (the JSON you PUT to .../Microsoft.Chaos/experiments/{name}: location, identity, properties)");
        }
        if (!EXPERIMENT_NAME.matcher(name).matches()) {
            throw new InvalidExperimentException(source + ": experiment name '" + name + "' contains a character ARM refuses (<>%&:?#/\\)");
        }
        String location = requiredText(body, "location", source, "location");
        JsonNode identity = optionalObject(body, "identity", source);
        if (identity != null) {
            String type = requiredText(identity, "type", source, "identity.type");
            if (!Set.of("none", "systemassigned", "userassigned", "systemassigned,userassigned")
                    .contains(type.replace(" ", "").toLowerCase(Locale.ROOT))) {
                throw new InvalidExperimentException(source + ": identity.type: expected None, SystemAssigned, UserAssigned or "
                        + "'SystemAssigned,UserAssigned', got '" + type + "'");
            }
        }
        JsonNode tags = optionalObject(body, "tags", source);
        JsonNode properties = body.get("properties");
        if (properties == null || !properties.isObject()) {
            throw new InvalidExperimentException(source + ": properties: expected an object with selectors and steps");
        }
        ArrayNode selectorsJson = requiredArray(properties, "selectors", source, "properties.selectors");
        ArrayNode stepsJson = requiredArray(properties, "steps", source, "properties.steps");
        List<ExperimentDefinition.Selector> selectors = parseSelectors(selectorsJson, source);
        Set<String> selectorIds = new HashSet<>();
        selectors.forEach(s -> selectorIds.add(s.id()));
        List<ExperimentDefinition.Step> steps = parseSteps(stepsJson, source, selectorIds);
        return new ExperimentDefinition(subscriptionId, resourceGroup, name, location, identity, tags,
                selectorsJson.deepCopy(), stepsJson.deepCopy(), List.copyOf(selectors), List.copyOf(steps));
    }

    /**
     * Parses an experiment file: the PUT body, placed in ARM by its {@code id} when present, else named by its
     * {@code name} field or, failing that, {@code nameFallback} (the file name), in the default group.
     */
    public static ExperimentDefinition parseFile(JsonNode body, String source, String nameFallback,
            String defaultSubscriptionId, String defaultResourceGroup) throws InvalidExperimentException {
        String subscription = defaultSubscriptionId;
        String group = defaultResourceGroup;
        String name = nameFallback;
        if (body != null && body.isObject()) {
            JsonNode id = body.get("id");
            JsonNode nameNode = body.get("name");
            if (id != null && id.isTextual()) {
                Matcher m = EXPERIMENT_ID.matcher(id.asText());
                if (!m.matches()) {
                    throw new InvalidExperimentException(source + ": id: expected /subscriptions/{guid}/resourceGroups/{group}"
                            + "/providers/Microsoft.Chaos/experiments/{name}, got '" + id.asText() + "'");
                }
                subscription = m.group(1);
                group = m.group(2);
                name = m.group(3);
                if (!GUID.matcher(subscription).matches()) {
                    throw new InvalidExperimentException(source + ": id: subscription '" + subscription + "' is not a GUID");
                }
            } else if (nameNode != null && nameNode.isTextual() && !nameNode.asText().isBlank()) {
                name = nameNode.asText();
            }
        }
        return parse(body, source, subscription, group, name);
    }

    private static List<ExperimentDefinition.Selector> parseSelectors(ArrayNode selectorsJson, String source)
            throws InvalidExperimentException {
        if (selectorsJson.isEmpty()) {
            throw new InvalidExperimentException(source + ": properties.selectors: at least one selector is required");
        }
        List<ExperimentDefinition.Selector> selectors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < selectorsJson.size(); i++) {
            String path = "properties.selectors[" + i + "]";
            JsonNode node = selectorsJson.get(i);
            requireObject(node, source, path);
            String id = requiredText(node, "id", source, path + ".id");
            if (!ids.add(id)) {
                throw new InvalidExperimentException(source + ": " + path + ".id: selector id '" + id + "' is used twice");
            }
            String type = requiredText(node, "type", source, path + ".type");
            List<String> targets = new ArrayList<>();
            if (type.equals("List")) {
                ArrayNode targetsJson = requiredArray(node, "targets", source, path + ".targets");
                if (targetsJson.isEmpty()) {
                    throw new InvalidExperimentException(source + ": " + path + ".targets: a List selector needs at least one target");
                }
                for (int t = 0; t < targetsJson.size(); t++) {
                    String targetPath = path + ".targets[" + t + "]";
                    JsonNode target = targetsJson.get(t);
                    requireObject(target, source, targetPath);
                    String targetType = requiredText(target, "type", source, targetPath + ".type");
                    if (!targetType.equals("ChaosTarget")) {
                        throw new InvalidExperimentException(source + ": " + targetPath + ".type: expected ChaosTarget, got '" + targetType + "'");
                    }
                    targets.add(requiredText(target, "id", source, targetPath + ".id"));
                }
            } else if (type.equals("Query")) {
                requiredText(node, "queryString", source, path + ".queryString");
                requiredArray(node, "subscriptionIds", source, path + ".subscriptionIds");
            } else {
                throw new InvalidExperimentException(source + ": " + path + ".type: expected List or Query, got '" + type + "'");
            }
            selectors.add(new ExperimentDefinition.Selector(id, type, List.copyOf(targets)));
        }
        return selectors;
    }

    private static List<ExperimentDefinition.Step> parseSteps(ArrayNode stepsJson, String source, Set<String> selectorIds)
            throws InvalidExperimentException {
        if (stepsJson.isEmpty()) {
            throw new InvalidExperimentException(source + ": properties.steps: at least one step is required");
        }
        List<ExperimentDefinition.Step> steps = new ArrayList<>();
        Set<String> stepNames = new HashSet<>();
        for (int s = 0; s < stepsJson.size(); s++) {
            String stepPath = "properties.steps[" + s + "]";
            JsonNode stepNode = stepsJson.get(s);
            requireObject(stepNode, source, stepPath);
            String stepName = requiredText(stepNode, "name", source, stepPath + ".name");
            if (!stepNames.add(stepName)) {
                throw new InvalidExperimentException(source + ": " + stepPath + ".name: step name '" + stepName + "' is used twice");
            }
            ArrayNode branchesJson = requiredArray(stepNode, "branches", source, stepPath + ".branches");
            if (branchesJson.isEmpty()) {
                throw new InvalidExperimentException(source + ": " + stepPath + ".branches: at least one branch is required");
            }
            List<ExperimentDefinition.Branch> branches = new ArrayList<>();
            Set<String> branchNames = new HashSet<>();
            for (int b = 0; b < branchesJson.size(); b++) {
                String branchPath = stepPath + ".branches[" + b + "]";
                JsonNode branchNode = branchesJson.get(b);
                requireObject(branchNode, source, branchPath);
                String branchName = requiredText(branchNode, "name", source, branchPath + ".name");
                if (!branchNames.add(branchName)) {
                    throw new InvalidExperimentException(source + ": " + branchPath + ".name: branch name '" + branchName
                            + "' is used twice in step '" + stepName + "'");
                }
                ArrayNode actionsJson = requiredArray(branchNode, "actions", source, branchPath + ".actions");
                if (actionsJson.isEmpty()) {
                    throw new InvalidExperimentException(source + ": " + branchPath + ".actions: at least one action is required");
                }
                List<ExperimentDefinition.Action> actions = new ArrayList<>();
                for (int a = 0; a < actionsJson.size(); a++) {
                    actions.add(parseAction(actionsJson.get(a), source, branchPath + ".actions[" + a + "]", selectorIds));
                }
                branches.add(new ExperimentDefinition.Branch(branchName, List.copyOf(actions)));
            }
            steps.add(new ExperimentDefinition.Step(stepName, List.copyOf(branches)));
        }
        return steps;
    }

    private static ExperimentDefinition.Action parseAction(JsonNode node, String source, String path, Set<String> selectorIds)
            throws InvalidExperimentException {
        requireObject(node, source, path);
        String name = requiredText(node, "name", source, path + ".name");
        String type = requiredText(node, "type", source, path + ".type");
        Duration duration = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        String selectorId = null;
        switch (type) {
            case "continuous" -> {
                duration = duration(node, source, path);
                parameters = parameters(node, source, path);
                selectorId = selectorId(node, source, path, selectorIds);
            }
            case "discrete" -> {
                parameters = parameters(node, source, path);
                selectorId = selectorId(node, source, path, selectorIds);
            }
            case "delay" -> duration = duration(node, source, path);
            default -> throw new InvalidExperimentException(source + ": " + path + ".type: expected continuous, discrete or delay, got '"
                    + type + "'");
        }
        return new ExperimentDefinition.Action(name, type, duration, parameters, selectorId);
    }

    private static Duration duration(JsonNode node, String source, String path) throws InvalidExperimentException {
        String text = requiredText(node, "duration", source, path + ".duration");
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidExperimentException(source + ": " + path + ".duration: expected an ISO-8601 duration such as PT5M or PT30S, got '"
                    + text + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidExperimentException(source + ": " + path + ".duration: must be positive, got '" + text + "'");
        }
        return duration;
    }

    private static Map<String, String> parameters(JsonNode node, String source, String path) throws InvalidExperimentException {
        ArrayNode list = requiredArray(node, "parameters", source, path + ".parameters");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String parameterPath = path + ".parameters[" + i + "]";
            JsonNode pair = list.get(i);
            requireObject(pair, source, parameterPath);
            String key = requiredText(pair, "key", source, parameterPath + ".key");
            String value = requiredText(pair, "value", source, parameterPath + ".value");
            if (parameters.put(key, value) != null) {
                throw new InvalidExperimentException(source + ": " + parameterPath + ".key: parameter '" + key + "' is given twice");
            }
        }
        return parameters;
    }

    private static String selectorId(JsonNode node, String source, String path, Set<String> selectorIds) throws InvalidExperimentException {
        String selectorId = requiredText(node, "selectorId", source, path + ".selectorId");
        if (!selectorIds.contains(selectorId)) {
            throw new InvalidExperimentException(source + ": " + path + ".selectorId: no selector has id '" + selectorId
                    + "' (selectors: " + String.join(", ", new java.util.TreeSet<>(selectorIds)) + ")");
        }
        return selectorId;
    }

    private static void requireObject(JsonNode node, String source, String path) throws InvalidExperimentException {
        if (node == null || !node.isObject()) {
            throw new InvalidExperimentException(source + ": " + path + ": expected an object");
        }
    }

    private static String requiredText(JsonNode node, String field, String source, String path) throws InvalidExperimentException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidExperimentException(source + ": " + path + ": required");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidExperimentException(source + ": " + path + ": expected a non-empty string, got " + value);
        }
        return value.asText();
    }

    private static ArrayNode requiredArray(JsonNode node, String field, String source, String path) throws InvalidExperimentException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidExperimentException(source + ": " + path + ": required");
        }
        if (!value.isArray()) {
            throw new InvalidExperimentException(source + ": " + path + ": expected an array, got " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return (ArrayNode) value;
    }

    private static JsonNode optionalObject(JsonNode node, String field, String source) throws InvalidExperimentException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidExperimentException(source + ": " + field + ": expected an object");
        }
        return value;
    }
}
