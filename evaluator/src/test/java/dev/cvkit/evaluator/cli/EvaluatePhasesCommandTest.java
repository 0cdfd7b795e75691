package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.evaluator.testing.ChaosRun;
import dev.cvkit.evaluator.testing.InProcessCli;
import dev.cvkit.evaluator.testing.JtlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cvkit evaluate} on generated chaos runs, in-process with the real reader: phase criteria, sustained
 * criteria ({@code for 30s}), recovery times, relative criteria per phase against a recorded reference, and
 * the phases in every report.
 */
class EvaluatePhasesCommandTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        InProcessCli.Result result = InProcessCli.run(args);
        out = result.out();
        err = result.err();
        return result.code();
    }

    private String criteria(String yaml) throws IOException {
        Path file = dir.resolve("criteria-" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(file, yaml);
        return file.toString();
    }

    private JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static JsonNode criterion(JsonNode report, String text) {
        for (JsonNode c : report.get("criteria")) {
            if (c.get("text").asText().equals(text)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + text + " in " + report.get("criteria"));
    }

    // ---- sustained criteria ----

    private String spike(int seconds) throws IOException {
        return new ChaosRun(300).trouble(60, 60 + seconds, 5, 0).write(dir.resolve("spike-" + seconds + ".jtl")).toString();
    }

    @Test
    void aSpikeShorterThanTheWindowPasses() throws IOException {
        String c = criteria("failureCriteria:\n  - p95(response_time_ms) > 1000 for 30s\n");
        Path report = dir.resolve("short.json");
        assertThat(run("evaluate", "--criteria", c, "--json", report.toString(), spike(20))).isZero();
        assertThat(out).contains("PASS     fail  p95(response_time_ms) > 1000 for 30s")
                .contains("longest stretch beyond the threshold: 20s from 2026-01-01T00:01:00Z, shorter than the 30s window");
        JsonNode j = criterion(json(report), "p95(response_time_ms) > 1000 for 30s");
        assertThat(j.get("windowSeconds").asDouble()).isEqualTo(30);
        assertThat(j.get("longestStretch").get("seconds").asDouble()).isEqualTo(20);
        assertThat(j.get("actual").asDouble()).isLessThan(1000);
    }

    @Test
    void aSpikeLongerThanTheWindowFails() throws IOException {
        String c = criteria("failureCriteria:\n  - p95(response_time_ms) > 1000 for 30s\n"
                + "  - Browse: p95(response_time_ms) > 1000 for 30s\n");
        assertThat(run("evaluate", "--criteria", c, spike(40))).isEqualTo(1);
        // Checkout's 1,500 ms make overall's p95; Browse alone (500 ms) stays under the threshold.
        assertThat(out).contains("FAIL     fail  p95(response_time_ms) > 1000 for 30s")
                .contains("held for 40s from 2026-01-01T00:01:00Z (window 30s)")
                .contains("PASS     fail  Browse: p95(response_time_ms) > 1000 for 30s");
    }

    // ---- recovery ----

    private String chaos(String name, java.util.function.UnaryOperator<ChaosRun> shape) throws IOException {
        return chaos(name, 300, shape);
    }

    private String chaos(String name, int seconds, java.util.function.UnaryOperator<ChaosRun> shape) throws IOException {
        ChaosRun r = new ChaosRun(seconds).fault(100, 160);
        return shape.apply(r).write(dir.resolve(name)).toString();
    }

    @Test
    void aFlowSlowFor20sAfterTheFaultRecoversIn20s() throws IOException {
        String results = chaos("recovers.jtl", r -> r.trouble(100, 180, 3, 20));
        String c = criteria("failureCriteria:\n  - Browse: recovery_time_s(response_time_ms) > 60\n"
                + "  - recovery_time_s(response_time_ms) > 19\n  - Checkout: recovery_time_s(error) > 15\n");
        Path report = dir.resolve("r.json");
        assertThat(run("evaluate", "--criteria", c, "--json", report.toString(), results)).isEqualTo(1);
        // Browse's rolling p95 is back once its 10 s window holds no slow second: 20 s after the fault.
        assertThat(out).contains("PASS     fail  [after] Browse: recovery_time_s(response_time_ms) > 60  20s");
        // Overall's p95 is made by Checkout; one slow second of Checkout rows is 5% of a 10 s window, and the
        // slow Browse rows (about 330 ms) are within overall's limit: its p95 is back a second earlier. The
        // failing rows stop before the last slow second (every 100th row pattern).
        assertThat(out).contains("PASS     fail  [after] recovery_time_s(response_time_ms) > 19          19s")
                .contains("FAIL     fail  [after] Checkout: recovery_time_s(error) > 15           19s");
        assertThat(out).contains("Recovery after the fault").containsPattern("Browse\\s+20 s\\s+19 s");
        JsonNode recovery = json(report).get("recovery");
        assertThat(recovery.get("settings").get("windowSeconds").asDouble()).isEqualTo(10);
        JsonNode overall = recovery.get("flows").get(0);
        assertThat(overall.get("label").isNull()).isTrue();
        assertThat(overall.get("recovered").asBoolean()).isTrue();
        assertThat(overall.get("seconds").asDouble()).isEqualTo(19);
    }

    @Test
    void aFlowThatNeverRecoversFailsAndSaysSo() throws IOException {
        String results = chaos("never.jtl", r -> r.trouble(100, 300, 3, 0));
        String c = criteria("warnCriteria:\n  - Browse: recovery_time_s(response_time_ms) > 600\n");
        assertThat(run("evaluate", "--criteria", c, results)).isZero();
        assertThat(out).contains("WARN     warn  [after] Browse: recovery_time_s(response_time_ms) > 600  -")
                .contains("never recovered: never back within")
                .contains("for 30s in the 139.95 s after the fault; last rolling p95 response time 355 ms");
        assertThat(out).containsPattern("Browse\\s+never\\s+0 s");
    }

    @Test
    void aRelapseWithinTheHoldTimeMovesTheRecoveryLater() throws IOException {
        String results = chaos("relapse.jtl", r -> r.trouble(100, 180, 3, 0).trouble(195, 205, 3, 0));
        String c = criteria("recovery: {window: 10s, hold: 30s, tolerance: 20%}\n"
                + "failureCriteria:\n  - Browse: recovery_time_s(response_time_ms) > 40\n");
        assertThat(run("evaluate", "--criteria", c, results)).isEqualTo(1);
        // Back at 20 s, but slow again at 35 s, within the hold: recovered with the window from 45 s.
        assertThat(out).contains("FAIL     fail  [after] Browse: recovery_time_s(response_time_ms) > 40  45s");
    }

    @Test
    void aLongerHoldIsStricter() throws IOException {
        String results = chaos("relapse-late.jtl", 400, r -> r.trouble(100, 180, 3, 0).trouble(230, 240, 3, 0));
        String thirty = criteria("failureCriteria:\n  - Browse: recovery_time_s(response_time_ms) > 40\n");
        assertThat(run("evaluate", "--criteria", thirty, results)).isZero();
        assertThat(out).contains("PASS     fail  [after] Browse: recovery_time_s(response_time_ms) > 40  20s")
                .contains("left the limit again 71 s after the fault ended");
        String minute = criteria("recovery: {hold: 1m}\nfailureCriteria:\n  - Browse: recovery_time_s(response_time_ms) > 40\n");
        assertThat(run("evaluate", "--criteria", minute, results)).isEqualTo(1);
        assertThat(out).contains("FAIL     fail  [after] Browse: recovery_time_s(response_time_ms) > 40  80s");
    }

    // ---- phases ----

    @Test
    void phaseCriteriaJudgeTheRowsOfTheirPhase() throws IOException {
        String results = chaos("phases.jtl", r -> r.trouble(100, 160, 3, 20));
        String c = criteria("""
                failureCriteria:
                  - phases:
                      before: [p95(response_time_ms) > 400, percentage(error) > 0]
                      during: [Browse: p95(response_time_ms) > 300]
                      after: [percentage(error) > 0]
                warnCriteria:
                  - phases:
                      during: [percentage(error) > 10]
                """);
        Path report = dir.resolve("p.json");
        Path junit = dir.resolve("p.xml");
        assertThat(run("evaluate", "--criteria", c, "--json", report.toString(), "--junit", junit.toString(), results))
                .isEqualTo(1);
        assertThat(out).contains("PASS     fail  [before] p95(response_time_ms) > 400")
                .contains("FAIL     fail  [during] Browse: p95(response_time_ms) > 300  355 ms")
                .contains("WARN     warn  [during] percentage(error) > 10               20%")
                .contains("PASS     fail  [after] percentage(error) > 0");
        assertThat(out).contains("Fault window (from the fault markers): 2026-01-01T00:01:40Z to 2026-01-01T00:02:40Z (1m)");
        JsonNode j = json(report);
        assertThat(j.get("phases")).hasSize(3);
        assertThat(j.get("phases").get(1).get("name").asText()).isEqualTo("during");
        assertThat(j.get("phases").get(1).get("start").asLong()).isEqualTo(JtlWriter.T0 + 100_000);
        assertThat(j.get("phases").get(1).get("end").asLong()).isEqualTo(JtlWriter.T0 + 160_000);
        assertThat(j.get("phases").get(1).get("stats").get("labels").get("Browse").get("count").asLong()).isEqualTo(600);
        assertThat(j.get("faultWindows").get(0).get("experiments").get(0).asText()).isEqualTo("stamp-failure");
        assertThat(criterion(j, "Browse: p95(response_time_ms) > 300").get("phase").asText()).isEqualTo("during");
        assertThat(Files.readString(junit)).contains("name=\"[during] Browse: p95(response_time_ms) &gt; 300\"");
    }

    @Test
    void aChaosBaselineOnResultsWithoutAFaultDoesNotPass() throws IOException {
        String results = new ChaosRun(120).write(dir.resolve("calm.jtl")).toString();
        String c = criteria("failureCriteria:\n  - p95(response_time_ms) > 5000\n  - phases:\n"
                + "      during: [percentage(error) > 50]\n  - recovery_time_s(response_time_ms) > 600\n");
        assertThat(run("evaluate", "--criteria", c, results)).isEqualTo(1);
        assertThat(out).contains("FAIL     fail  [during] percentage(error) > 50")
                .contains("phase 'during' does not exist: the results have no fault window: no confirmed fault markers")
                .contains("FAIL     fail  [after] recovery_time_s(response_time_ms) > 600")
                .contains("No fault window: no confirmed fault markers in the results and no --fault-window.");
    }

    @Test
    void theFaultWindowOptionMakesPhasesOfResultsWithoutMarkers() throws IOException {
        String results = new ChaosRun(300).trouble(100, 160, 3, 20).write(dir.resolve("unmarked.jtl")).toString();
        String c = criteria("failureCriteria:\n  - phases:\n      during: [percentage(error) > 10]\n");
        assertThat(run("evaluate", "--criteria", c, "--fault-window", "+100s/+160s", results)).isEqualTo(1);
        assertThat(out).contains("Fault window (from --fault-window): 2026-01-01T00:01:40Z to 2026-01-01T00:02:40Z")
                .contains("FAIL     fail  [during] percentage(error) > 10");
    }

    @Test
    void relativeCriteriaPerPhaseCompareWithTheReferencesPhase() throws IOException {
        String before = chaos("reference.jtl", r -> r.trouble(100, 160, 2, 0));
        Path reference = dir.resolve("baselines/chaos/reference.json");
        assertThat(run("baseline", "record", "--results", before, "--out", reference.toString())).isZero();
        assertThat(out).contains("phases 'all', 'before', 'during', 'after'");
        JsonNode ref = json(reference);
        assertThat(ref.get("phases").get("during").get("labels").get("Browse").get("count").asLong()).isEqualTo(600);
        assertThat(ref.get("phases").get("before").get("overall").get("count").asLong()).isEqualTo(2000);

        // The release is 30% slower during the fault only.
        String current = chaos("current.jtl", r -> r.trouble(100, 160, 2.6, 0));
        String c = criteria("""
                failureCriteria:
                  - phases:
                      before: [p95(response_time_ms) > +10%]
                      during: [p95(response_time_ms) > +10%, Checkout: avg(response_time_ms) > +10%]
                      after: [Browse: p95(response_time_ms) > +10%]
                """);
        assertThat(run("evaluate", "--criteria", c, "--reference", reference.toString(), current)).isEqualTo(1);
        assertThat(out).containsPattern("PASS +fail +\\[before\\] p95\\(response_time_ms\\) > \\+10% .* \\+0%")
                .containsPattern("FAIL +fail +\\[during\\] p95\\(response_time_ms\\) > \\+10% .* \\+29.76%")
                .containsPattern("FAIL +fail +\\[during\\] Checkout: avg\\(response_time_ms\\) > \\+10% .* \\+30%")
                .containsPattern("PASS +fail +\\[after\\] Browse: p95\\(response_time_ms\\) > \\+10%");
    }

    @Test
    void aReferenceWithoutPhasesCannotJudgeAPhase() throws IOException {
        String calm = new ChaosRun(300).write(dir.resolve("calm-ref.jtl")).toString();
        Path reference = dir.resolve("ref.json");
        assertThat(run("baseline", "record", "--results", calm, "--out", reference.toString())).isZero();
        assertThat(out).contains("phase 'all'");
        String c = criteria("failureCriteria:\n  - phases:\n      during: [p95(response_time_ms) > +10%]\n");
        assertThat(run("evaluate", "--criteria", c, "--reference", reference.toString(),
                chaos("chaos.jtl", r -> r.trouble(100, 160, 2, 0)))).isEqualTo(1);
        assertThat(out).contains("the reference run " + reference + " has no phase 'during'");
    }

    @Test
    void warmupIsLeftOutOfEveryFigure() throws IOException {
        String results = chaos("warm.jtl", r -> r.trouble(0, 30, 10, 50));
        String c = criteria("warmup: 30s\nfailureCriteria:\n  - percentage(error) > 0\n  - p95(response_time_ms) > 400\n");
        Path json = dir.resolve("w.json");
        assertThat(run("evaluate", "--criteria", c, "--json", json.toString(), results)).isZero();
        assertThat(out).contains("Warm-up (30s): rows before 2026-01-01T00:00:30Z left out (600 rows)");
        JsonNode j = json(json);
        assertThat(j.get("warmup").get("rowsLeftOut").asLong()).isEqualTo(600);
        assertThat(j.get("stats").get("overall").get("count").asLong()).isEqualTo(5400);
    }
}
