package dev.cvkit.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.ci.support.Checkout;
import dev.cvkit.ci.support.ScriptRun;
import dev.cvkit.ci.support.ScriptRun.Result;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ci/rehearse.sh, as CI runs it after the reactor has packaged every module: the pipelines' cvkit steps on sandbox
 * results pass, a broken step fails the rehearsal, and nothing the rehearsal started outlives it.
 */
class RehearsalIT {

    @TempDir
    Path dir;

    /** Where a failed rehearsal leaves its files for a look: ci/target/rehearsal (a passing one removes them). */
    private static Path rehearsalFolder(String name) throws IOException {
        Path folder = Checkout.path("ci/target/rehearsal/" + name);
        if (Files.exists(folder)) {
            try (var walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return folder;
    }

    @Test
    void thePipelinesStepsPassOnSandboxResultsAndLeaveNothingRunning() throws Exception {
        Result result = ScriptRun.of(Checkout.path("ci/rehearse.sh").toString())
                .env("CVKIT_NO_BUILD", "1")
                .env("CVKIT_REHEARSAL_DIR", rehearsalFolder("pipelines").toString())
                .timeout(Duration.ofMinutes(8))
                .run(dir.resolve("output"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(
                "rehearse: scenario normal: Azure Pipelines gate: verdict",
                "rehearse: scenario chaos-stamp-failure: GitHub Actions gate: verdict",
                "rehearse: normal against a baseline that fails: Azure Pipelines gate: verdict fail, exit 1",
                "rehearse: normal against a baseline that warns: GitHub Actions gate: verdict warn, exit 0",
                "rehearse: reference runs",
                "rehearse: passed: 14 pipeline steps rehearsed on 2 sandbox run(s)");
        assertThat(Checkout.path("ci/target/rehearsal/pipelines")).as("removed after a passing rehearsal").doesNotExist();
        assertThat(result.started()).as("the rehearsal starts the demo's JVM").isNotEmpty();
        assertThat(result.survivors()).as("processes the rehearsal started that outlive it").isEmpty();
    }

    @Test
    void aBrokenPipelineStepFailsTheRehearsal() throws Exception {
        // A checkout whose build stage checks the configs with an evaluator that is not where it says.
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Checkout.root())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals("ci") && !name.startsWith(".")) {
                    Files.createSymbolicLink(checkout.resolve(name), entry);
                }
            }
        }
        copyTree(Checkout.path("ci"), checkout.resolve("ci"));
        Path build = checkout.resolve("ci/azure-pipelines/stages/build.yml");
        String stage = Files.readString(build);
        assertThat(stage).contains("java -jar evaluator/target/cvkit-evaluator.jar check-config");
        Files.writeString(build, stage.replace("java -jar evaluator/target/cvkit-evaluator.jar check-config",
                "java -jar evaluator/target/cvkit-evaluator-renamed.jar check-config"));

        Result result = ScriptRun.of(checkout.resolve("ci/rehearse.sh").toString())
                .env("CVKIT_NO_BUILD", "1")
                .env("CVKIT_REHEARSAL_DIR", dir.resolve("rehearsal").toString())
                .timeout(Duration.ofMinutes(2))
                .run(dir.resolve("output"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("rehearse: FAILED: Azure Pipelines cvkit_check_configs exited 1",
                "cvkit-evaluator-renamed.jar");
        assertThat(result.out()).doesNotContain("sandbox run");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(source).toString());
                if (source.toString().contains("/target/") || source.endsWith("target")) {
                    continue;
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

}
