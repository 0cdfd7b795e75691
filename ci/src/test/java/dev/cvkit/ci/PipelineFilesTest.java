package dev.cvkit.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.ci.support.Checkout;
import dev.cvkit.ci.support.Scenarios;
import dev.cvkit.ci.support.Scenarios.Scenario;
import dev.cvkit.ci.support.Yamls;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pipeline files parse, their templates resolve, and every file they name is in the repository. */
class PipelineFilesTest {

    /**
     * A repository path in a step or an input, possibly with the scenario in it ({@code $(scenario)}, {@code ${{
     * matrix.scenario }}}); not one inside another path, and not a glob excluded with {@code !}.
     */
    private static final Pattern REPOSITORY_PATH = Pattern.compile(
            "(?<![A-Za-z0-9_$./!-])(?:ci|test-plans|baselines|evaluator/target|jmeter-plugins/target)/"
            + "(?:[A-Za-z0-9_.*/-]|\\$\\([A-Za-z_.]+\\)|\\$\\{\\{[^}]*}})+");
    private static final List<String> SCENARIO_PLACEHOLDERS = List.of("$(scenario)", "${{ matrix.scenario }}");

    @Test
    void everyPipelineFileParsesAsAPipelineOrAWorkflow() throws IOException {
        List<Path> files = Yamls.pipelineFiles();
        assertThat(files).extracting(f -> Checkout.root().relativize(f).toString()).contains(
                "ci/azure-pipelines/azure-pipelines.yml", "ci/github/continuous-validation.yml");
        for (Path file : files) {
            Object document = Yamls.load(file);
            assertThat(document).as(file + ": a mapping at the top").isInstanceOf(Map.class);
            Set<Object> keys = new LinkedHashSet<>(((Map<?, ?>) document).keySet());
            if (Yamls.isGithubWorkflow(file)) {
                // YAML 1.1 reads the key `on` as true; GitHub reads it as "on". Either way it must be there.
                assertThat(keys).as(file + ": a workflow has jobs and triggers").contains("jobs", "name", "permissions");
                assertThat(keys.contains("on") || keys.contains(Boolean.TRUE)).as(file + ": on").isTrue();
            } else {
                assertThat(keys).as(file + ": a pipeline or template has stages, jobs or steps").containsAnyOf("stages", "jobs", "steps");
            }
        }
    }

    @Test
    void everyTemplateExistsAndGetsTheParametersItDeclares() throws IOException {
        int references = 0;
        for (Path file : Yamls.pipelineFiles()) {
            if (Yamls.isGithubWorkflow(file)) {
                continue;
            }
            List<Map<?, ?>> uses = new ArrayList<>();
            Yamls.eachMap(Yamls.load(file), map -> {
                if (map.containsKey("template")) {
                    uses.add(map);
                }
            });
            for (Map<?, ?> use : uses) {
                references++;
                Path template = file.getParent().resolve(String.valueOf(use.get("template"))).normalize();
                assertThat(template).as(file + " uses template " + use.get("template")).isRegularFile();
                Map<String, Boolean> declared = declaredParameters(template);
                Set<String> passed = use.get("parameters") instanceof Map<?, ?> p ? stringKeys(p) : Set.of();
                assertThat(declared.keySet()).as(file + " passes to " + template.getFileName() + " only what it declares")
                        .containsAll(passed);
                declared.forEach((name, hasDefault) -> {
                    if (!hasDefault) {
                        assertThat(passed).as(file + " gives " + template.getFileName() + " its parameter " + name).contains(name);
                    }
                });
            }
        }
        assertThat(references).as("templates used").isGreaterThanOrEqualTo(6);
    }

    @Test
    void bothPipelinesRunTheSameScenarios() throws IOException {
        List<Scenario> azure = Scenarios.azurePipelines();
        assertThat(azure).extracting(Scenario::name).contains("normal", "chaos-stamp-failure");
        assertThat(Scenarios.githubActions()).isEqualTo(azure);
    }

    @Test
    void everyScenarioHasItsTestItsBaselineAndItsExperiment() throws IOException {
        Properties azure = new Properties();
        try (Reader reader = Files.newBufferedReader(Checkout.path("test-plans/contoso-shoes/azure.properties"), StandardCharsets.ISO_8859_1)) {
            azure.load(reader);
        }
        for (Scenario scenario : Scenarios.azurePipelines()) {
            assertThat(Checkout.path("test-plans/contoso-shoes/" + scenario.name() + ".config.yaml")).isRegularFile();
            // gate.sh judges with baselines/contoso-shoes/<scenario>.yaml.
            assertThat(Checkout.path("baselines/contoso-shoes/" + scenario.name() + ".yaml")).isRegularFile();
            if (!scenario.experiment().isEmpty()) {
                assertThat(Checkout.path("test-plans/contoso-shoes/experiments/" + scenario.experiment() + ".json")).isRegularFile();
                // experiment-guard.sh finds the experiment where the plans do.
                assertThat(azure.getProperty("chaos.experiment." + scenario.experiment()))
                        .as("chaos.experiment.%s in azure.properties", scenario.experiment())
                        .matches("/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Chaos/experiments/" + Pattern.quote(scenario.experiment()));
                assertThat(Files.readString(Checkout.path("test-plans/contoso-shoes/" + scenario.name() + ".jmx")))
                        .as("the plan of %s starts experiment %s", scenario.name(), scenario.experiment())
                        .contains(scenario.experiment());
            }
        }
    }

