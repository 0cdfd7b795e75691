package dev.cvkit.acceptance.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./cvkit ...} run as a user runs it: the launcher script in the checkout, as a process, with
 * {@code CVKIT_NO_BUILD=1} (the build has packaged everything). Output (stdout and stderr) goes to a file; every
 * process it starts is remembered, so that a test can prove none outlives it.
 */
public final class CvkitProcess implements AutoCloseable {

    private static final Pattern RUN_DIR = Pattern.compile("^  run\\s+(\\S.*)$", Pattern.MULTILINE);

    private final Process process;
    private final Path output;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    private final long startedNanos = System.nanoTime();

    private CvkitProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
        seen.add(process.toHandle());
    }

    /** Starts {@code ./cvkit args...} in the checkout; output to {@code output}. */
    public static CvkitProcess start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Checkout.root().resolve("cvkit").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Checkout.root().toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CVKIT_NO_BUILD", "1");
        // The launcher exports its own managed-identity variables for the demo; none leak in from here.
        for (String variable : List.of("IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_POD_IDENTITY_AUTHORITY_HOST", "CVKIT_DEMO_IDENTITY")) {
            builder.environment().remove(variable);
        }
        return new CvkitProcess(builder.start(), output);
    }

    public long pid() {
        return process.pid();
    }

    /** Everything printed so far. */
    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** Remembers the process tree as it is now (call while it runs). */
    public void noteDescendants() {
        process.descendants().forEach(seen::add);
    }

    /** Waits until the output contains {@code text}, noting descendants meanwhile; false when the process ended first or time ran out. */
    public boolean awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            noteDescendants();
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Waits for the exit, noting descendants meanwhile; fails the test when it takes longer than {@code timeout}. */
    public int awaitExit(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            noteDescendants();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("./cvkit did not end within " + timeout + "; output so far:\n" + output());
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        return process.exitValue();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does (the launcher execs the JVM: this process is the JVM). */
    /**
     * Whether this process ignores SIGINT, and so every process it starts (a shell that starts a command in the
     * background without job control, {@code mvn verify &}, makes it so): the JVM of such a child leaves SIGINT
     * ignored too, and a Ctrl-C test would only show that. Read from {@code /proc/self/status}; false where
     * there is none.
     */
    public static boolean sigintIgnored() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume signals are delivered as usual
        }
        return false;
    }

    public void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed");
        }
    }

    /** Processes seen in its tree (itself included) that still run. */
    public List<ProcessHandle> survivors() {
        return seen.stream().filter(ProcessHandle::isAlive).toList();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The run folder the demo printed ({@code   run       /path}). */
    public Optional<Path> runDirectory() throws IOException {
        Matcher m = RUN_DIR.matcher(output());
        return m.find() ? Optional.of(Path.of(m.group(1).strip())) : Optional.empty();
    }

    /** Ends whatever still runs (a failed test must not leave a demo behind). */
    @Override
    public void close() {
        for (ProcessHandle handle : seen) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }
}
