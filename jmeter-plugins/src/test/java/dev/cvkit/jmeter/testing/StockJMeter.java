package dev.cvkit.jmeter.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stock JMeter 5.6.3 home (assembled from Maven Central by the sandbox build) with the packaged plugin jar
 * in {@code lib/ext}, as a user installs it, and JMeter JVMs started from it with {@code java -jar
 * bin/ApacheJMeter.jar -n}. The home is linked, not copied: a temporary home of symbolic links to the stock
 * one's files (the launcher jar itself copied) plus the plugin jar, so the stock home stays as built.
 */
public final class StockJMeter {

    private final Path stockHome;
    private final Path pluginJar;
    private final Path home;

    private StockJMeter(Path stockHome, Path pluginJar, Path home) {
        this.stockHome = stockHome;
        this.pluginJar = pluginJar;
        this.home = home;
    }

    /** The stock home of system property {@code cvkit.jmeterHome} (skipped when absent) with the plugin jar. */
    public static StockJMeter withPlugin(Path workDirectory) {
        String homeProperty = System.getProperty("cvkit.jmeterHome");
        assumeTrue(homeProperty != null, "system property cvkit.jmeterHome is not set: stock JMeter tests skipped");
        Path stockHome = Path.of(homeProperty).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(stockHome.resolve("bin/ApacheJMeter.jar")),
                "no stock JMeter home at " + stockHome + " (the sandbox module assembles it): stock JMeter tests skipped");
        String jarProperty = System.getProperty("cvkit.pluginsJar");
        if (jarProperty == null || !Files.isRegularFile(Path.of(jarProperty))) {
            throw new IllegalStateException("the packaged plugin jar is missing (" + jarProperty + "): run mvn verify, which"
                    + " packages before the integration tests");
        }
        Path pluginJar = Path.of(jarProperty).toAbsolutePath();
        try {
            Path home = workDirectory.resolve("jmeter-home");
            Files.createDirectories(home.resolve("lib/ext"));
            Files.createDirectories(home.resolve("bin"));
            // The launcher finds its home from its own jar's real path: copy it (small), link the rest.
            Files.copy(stockHome.resolve("bin/ApacheJMeter.jar"), home.resolve("bin/ApacheJMeter.jar"));
            link(stockHome.resolve("bin"), home.resolve("bin"));
            link(stockHome.resolve("lib"), home.resolve("lib"));
            link(stockHome.resolve("lib/ext"), home.resolve("lib/ext"));
            Files.copy(pluginJar, home.resolve("lib/ext").resolve(pluginJar.getFileName()));
            return new StockJMeter(stockHome, pluginJar, home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Links every regular file of {@code from} (not recursive) into {@code to}. */
    private static void link(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(file.getFileName());
                if (Files.isDirectory(file)) {
                    if (!Files.exists(target)) {
                        Files.createSymbolicLink(target, file);
                    }
                } else if (!Files.exists(target)) {
                    Files.createSymbolicLink(target, file);
                }
            }
        }
    }

    public Path stockHome() {
        return stockHome;
    }

    public Path pluginJar() {
        return pluginJar;
    }

    public Path home() {
        return home;
    }

    /** Every jar of the stock home: bin/ApacheJMeter.jar, lib/*.jar, lib/ext/*.jar. */
    public List<Path> stockJars() {
        List<Path> jars = new ArrayList<>();
        jars.add(stockHome.resolve("bin/ApacheJMeter.jar"));
        for (String dir : List.of("lib", "lib/ext")) {
            try (Stream<Path> files = Files.list(stockHome.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jars;
    }

    /** A started JMeter JVM and where its output goes. */
    public record Run(Process process, Path jtl, Path log, Path console) {

        /** Waits for the end; kills it (and fails) after {@code timeout}. */
        public int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("JMeter did not end within " + timeout + "; killed it. Console: " + read(console));
            }
            return process.exitValue();
        }

        public String logText() {
            return read(log);
        }

        public String consoleText() {
            return read(console);
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file) : "";
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    /**
     * Starts {@code jmeter -n -t plan -l <name>.jtl -j <name>.log} with these JMeter properties and environment.
     */
    public Run start(Path plan, Path directory, String name, Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        Path jtl = directory.resolve(name + ".jtl");
        Path log = directory.resolve(name + ".log");
        Path console = directory.resolve(name + ".console.txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(home.resolve("bin/ApacheJMeter.jar").toString());
        command.addAll(List.of("-n", "-t", plan.toString(), "-l", jtl.toString(), "-j", log.toString()));
        properties.forEach((key, value) -> command.add("-J" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        // Only the given identity variables: one inherited from the build's shell would make azure-identity pick
        // another managed-identity source than the one under test.
        ChaosStudioEmulator.OTHER_IDENTITY_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().remove(ChaosStudioEmulator.IMDS_HOST_VARIABLE);
        builder.environment().putAll(environment);
        return new Run(builder.start(), jtl, log, console);
    }

    /** {@code jar} path as JMeter's search_paths wants it. */
    public static String path(Path jar) {
        return jar.toAbsolutePath().toString().replace(File.separatorChar, '/');
    }
}
