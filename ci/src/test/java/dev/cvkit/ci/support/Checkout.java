package dev.cvkit.ci.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The repository under test: {@code cvkit.root}, which the parent POM passes to every test. */
public final class Checkout {

    private Checkout() {
    }

    public static Path root() {
        String root = System.getProperty("cvkit.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property cvkit.root is not set: run the tests through Maven");
        }
        Path path = Path.of(root).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("ci"))) {
            throw new IllegalStateException("cvkit.root " + path + " has no ci/ folder");
        }
        return path;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    private static Boolean evaluatorWritesHtml;

    /**
     * Skips the calling test, saying why, while the scenarios' content (test-plans/, baselines/, ./cvkit demo: branch
     * {@code content}) is not in this checkout; once it is, the test runs and any missing file fails it.
     */
    public static void assumeContent() {
        Assumptions.assumeTrue(Files.isDirectory(path("test-plans")) && Files.isDirectory(path("baselines")),
                "the scenarios' test plans and baselines (branch content) are not in this checkout yet: the pipelines name them");
    }

    /**
     * Skips the calling test, saying why, while the evaluator has no {@code evaluate --html} (branch {@code eval-phases}):
     * the pipelines' gate writes the HTML report. Once it has, the test runs.
     */
    public static synchronized void assumeEvaluatorWritesHtml() throws IOException, InterruptedException {
        if (evaluatorWritesHtml == null) {
            Process help = new ProcessBuilder("java", "-jar", evaluatorJar().toString(), "evaluate", "--help")
                    .redirectErrorStream(true).start();
            String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!help.waitFor(60, TimeUnit.SECONDS)) {
                help.destroyForcibly();
            }
            evaluatorWritesHtml = text.contains("--html");
        }
        Assumptions.assumeTrue(evaluatorWritesHtml,
                "this evaluator has no evaluate --html yet (branch eval-phases): the pipelines' gate writes the HTML report");
    }

    /** The evaluator's runnable jar, as the pipelines run it (built by the reactor before this module). */
    public static Path evaluatorJar() {
        Path jar = path("evaluator/target/cvkit-evaluator.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: run mvn -B verify (the reactor packages it first)");
        }
        return jar;
    }
}
