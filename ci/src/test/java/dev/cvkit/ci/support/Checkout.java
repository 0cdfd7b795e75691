package dev.cvkit.ci.support;

import java.nio.file.Files;
import java.nio.file.Path;

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

    /** The evaluator's runnable jar, as the pipelines run it (built by the reactor before this module). */
    public static Path evaluatorJar() {
        Path jar = path("evaluator/target/cvkit-evaluator.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: run mvn -B verify (the reactor packages it first)");
        }
        return jar;
    }
}
