package dev.cvkit.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.ci.support.Checkout;
import dev.cvkit.ci.support.ScriptRun;
import dev.cvkit.ci.support.ScriptRun.Result;
import dev.cvkit.ci.support.TinyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ci/scripts/record-reference.sh over run folders as the pipelines download them (cvkit-run-<scenario>-<attempt>,
 * with reports/verdict and results/results.zip as gate.sh leaves them), with the real evaluator jar.
 */
class RecordReferenceScriptTest {

    @TempDir
    Path dir;

    private Path run(String scenario, int attempt, String verdict, int elapsedMillis) throws IOException {
        Path run = dir.resolve("runs/cvkit-run-" + scenario + "-" + attempt);
        Files.createDirectories(run.resolve("reports"));
        Files.writeString(run.resolve("reports/verdict"), verdict + "\n");
        TinyRun.writeResultsZip(run.resolve("results/results.zip"), 20, elapsedMillis);
        return run;
    }

    private Result record(String scenarios) throws Exception {
        return ScriptRun.of(Checkout.path("ci/scripts/record-reference.sh").toString())
                .env("CVKIT_SCENARIOS", scenarios)
                .env("CVKIT_RUNS_DIR", dir.resolve("runs").toString())
                .env("CVKIT_REFERENCE_OUT", dir.resolve("out").toString())
                .env("CVKIT_EVALUATOR_JAR", Checkout.evaluatorJar().toString())
                .run(dir.resolve("record"));
    }

    @Test
    void everyScenarioPassedSoEachGetsItsReferenceFromItsNewestAttempt() throws Exception {
        run("normal", 1, "fail", 40);
        run("normal", 2, "pass", 40);
        run("chaos-latency", 1, "pass", 60);

        Result result = record("normal chaos-latency");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out/normal.reference.json")))
                .contains("\"cvkit-reference-run\"", "cvkit-run-normal-2").doesNotContain("cvkit-run-normal-1");
        assertThat(Files.readString(dir.resolve("out/chaos-latency.reference.json"))).contains("cvkit-run-chaos-latency-1");
        assertThat(result.out()).contains("recorded 2 reference run(s)");
    }

    @Test
    void aWarnedScenarioMeansNoReferenceAtAll() throws Exception {
        run("normal", 1, "pass", 40);
        run("chaos-latency", 1, "pass", 60);
        run("chaos-latency", 3, "warn", 60);

        Result result = record("normal chaos-latency");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("scenario chaos-latency's verdict is 'warn'", "nothing recorded");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aScenarioWithoutARunIsMissingInputNotASilentSkip() throws Exception {
        run("normal", 1, "pass", 40);
        // A run of chaos-latency is not a run of a scenario called "chaos".
        run("chaos-latency", 1, "pass", 60);

        Result result = record("normal chaos");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("no run of scenario 'chaos'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aRunWithoutVerdictWasNotAssembledByTheGate() throws Exception {
        Path run = run("normal", 1, "pass", 40);
        Files.delete(run.resolve("reports/verdict"));

        Result result = record("normal");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("has no reports/verdict");
    }

    @Test
    void aScenarioNameCannotIssueAPipelineCommandInTheErrorLine() throws Exception {
        // CVKIT_SCENARIOS is pipeline configuration; a name from a template parameter must stay text in the log.
        run("normal", 1, "pass", 40);

        Result result = record("x##vso[task.complete]");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("no run of scenario 'x#\\x23vso[task.complete]'")
                .doesNotContain("##vso[");
    }

    @Test
    void noScenariosIsAUsageError() throws Exception {
        Result result = record(" ");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("CVKIT_SCENARIOS is not set");
    }
}
