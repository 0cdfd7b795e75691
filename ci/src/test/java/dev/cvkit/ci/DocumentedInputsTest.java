package dev.cvkit.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.ci.support.Checkout;
import dev.cvkit.ci.support.Yamls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every Azure Pipelines task and GitHub action the pipelines use is one whose documented inputs are written down in
 * documented-inputs.yaml (with where they were read), every input given is one of them, and every required one is given.
 */
class DocumentedInputsTest {

    /** A task's or action's documented inputs; {@code required} entries may be alternatives written a|b. */
    private record Documented(Set<String> inputs, List<String> required) {
    }

    private static Map<String, Documented> documented(String section) throws IOException {
        try (InputStream in = DocumentedInputsTest.class.getResourceAsStream("documented-inputs.yaml")) {
            Map<?, ?> all = (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Documented> result = new java.util.LinkedHashMap<>();
            ((Map<?, ?>) all.get(section)).forEach((name, value) -> {
                Map<?, ?> entry = (Map<?, ?>) value;
                Set<String> inputs = new LinkedHashSet<>();
                ((List<?>) entry.get("inputs")).forEach(i -> inputs.add(String.valueOf(i)));
                List<String> required = new ArrayList<>();
                ((List<?>) entry.get("required")).forEach(r -> required.add(String.valueOf(r)));
                result.put(String.valueOf(name), new Documented(inputs, required));
            });
            return result;
        }
    }

    @Test
    void everyTaskInputIsDocumentedAndEveryRequiredOneGiven() throws IOException {
        Map<String, Documented> tasks = documented("azure-pipelines");
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Path file : Yamls.pipelineFiles()) {
            if (Yamls.isGithubWorkflow(file)) {
                continue;
            }
            Yamls.eachMap(Yamls.load(file), step -> {
                if (!step.containsKey("task")) {
                    return;
                }
                String task = String.valueOf(step.get("task"));
                used.add(task);
                Documented known = tasks.get(task);
                if (known == null) {
                    problems.add(where(file) + ": task " + task + " has no documented inputs in documented-inputs.yaml");
                    return;
                }
                Set<String> given = keys(step.get("inputs"));
                given.stream().filter(input -> !known.inputs().contains(input))
                        .forEach(input -> problems.add(where(file) + ": " + task + " has no input '" + input + "'"));
                missingRequired(known, given, false)
                        .forEach(input -> problems.add(where(file) + ": " + task + " needs input " + input));
            });
        }
        assertThat(problems).isEmpty();
        assertThat(used).contains("AzureLoadTest@1", "PublishTestResults@2", "PublishPipelineArtifact@1");
    }

    @Test
    void everyActionInputIsDocumentedAndEveryRequiredOneGiven() throws IOException {
        Map<String, Documented> actions = documented("github-actions");
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Path file : Yamls.pipelineFiles()) {
            if (!Yamls.isGithubWorkflow(file)) {
                continue;
            }
            Yamls.eachMap(Yamls.load(file), step -> {
                if (!step.containsKey("uses")) {
                    return;
                }
                String uses = String.valueOf(step.get("uses"));
                String action = uses.contains("@") ? uses.substring(0, uses.indexOf('@')) : uses;
                used.add(action);
                Documented known = actions.get(action.toLowerCase(Locale.ROOT));
                if (known == null) {
                    problems.add(where(file) + ": action " + uses + " has no documented inputs in documented-inputs.yaml");
                    return;
                }
                if (!uses.contains("@")) {
                    problems.add(where(file) + ": action " + uses + " is not pinned to a version");
                }
                // The runner matches input names without regard to letter case.
                Set<String> documentedLower = lower(known.inputs());
                Set<String> given = keys(step.get("with"));
                given.stream().filter(input -> !documentedLower.contains(input.toLowerCase(Locale.ROOT)))
                        .forEach(input -> problems.add(where(file) + ": " + uses + " has no input '" + input + "'"));
                missingRequired(known, given, true)
                        .forEach(input -> problems.add(where(file) + ": " + uses + " needs input " + input));
            });
        }
        assertThat(problems).isEmpty();
        assertThat(used).contains("azure/login", "azure/load-testing", "actions/upload-artifact");
    }

    @Test
    void theDocumentedListsSayWhereTheyComeFrom() throws IOException {
        // Each entry is preceded by a comment naming its source (URL or repository file and commit).
        String text = new String(DocumentedInputsTest.class.getResourceAsStream("documented-inputs.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        for (String section : List.of("azure-pipelines", "github-actions")) {
            for (String name : documented(section).keySet()) {
                int at = text.indexOf("\n  " + name + ":\n");
                assertThat(at).as(name).isPositive();
                String following = text.substring(at + name.length() + 5, Math.min(text.length(), at + name.length() + 400));
                assertThat(following.lines().findFirst().orElse("")).as("the line after %s: names its source", name)
                        .matches("\\s+# .*(https://|commit |action\\.yml).*");
            }
        }
    }

    private static List<String> missingRequired(Documented known, Set<String> given, boolean ignoreCase) {
        Set<String> givenNames = ignoreCase ? lower(given) : given;
        List<String> missing = new ArrayList<>();
        for (String requirement : known.required()) {
            boolean satisfied = false;
            for (String alternative : requirement.split("\\|")) {
                satisfied |= givenNames.contains(ignoreCase ? alternative.toLowerCase(Locale.ROOT) : alternative);
            }
            if (!satisfied) {
                missing.add(requirement);
            }
        }
        return missing;
    }

    private static Set<String> keys(Object mapping) {
        Set<String> keys = new LinkedHashSet<>();
        if (mapping instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        }
        return keys;
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> lower = new LinkedHashSet<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static String where(Path file) {
        return Checkout.root().relativize(file).toString();
    }
}
