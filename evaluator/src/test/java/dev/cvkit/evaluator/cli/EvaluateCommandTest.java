package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.gate.ResultsSource;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import dev.cvkit.evaluator.testing.JunitXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cvkit evaluate} end to end in-process, on statistics built in memory. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final List<List<String>> reads = new ArrayList<>();
    private RunStats stats;
    private String out;
    private String err;

    @BeforeEach
    void twoLabels() {
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 0; i < 100; i++) {
            b.row("Home", 1_000L * i, 100 + i, i % 50 != 0);
            b.row("Checkout", 1_000L * i + 500, 400, true);
        }
        stats = b.build();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ResultsSource source = (inputs, options, progress) -> {
            reads.add(List.copyOf(inputs));
            return stats;
        };
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(env), source,
                (s, w) -> w.println("[stats table: " + s.labels().keySet() + "]"),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        int code = CvkitMain.run(new PrintWriter(o, true), new PrintWriter(e, true), services, args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private String criteria(String yaml) throws IOException {
        Path file = dir.resolve("criteria-" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(file, yaml);
        return file.toString();
    }

    @Test
    void passExitsZeroAndPrintsStatsCriteriaAndVerdict() throws IOException {
        String c = criteria("failureCriteria:\n  - p95(response_time_ms) > 500\n  - Home: percentage(error) > 5\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl", "more/")).isZero();
        assertThat(reads).containsExactly(List.of("a.jtl", "more/"));
        assertThat(out).startsWith("[stats table: [Home, Checkout]]");
        assertThat(out).containsPattern("PASS\\s+fail\\s+p95\\(response_time_ms\\) > 500\\s+400 ms\\s+500 ms");
        assertThat(out).containsPattern("PASS\\s+fail\\s+Home: percentage\\(error\\) > 5\\s+2%\\s+5%");
        assertThat(out.strip()).endsWith("Verdict: PASS (2 passed)");
        assertThat(out).doesNotContain("##vso");
        assertThat(err).isEmpty();
    }

    @Test
    void failExitsOne() throws IOException {
        String c = criteria("failureCriteria:\n  - Checkout: avg(response_time_ms) > 300\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isEqualTo(1);
        assertThat(out).containsPattern("FAIL\\s+fail\\s+Checkout: avg\\(response_time_ms\\) > 300\\s+400 ms\\s+300 ms");
        assertThat(out.strip()).endsWith("Verdict: FAIL (1 failed)");
    }

    @Test
    void throughputFloorFollowsAltSemantics() throws IOException {
        // 200 rows over ~100 s is ~2 rps: "avg(requests_per_sec) < 10" holds, so the run fails.
        assertThat(run("evaluate", "--criteria", criteria("failureCriteria:\n  - avg(requests_per_sec) < 10\n"), "a.jtl"))
                .isEqualTo(1);
        assertThat(run("evaluate", "--criteria", criteria("failureCriteria:\n  - avg(requests_per_sec) < 1\n"), "a.jtl"))
                .isZero();
    }

    @Test
    void warnExitsZeroWithWarnVerdict() throws IOException {
        String c = criteria("failureCriteria:\n  - p99(response_time_ms) > 1000\nwarnCriteria:\n  - percentage(error) > 0.5\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isZero();
        assertThat(out.strip()).endsWith("Verdict: WARN (1 warned, 1 passed)");
    }

    @Test
    void unknownLabelFailsAndSaysSo() throws IOException {
        assertThat(run("evaluate", "--criteria", criteria("failureCriteria:\n  - home: p95(response_time_ms) > 5000\n"), "a.jtl"))
                .isEqualTo(1);
        assertThat(out).contains("label 'home' is not in the results; did you mean 'Home'?");
    }

    @Test
    void badCriteriaExitThreeWithFileLineAndGrammarBeforeReadingResults() throws IOException {
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 300\n  - avg(response_time) > 300\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isEqualTo(3);
        assertThat(err).startsWith("cvkit: invalid input: " + c + ":3: unknown metric 'response_time'");
        assertThat(err).contains("criterion:  [<label>: ]<aggregate>(<metric>) <op> <threshold>[, continue]");
        assertThat(err).doesNotContain("\tat ");
        assertThat(reads).isEmpty();
        assertThat(out).isEmpty();
    }

    @Test
    void badWindowExitsThreeWithTheLineBeforeReadingResults() throws IOException {
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 300 for ever\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isEqualTo(3);
        assertThat(err).contains(c + ":2: 'for ever' in 'avg(response_time_ms) > 300 for ever': expected a duration");
        assertThat(reads).isEmpty();
    }

    @Test
    void phaseCriteriaOnStatisticsWithoutFaultWindowFailAndSayWhy() throws IOException {
        String c = criteria("failureCriteria:\n  - p95(response_time_ms) > 5000\n  - phases:\n      during:\n"
                + "        - percentage(error) > 50\n  - recovery_time_s(response_time_ms) > 60\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isEqualTo(1);
        assertThat(out).contains("FAIL     fail  [during] percentage(error) > 50")
                .contains("phase 'during' does not exist: the results have no fault window")
                .contains("FAIL     fail  [after] recovery_time_s(response_time_ms) > 60");
        assertThat(out).contains("PASS     fail  p95(response_time_ms) > 5000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon/later", "+60s", "2026-01-01T00:01:00Z/2026-01-01T00:00:00Z", "2026-01-01T00:00:00/+10s",
        "+1m/+30s"})
    void badFaultWindowsAreUsageErrors(String window) throws IOException {
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 300\n");
        assertThat(run("evaluate", "--criteria", c, "--fault-window", window, "a.jtl")).isEqualTo(2);
        assertThat(err).contains("--fault-window '" + window + "'");
        assertThat(reads).isEmpty();
    }

    @Test
    void badCriteriaInAzurePipelinesAlsoLogAnIssue() throws IOException {
        env.put("TF_BUILD", "True");
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 300\n  - avg(response_time) > 300\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isEqualTo(3);
        assertThat(out).isEqualTo("##vso[task.logissue type=error;sourcepath=" + c + ";linenumber=3;]cvkit: invalid input: "
                + c + ":3: unknown metric 'response_time' in 'avg(response_time) > 300': expected one of "
                + "response_time_ms, latency, connect_time_ms, requests_per_sec, requests, error\n");
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        String c = criteria("failureCriteria:\n  - nonsense\n");
        assertThat(run("evaluate", "--debug", "--criteria", c, "a.jtl")).isEqualTo(3);
        assertThat(err).contains("\tat dev.cvkit.evaluator.criteria.");
    }

    @Test
    void missingCriteriaFileExitsThree() {
        String missing = dir.resolve("nope.yaml").toString();
        assertThat(run("evaluate", "--criteria", missing, "a.jtl")).isEqualTo(3);
        assertThat(err).isEqualTo("cvkit: invalid input: " + missing + ": no such criteria file\n");
    }

    @Test
    void unreadableResultsExitThree() throws IOException {
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 300\n");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        EvaluatorServices failing = new EvaluatorServices(CiEnvironment.of(env), (inputs, options, progress) -> {
            throw new InvalidInputException("a.jtl", 12, "expected a number in column elapsed, found 'abc'");
        }, (s, w) -> { }, Clock.systemUTC());
        int code = CvkitMain.run(new PrintWriter(o, true), new PrintWriter(e, true), failing,
                "evaluate", "--criteria", c, "a.jtl");
        assertThat(code).isEqualTo(3);
        assertThat(e.toString()).isEqualTo("cvkit: invalid input: a.jtl:12: expected a number in column elapsed, found 'abc'\n");
    }

    @Test
    void zeroCountedSamplesIsNeverAPass() throws IOException {
        stats = InMemoryRunStats.builder().excludedRow("Flow", 0, 10, true).build();
        assertThat(run("evaluate", "--criteria", criteria("failureCriteria:\n  - count(requests) < 0\n"), "a.jtl", "b.jtl"))
                .isEqualTo(3);
        assertThat(err).startsWith("cvkit: invalid input: a.jtl, b.jtl: zero counted samples");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--fault-windows"})
    void unknownOptionsAreUsageErrors(String option) throws IOException {
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 300\n");
        assertThat(run("evaluate", "--criteria", c, option, "x", "a.jtl")).isEqualTo(2);
        assertThat(err).contains("Unknown option: '" + option + "'");
        assertThat(reads).isEmpty();
    }

    @Test
    void missingCriteriaOptionOrResultsAreUsageErrors() throws IOException {
        assertThat(run("evaluate", "a.jtl")).isEqualTo(2);
        assertThat(err).contains("Missing required option: '--criteria=FILE'");
        assertThat(run("evaluate", "--criteria", criteria("failureCriteria:\n  - avg(latency) > 1\n"))).isEqualTo(2);
        assertThat(err).contains("RESULTS");
    }

    @Test
    void helpListsTheContractOptions() {
        assertThat(run("evaluate", "--help")).isZero();
        assertThat(out).contains("--criteria=FILE", "--json=FILE", "--junit=FILE", "--markdown=FILE", "--debug", "RESULTS...");
        assertThat(run("--help")).isZero();
        assertThat(out).contains("evaluate");
    }

    @Test
    void writesJsonJunitAndMarkdown() throws Exception {
        String c = criteria("""
                failureCriteria:
                  - Checkout: avg(response_time_ms) > 300
                  - p50(response_time_ms) > 1000
                warnCriteria:
                  - Home: percentage(error) > 1
                """);
        Path json = dir.resolve("reports/deep/gate.json");
        Path junit = dir.resolve("reports/gate.xml");
        Path md = dir.resolve("reports/gate.md");
        assertThat(run("evaluate", "--criteria", c, "--json", json.toString(), "--junit", junit.toString(),
                "--markdown", md.toString(), "a.jtl")).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("fail");
        assertThat(report.at("/stats/labels/Checkout/count").asLong()).isEqualTo(100);
        assertThat(report.at("/stats/overall/count").asLong()).isEqualTo(200);
        assertThat(report.get("criteria")).extracting(n -> n.get("outcome").asText()).containsExactly("fail", "pass", "warn");
        var doc = JunitXml.validate(Files.readString(junit));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(Files.readString(junit)).contains("timestamp=\"2026-01-02T03:04:05\"");
        assertThat(Files.readString(md)).startsWith("### cvkit evaluate: ❌ FAIL");
    }

    @Test
    void unwritableReportIsAUsageError() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 3000\n");
        assertThat(run("evaluate", "--criteria", c, "--json", blocker.resolve("sub/r.json").toString(), "a.jtl"))
                .isEqualTo(2);
        assertThat(err).startsWith("cvkit: cannot write the --json file");
    }

    @Test
    void sameFileForTwoReportsIsAUsageError() throws IOException {
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 3000\n");
        assertThat(run("evaluate", "--criteria", c, "--json", "r.out", "--markdown", "./r.out", "a.jtl")).isEqualTo(2);
        assertThat(err).contains("two reports would be written to the same file");
    }

    @Test
    void azurePipelinesGetsIssuesAndSucceededWithIssuesOnWarn() throws IOException {
        env.put("TF_BUILD", "True");
        String warn = criteria("failureCriteria:\n  - p99(response_time_ms) > 1000\nwarnCriteria:\n  - percentage(error) > 0.5\n");
        assertThat(run("evaluate", "--criteria", warn, "a.jtl")).isZero();
        List<String> vso = out.lines().filter(l -> l.startsWith("##vso[")).toList();
        assertThat(vso).containsExactly(
                "##vso[task.logissue type=warning;sourcepath=" + warn + ";linenumber=4;]cvkit: warning criterion holds: "
                        + "percentage(error) > 0.5 (actual 1%AZP25, threshold 0.5%AZP25)",
                "##vso[task.complete result=SucceededWithIssues;]cvkit: verdict warn");

        String fail = criteria("failureCriteria:\n  - Checkout: avg(response_time_ms) > 300\n");
        assertThat(run("evaluate", "--criteria", fail, "a.jtl")).isEqualTo(1);
        assertThat(out.lines().filter(l -> l.startsWith("##vso[")).toList()).containsExactly(
                "##vso[task.logissue type=error;sourcepath=" + fail + ";linenumber=2;]cvkit: criterion failed: "
                        + "Checkout: avg(response_time_ms) > 300 (actual 400 ms, threshold 300 ms)");
    }

    @Test
    void githubStepSummaryIsAppended() throws IOException {
        Path summary = dir.resolve("step_summary.md");
        Files.writeString(summary, "## earlier step\n");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        String c = criteria("failureCriteria:\n  - Checkout: avg(response_time_ms) > 300\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isEqualTo(1);
        String text = Files.readString(summary);
        assertThat(text).startsWith("## earlier step\n### cvkit evaluate: ❌ FAIL\n");
        assertThat(text).contains("| ❌ fail | `Checkout: avg(response_time_ms) > 300` | 400 ms | 300 ms |");
    }

    @Test
    void unwritableStepSummaryWarnsButKeepsTheVerdict() throws IOException {
        env.put("GITHUB_STEP_SUMMARY", dir.toString());
        String c = criteria("failureCriteria:\n  - Checkout: avg(response_time_ms) > 300\n");
        assertThat(run("evaluate", "--criteria", c, "a.jtl")).isEqualTo(1);
        assertThat(err).startsWith("cvkit: warning: cannot append the summary to GITHUB_STEP_SUMMARY");
    }

    @Test
    void readerWarningsReachTheReportsAndThePipelineButAreNotPrintedTwice() throws IOException {
        env.put("TF_BUILD", "True");
        stats = InMemoryRunStats.builder().row("A", 0, 10, true).warning("a.jtl:3: truncated last line left out").build();
        Path json = dir.resolve("r.json");
        assertThat(run("evaluate", "--criteria", criteria("failureCriteria:\n  - avg(response_time_ms) > 300\n"),
                "--json", json.toString(), "a.jtl")).isZero();
        assertThat(err).isEmpty();
        assertThat(out).contains("##vso[task.logissue type=warning;]cvkit: a.jtl:3: truncated last line left out");
        assertThat(Files.readString(json)).contains("\"warnings\" : [ \"a.jtl:3: truncated last line left out\" ]");
    }
}
