package dev.cvkit.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.ci.support.Checkout;
import dev.cvkit.ci.support.ScriptRun;
import dev.cvkit.ci.support.ScriptRun.Result;
import dev.cvkit.ci.support.TinyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ci/scripts/gate.sh with the real evaluator jar: exit code and verdict are the evaluator's, every report is written. */
class GateScriptTest {

    @TempDir
    Path dir;

    Path baselines;
    Path results;
    Path runDir;

    @BeforeEach
    void setUp() throws IOException {
        baselines = Files.createDirectories(dir.resolve("baselines"));
        results = TinyRun.writeResultsZip(dir.resolve("loadTest/results.zip"), 30, 40);
        runDir = dir.resolve("staging/cvkit-run");
    }

    private Result gate(String scenario) throws Exception {
        return ScriptRun.of(Checkout.path("ci/scripts/gate.sh").toString())
                .env("CVKIT_SCENARIO", scenario)
                .env("CVKIT_RESULTS", results.toString())
                .env("CVKIT_RUN_DIR", runDir.toString())
                .env("CVKIT_BASELINES", baselines.toString())
                .env("CVKIT_EVALUATOR_JAR", Checkout.evaluatorJar().toString())
                .run(dir.resolve("gate-" + scenario));
    }

    private String verdict() throws IOException {
        return Files.readString(runDir.resolve("reports/verdict")).trim();
    }

    @Test
    void passWritesEveryReportAndCollectsTheResults() throws Exception {
        Files.writeString(baselines.resolve("normal.yaml"), "failureCriteria:\n  - percentage(error) > 5\n  - p95(response_time_ms) > 500\n");
        Files.writeString(results.resolveSibling("report.zip"), "ALT's dashboard");

        Result run = gate("normal");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(verdict()).isEqualTo("pass");
        for (String report : new String[] {"report.json", "junit.xml", "cvkit-normal.md", "report.html"}) {
            assertThat(runDir.resolve("reports/" + report)).as(report).isNotEmptyFile();
        }
        assertThat(Files.readString(runDir.resolve("reports/junit.xml"))).contains("<testsuite", "p95(response_time_ms)");
        assertThat(runDir.resolve("results/results.zip")).hasSameBinaryContentAs(results);
        assertThat(runDir.resolve("results/report.zip")).hasContent("ALT's dashboard");
        assertThat(run.out()).contains("verdict pass (exit 0)").doesNotContain("--reference");
    }

    @Test
    void aWarningCriterionThatHoldsIsExitZeroWithVerdictWarn() throws Exception {
        Files.writeString(baselines.resolve("normal.yaml"), "failureCriteria:\n  - percentage(error) > 5\nwarnCriteria:\n  - avg(response_time_ms) > 50\n");

        Result run = gate("normal");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(verdict()).isEqualTo("warn");
    }

    @Test
    void aFailureCriterionThatHoldsIsExitOneWithVerdictFail() throws Exception {
        Files.writeString(baselines.resolve("normal.yaml"), "failureCriteria:\n  - View item: avg(response_time_ms) > 50\n");

        Result run = gate("normal");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(verdict()).isEqualTo("fail");
        assertThat(Files.readString(runDir.resolve("reports/report.json"))).contains("\"verdict\" : \"fail\"");
    }

    @Test
    void theScenariosReferenceRunIsUsedWhenThereIsOne() throws Exception {
        Path reference = baselines.resolve("normal.reference.json");
        Result recorded = ScriptRun.of("java", "-jar", Checkout.evaluatorJar().toString(), "baseline", "record",
                "--results", TinyRun.writeJtl(dir.resolve("reference.jtl"), 30, 40).toString(), "--out", reference.toString())
                .run(dir.resolve("record"));
        assertThat(recorded.exitCode()).as(recorded.toString()).isZero();
        // The same run, twice as slow: a relative criterion can only judge it with the reference.
        results = TinyRun.writeResultsZip(dir.resolve("loadTest/results.zip"), 30, 80);
        Files.writeString(baselines.resolve("normal.yaml"), "failureCriteria:\n  - avg(response_time_ms) > +20%\n");

        Result run = gate("normal");

        assertThat(run.out()).contains("--reference " + reference);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(verdict()).isEqualTo("fail");
    }

    @Test
    void noResultsIsInvalidInputNeverAPass() throws Exception {
        Files.writeString(baselines.resolve("normal.yaml"), "failureCriteria:\n  - percentage(error) > 5\n");
        results = dir.resolve("nowhere/results.zip");

        Result run = gate("normal");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(verdict()).isEqualTo("error");
        assertThat(run.err()).contains("no load-test results at " + results);
    }

    @Test
    void anEmptyResultsZipIsInvalidInput() throws Exception {
        Files.writeString(baselines.resolve("normal.yaml"), "failureCriteria:\n  - percentage(error) > 5\n");
        Files.write(results, new byte[0]);

        Result run = gate("normal");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(verdict()).isEqualTo("error");
    }

    @Test
    void aScenarioWithoutBaselineIsInvalidInput() throws Exception {
        Result run = gate("nameless");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no baseline for scenario 'nameless'", baselines.resolve("nameless.yaml").toString());
    }

    @Test
    void aMissingSettingIsAUsageError() throws Exception {
        Result run = ScriptRun.of(Checkout.path("ci/scripts/gate.sh").toString()).env("CVKIT_SCENARIO", "normal")
                .run(dir.resolve("unset"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("CVKIT_RESULTS is not set");
    }
}
