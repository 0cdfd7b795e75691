package dev.cvkit.sandbox.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A scenario {@code ./cvkit demo} can run: a plan {@code test-plans/contoso-shoes/<name>.jmx}, the properties of
 * its short local run {@code <name>.local.properties} next to it, and its baseline
 * {@code baselines/contoso-shoes/<name>.yaml}. A scenario is known when all three exist.
 *
 * @param name            e.g. {@code chaos-stamp-failure}
 * @param plan            the .jmx
 * @param localProperties the JMeter properties of a short local run
 * @param baseline        the criteria file the run is judged against
 */
record DemoScenario(String name, Path plan, Path localProperties, Path baseline) {

    /** What {@code ./cvkit demo} runs without {@code --scenario}. */
    static final String DEFAULT = "chaos-stamp-failure";

    static final String PLAN_SUFFIX = ".jmx";
    static final String LOCAL_PROPERTIES_SUFFIX = ".local.properties";
    static final String BASELINE_SUFFIX = ".yaml";

    /** The scenarios of a checkout, sorted by name. */
    static List<DemoScenario> discover(CvkitLayout layout) throws IOException {
        List<DemoScenario> scenarios = new ArrayList<>();
        if (!Files.isDirectory(layout.testPlans())) {
            return scenarios;
        }
        try (Stream<Path> files = Files.list(layout.testPlans())) {
            for (Path plan : files.sorted().toList()) {
                String file = plan.getFileName().toString();
                if (!file.endsWith(PLAN_SUFFIX) || !Files.isRegularFile(plan)) {
                    continue;
                }
                String name = file.substring(0, file.length() - PLAN_SUFFIX.length());
                Path properties = layout.testPlans().resolve(name + LOCAL_PROPERTIES_SUFFIX);
                Path baseline = layout.baselines().resolve(name + BASELINE_SUFFIX);
                if (Files.isRegularFile(properties) && Files.isRegularFile(baseline)) {
                    scenarios.add(new DemoScenario(name, plan, properties, baseline));
                }
            }
        }
        return scenarios;
    }

    /** The local run's properties, in file order. */
    Map<String, String> readLocalProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(localProperties, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        return values;
    }
}
