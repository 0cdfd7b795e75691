package dev.cvkit.sandbox.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are in a cvkit checkout, from the {@code cvkit.root} system property the launcher sets (the
 * working directory otherwise): the assembled JMeter home, the plugin jar ({@code cvkit.plugins.jar}, may be
 * empty), the scenarios' plans, experiments and baselines, the demo's runs, the run directory of the sandbox's state.
 *
 * @param root       the checkout
 * @param pluginsJar the cvkit JMeter plugins jar, or null when not built
 */
record CvkitLayout(Path root, Path pluginsJar) {

    static CvkitLayout fromSystemProperties() {
        String root = System.getProperty("cvkit.root", "");
        String jar = System.getProperty("cvkit.plugins.jar", "");
        return new CvkitLayout(Path.of(root.isBlank() ? "." : root).toAbsolutePath().normalize(),
                jar.isBlank() ? null : Path.of(jar).toAbsolutePath().normalize());
    }

    /** {@code sandbox/target/jmeter-home}: the stock JMeter home built from Maven Central artifacts. */
    Path jmeterHome() {
        return root.resolve("sandbox/target/jmeter-home");
    }

    /**
     * The JMeter home, checked to be built (its {@code bin/ApacheJMeter.jar}: the sandbox's build assembles the
     * home's jars and {@code bin/*.properties} together).
     *
     * @throws CliException (invalid input) saying how to build it
     */
    Path builtJmeterHome() throws CliException {
        Path home = jmeterHome();
        if (!Files.isRegularFile(home.resolve("bin/ApacheJMeter.jar"))) {
            throw new CliException(ExitCodes.INVALID_INPUT, "no JMeter home at " + home + ": build it with "
                    + "'mvn -B -DskipTests -pl sandbox -am package' (./cvkit does this when it is missing)");
        }
        return home;
    }

    /** {@code test-plans/contoso-shoes/experiments}: the Chaos Studio experiments of the demo scenarios. */
    Path defaultExperiments() {
        return root.resolve("test-plans/contoso-shoes/experiments");
    }

    /** {@code test-plans/contoso-shoes}: the scenarios' plans, their local properties and test data. */
    Path testPlans() {
        return root.resolve("test-plans/contoso-shoes");
    }

    /** {@code baselines/contoso-shoes}: a criteria file per scenario. */
    Path baselines() {
        return root.resolve("baselines/contoso-shoes");
    }

    /**
     * The evaluator's self-contained jar ({@code cvkit.evaluator.jar}, set by the launcher; default
     * {@code evaluator/target/cvkit-evaluator.jar}): what {@code ./cvkit evaluate} runs.
     */
    Path evaluatorJar() {
        String jar = System.getProperty("cvkit.evaluator.jar", "");
        return jar.isBlank() ? root.resolve("evaluator/target/cvkit-evaluator.jar") : Path.of(jar).toAbsolutePath().normalize();
    }

    /** {@code runs}: what {@code ./cvkit demo} writes (git-ignored). */
    Path runs() {
        return root.resolve("runs");
    }

    /** {@code sandbox/target/run}: the running sandbox's trust store and state file. */
    Path runDirectory() {
        return root.resolve("sandbox/target/run");
    }

    /** The plugin jar when it exists. */
    Path existingPluginsJar() {
        return pluginsJar != null && Files.isRegularFile(pluginsJar) ? pluginsJar : null;
    }
}