    @Test
    void everyFileTheStepsNameIsInTheRepository() throws IOException {
        List<Scenario> scenarios = Scenarios.azurePipelines();
        Map<String, Path> named = new LinkedHashMap<>();
        for (Path file : Yamls.pipelineFiles()) {
            Yamls.eachText(Yamls.load(file), text -> {
                Matcher path = REPOSITORY_PATH.matcher(text);
                while (path.find()) {
                    named.putIfAbsent(path.group().trim(), file);
                }
            });
        }
        assertThat(named.keySet()).contains("ci/scripts/gate.sh", "ci/scripts/record-reference.sh",
                "ci/scripts/experiment-guard.sh", "evaluator/target/cvkit-evaluator.jar",
                "test-plans/contoso-shoes/*.config.yaml", "test-plans/contoso-shoes/$(scenario).config.yaml",
                "test-plans/contoso-shoes/${{ matrix.scenario }}.config.yaml");
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, Path> entry : named.entrySet()) {
            for (String path : expand(entry.getKey(), scenarios)) {
                if (matches(path).isEmpty()) {
                    missing.add(path + " (named in " + Checkout.root().relativize(entry.getValue()) + ")");
                }
            }
        }
        assertThat(missing).as("files named by the pipelines but not in the repository (jars: after the reactor's package)").isEmpty();
    }

    @Test
    void theScriptsThePipelinesRunAreExecutable() throws IOException {
        try (DirectoryStream<Path> scripts = Files.newDirectoryStream(Checkout.path("ci/scripts"), "*.sh")) {
            for (Path script : scripts) {
                assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
                assertThat(Files.readString(script)).as(script + " runs with bash").startsWith("#!/usr/bin/env bash\n");
            }
        }
        assertThat(Files.isExecutable(Checkout.path("ci/rehearse.sh"))).isTrue();
    }

    @Test
    void theJarsTheConfigurationsUploadAreTheOnesTheBuildMakes() throws IOException {
        try (DirectoryStream<Path> configs = Files.newDirectoryStream(Checkout.path("test-plans/contoso-shoes"), "*.config.yaml")) {
            for (Path config : configs) {
                Object files = Yamls.loadMap(config).get("configurationFiles");
                if (!(files instanceof List<?> list)) {
                    continue;
                }
                for (Object entry : list) {
                    String file = String.valueOf(entry);
                    // The build stage publishes jmeter-plugins/target/cvkit-jmeter-plugins-*.jar; a config's jar must be one of them.
                    if (file.endsWith(".jar")) {
                        Path jar = config.getParent().resolve(file).normalize();
                        assertThat(Checkout.root().relativize(jar).toString()).as(config + ": " + file)
                                .matches("jmeter-plugins/target/cvkit-jmeter-plugins-[^/]+\\.jar");
                        assertThat(jar).as(config + " uploads " + file + " (built by the reactor before these tests)").isRegularFile();
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCustomRoleGrantsExactlyWhatThePluginsAndTheGuardCall() throws IOException {
        // The actions the plugins' README lists for the engines' identity; experiment-guard.sh needs three of them.
        Map<?, ?> role = (Map<?, ?>) Yamls.load(Checkout.path("ci/azure/chaos-experiment-runner.role.json"));
        assertThat((List<Object>) role.get("Actions")).containsExactlyInAnyOrder(
                "Microsoft.Chaos/experiments/read",
                "Microsoft.Chaos/experiments/start/action",
                "Microsoft.Chaos/experiments/cancel/action",
                "Microsoft.Chaos/experiments/executions/read",
                "Microsoft.Chaos/experiments/executions/getExecutionDetails/action");
        assertThat(Files.readString(Checkout.path("jmeter-plugins/README.md")))
                .contains("`Microsoft.Chaos/experiments/read`", "`.../start/action`", "`.../cancel/action`",
                        "`.../executions/read`", "`.../executions/getExecutionDetails/action`");
        assertThat(role.get("IsCustom")).isEqualTo(true);
        assertThat((List<?>) role.get("AssignableScopes")).singleElement().asString().startsWith("/subscriptions/");
    }

    /** The path once per scenario when it holds the scenario, else itself. */
    private static List<String> expand(String path, List<Scenario> scenarios) {
        for (String placeholder : SCENARIO_PLACEHOLDERS) {
            if (path.contains(placeholder)) {
                List<String> paths = new ArrayList<>();
                scenarios.forEach(s -> paths.add(path.replace(placeholder, s.name())));
                return paths;
            }
        }
        return List.of(path);
    }

    /** The files a path (with * in its last part, as a glob) names in the checkout. */
    private static List<Path> matches(String path) throws IOException {
        Path resolved = Checkout.root().resolve(path);
        if (!path.contains("*")) {
            return Files.exists(resolved) ? List.of(resolved) : List.of();
        }
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(resolved.getParent())) {
            try (DirectoryStream<Path> glob = Files.newDirectoryStream(resolved.getParent(), resolved.getFileName().toString())) {
                glob.forEach(found::add);
            }
        }
        return found;
    }

    private static Map<String, Boolean> declaredParameters(Path template) throws IOException {
        Map<String, Boolean> declared = new LinkedHashMap<>();
        Object parameters = Yamls.loadMap(template).get("parameters");
        if (parameters instanceof List<?> list) {
            for (Object p : list) {
                Map<?, ?> parameter = (Map<?, ?>) p;
                declared.put(String.valueOf(parameter.get("name")), parameter.containsKey("default"));
            }
        }
        return declared;
    }

    private static Set<String> stringKeys(Map<?, ?> map) {
        Set<String> keys = new LinkedHashSet<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }
}
