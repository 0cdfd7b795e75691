package dev.cvkit.evaluator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Headless Chromium for tests of the HTML report: skipped, saying so, when it is absent. */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of(System.getProperty("cvkit.chromium", "/usr/bin/chromium"));

    private HeadlessChromium() {
    }

    /** Runs Chromium with its own profile under {@code work}; returns its stdout, and stops it whatever happens. */
    public static String run(Path work, String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM
                + " (set -Dcvkit.chromium=PATH): the HTML report is not checked in a browser");
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(work, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished within 90 s").isTrue();
            assertThat(p.exitValue()).isZero();
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
