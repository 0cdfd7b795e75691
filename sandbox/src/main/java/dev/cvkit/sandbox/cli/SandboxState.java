package dev.cvkit.sandbox.cli;

import dev.cvkit.sandbox.Sandbox;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a running {@code ./cvkit sandbox} tells other commands ({@code ./cvkit gui}, scripts): a properties
 * file {@code sandbox.properties} in the run directory with its process id, the JMeter properties a plan
 * needs ({@code jmeter.<name>}) and the managed-identity environment ({@code env.<NAME>}, the IMDS route). Written when the
 * sandbox is up, deleted when it stops; a file whose process is gone is ignored.
 *
 * @param pid         the sandbox's process id
 * @param jmeter      JMeter properties
 * @param environment environment variables for clients (AZURE_POD_IDENTITY_AUTHORITY_HOST)
 */
record SandboxState(long pid, Map<String, String> jmeter, Map<String, String> environment) {

    static final String FILE_NAME = "sandbox.properties";

    static SandboxState of(Sandbox sandbox) {
        return new SandboxState(ProcessHandle.current().pid(), sandbox.jmeterProperties(), sandbox.chaos().imdsEnvironment());
    }

    static Path file(Path runDirectory) {
        return runDirectory.resolve(FILE_NAME);
    }

    void write(Path runDirectory) {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        jmeter.forEach((k, v) -> properties.setProperty("jmeter." + k, v));
        environment.forEach((k, v) -> properties.setProperty("env." + k, v));
        try {
            Files.createDirectories(runDirectory);
            Path tmp = Files.createTempFile(runDirectory, FILE_NAME, ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(out, "written by ./cvkit sandbox (pid " + pid + "); deleted when it stops");
            }
            Files.move(tmp, file(runDirectory), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(runDirectory) + ": " + e.getMessage(), e);
        }
    }

    /** The state of a sandbox that still runs, if any. */
    static Optional<SandboxState> readLive(Path runDirectory) {
        Path file = file(runDirectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(properties.getProperty("pid", ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        Map<String, String> jmeter = new TreeMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("jmeter.")) {
                jmeter.put(name.substring("jmeter.".length()), properties.getProperty(name));
            } else if (name.startsWith("env.")) {
                environment.put(name.substring("env.".length()), properties.getProperty(name));
            }
        }
        return Optional.of(new SandboxState(pid, jmeter, environment));
    }

    static void delete(Path runDirectory) {
        try {
            Files.deleteIfExists(file(runDirectory));
        } catch (IOException e) {
            // A stale file is ignored by readers (its pid is gone).
        }
    }
}
