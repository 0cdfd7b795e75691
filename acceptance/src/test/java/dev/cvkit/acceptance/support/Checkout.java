package dev.cvkit.acceptance.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the content lives in the checkout under test ({@code cvkit.root}, set by the parent POM). */
public final class Checkout {

    /** The Contoso Shoes scenarios: a plan, local properties, an ALT config and a baseline each. */
    public static final List<String> SCENARIOS = List.of("normal", "spike", "chaos-stamp-failure", "chaos-latency");

    /** The scenarios whose plans inject a fault. */
    public static final List<String> CHAOS_SCENARIOS = List.of("chaos-stamp-failure", "chaos-latency");

    private Checkout() {
    }

    public static Path root() {
        String root = System.getProperty("cvkit.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property cvkit.root is not set (the parent POM sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    public static Path plans() {
        return root().resolve("test-plans/contoso-shoes");
    }

    public static Path experiments() {
        return plans().resolve("experiments");
    }

    public static Path baselines() {
        return root().resolve("baselines/contoso-shoes");
    }

    public static Path plan(String scenario) {
        return plans().resolve(scenario + ".jmx");
    }

    public static Path localProperties(String scenario) {
        return plans().resolve(scenario + ".local.properties");
    }

    public static Path altConfig(String scenario) {
        return plans().resolve(scenario + ".config.yaml");
    }

    public static Path baseline(String scenario) {
        return baselines().resolve(scenario + ".yaml");
    }

    /** The packaged plugin jar ({@code cvkit.pluginsJar}, set for the ITs), which must exist. */
    public static Path pluginsJar() {
        String jar = System.getProperty("cvkit.pluginsJar", "");
        Path path = jar.isBlank() ? null : Path.of(jar);
        if (path == null || !Files.isRegularFile(path)) {
            throw new IllegalStateException("the plugin jar is not built (" + jar + "): run the ITs with 'mvn verify'");
        }
        return path;
    }

    /** {@code sandbox/target/jmeter-home}: the stock JMeter home the sandbox assembles. */
    public static Path jmeterHome() {
        return root().resolve("sandbox/target/jmeter-home");
    }
}
