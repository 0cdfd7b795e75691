package dev.cvkit.ci.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end as a process, with output captured to files; a command still running at its timeout is
 * ended, with everything it started, and the test fails. CI markers of the machine running the tests
 * ({@code TF_BUILD}, {@code GITHUB_*}) are removed so that a script never mistakes the test for a pipeline.
 */
public final class ScriptRun {

    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory = Checkout.root();
    private Duration timeout = Duration.ofSeconds(60);

    private ScriptRun(List<String> command) {
        this.command.addAll(command);
    }

    public static ScriptRun of(String... command) {
        return new ScriptRun(List.of(command));
    }

    public ScriptRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ScriptRun in(Path workingDirectory) {
        this.directory = workingDirectory;
        return this;
    }

    public ScriptRun timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    public Result run(Path outputFolder) throws IOException, InterruptedException {
        Files.createDirectories(outputFolder);
        Path out = outputFolder.resolve("out.txt");
        Path err = outputFolder.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("TF_BUILD") || name.startsWith("GITHUB_")
                || name.equals("RUNNER_TEMP") || name.startsWith("CVKIT_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Every process the command starts is noted while it runs, so that a test can prove none outlives it.
        Set<ProcessHandle> started = new LinkedHashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(started::add);
            if (System.nanoTime() > deadline) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " still ran after " + timeout + "; output in " + outputFolder);
            }
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), List.copyOf(started));
    }

    /** How the command ended, and the processes it was seen to start. */
    public record Result(int exitCode, String out, String err, List<ProcessHandle> started) {

        /** The started processes still alive a few seconds after the command ended (none, for a tidy command). */
        public List<ProcessHandle> survivors() throws InterruptedException {
            for (int i = 0; i < 50 && started.stream().anyMatch(ProcessHandle::isAlive); i++) {
                Thread.sleep(100);
            }
            return started.stream().filter(ProcessHandle::isAlive).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }
}
