package dev.cvkit.ci.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The scenarios each pipeline runs, read from where each pipeline defines them. */
public final class Scenarios {

    /** A scenario and the Chaos Studio experiment its plan starts (empty when none). */
    public record Scenario(String name, String experiment) {
    }

    private static final Pattern GITHUB_LIST = Pattern.compile("scenarios<<SCENARIOS\\n(.*?)\\nSCENARIOS", Pattern.DOTALL);

    private Scenarios() {
    }

    /** The default of azure-pipelines.yml's {@code scenarios} parameter. */
    public static List<Scenario> azurePipelines() throws IOException {
        Map<String, Object> pipeline = Yamls.loadMap(Checkout.path("ci/azure-pipelines/azure-pipelines.yml"));
        for (Object parameter : (List<?>) pipeline.get("parameters")) {
            Map<?, ?> p = (Map<?, ?>) parameter;
            if ("scenarios".equals(p.get("name"))) {
                List<Scenario> scenarios = new ArrayList<>();
                for (Object entry : (List<?>) p.get("default")) {
                    Map<?, ?> e = (Map<?, ?>) entry;
                    scenarios.add(new Scenario(String.valueOf(e.get("name")), e.get("experiment") == null ? "" : String.valueOf(e.get("experiment"))));
                }
                return scenarios;
            }
        }
        throw new IllegalStateException("azure-pipelines.yml has no scenarios parameter");
    }

    /** The list the GitHub workflow's build job writes as its {@code scenarios} output (step cvkit-scenarios). */
    public static List<Scenario> githubActions() throws IOException {
        Map<String, Object> workflow = Yamls.loadMap(Checkout.path("ci/github/continuous-validation.yml"));
        List<String> bodies = new ArrayList<>();
        Yamls.eachMap(workflow, map -> {
            if ("cvkit-scenarios".equals(map.get("id"))) {
                bodies.add(String.valueOf(map.get("run")));
            }
        });
        if (bodies.size() != 1) {
            throw new IllegalStateException("expected one step cvkit-scenarios in the workflow, found " + bodies.size());
        }
        Matcher list = GITHUB_LIST.matcher(bodies.get(0));
        if (!list.find()) {
            throw new IllegalStateException("step cvkit-scenarios writes no scenarios<<SCENARIOS ... SCENARIOS output");
        }
        List<Scenario> scenarios = new ArrayList<>();
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(list.group(1));
        for (Object entry : (List<?>) parsed) {
            Map<?, ?> e = (Map<?, ?>) entry;
            scenarios.add(new Scenario(String.valueOf(e.get("scenario")), e.get("experiment") == null ? "" : String.valueOf(e.get("experiment"))));
        }
        return scenarios;
    }
}
