package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.ci.GithubStepSummary;
import dev.cvkit.evaluator.gate.ResultsSource;
import dev.cvkit.evaluator.report.ConsoleStatsTable;
import dev.cvkit.evaluator.testing.ManyLabelsRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cvkit evaluate} on a run with 70,000 labels (ids in URLs) and a fault, with time cells kept (sustained and
 * recovery criteria, {@code --html}): it used to crash (exit 4, "/ by zero" from the cell width doubling until it
 * overflowed), run out of memory, or write an HTML report of hundreds of megabytes and a step summary GitHub refuses.
 */
class EvaluateManyLabelsCommandTest {

    private static final int IDS = 70_000;

    @TempDir
    static Path dir;

    private static Path results;
    private static Path criteria;

    private String out;
    private String err;

    @BeforeAll
    static void writeTheRun() throws IOException {
        results = new ManyLabelsRun(IDS, 600).write(dir.resolve("many-labels.jtl"));
        criteria = dir.resolve("criteria.yaml");
        // A late id with a single row is named: it keeps its own time cells, whatever the others.
        Files.writeString(criteria, """
                recovery: {window: 10s, hold: 30s, tolerance: 50%, errorTolerance: 5%}
                failureCriteria:
                  - p95(response_time_ms) > 5000
                  - p95(response_time_ms) > 5000 for 30s
                  - recovery_time_s(response_time_ms) > 3600
                  - Checkout: percentage(error) > 50 for 1m
                  - "GET /api/items/69999: p95(response_time_ms) > 5000 for 30s"
                """);
    }

    private int run(Map<String, String> env, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(env), ResultsSource.reader(),
                ConsoleStatsTable::print, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        int code = CvkitMain.run(new PrintWriter(o, true), new PrintWriter(e, true), services, args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void theGatePassesAndEveryReportIsBoundedAndSaysWhatItLeftOut() throws IOException {
        Path html = dir.resolve("report.html");
        Path markdown = dir.resolve("summary.md");
        Path json = dir.resolve("report.json");
        int code = run(Map.of(), "evaluate", "--criteria", criteria.toString(), "--html", html.toString(),
                "--markdown", markdown.toString(), "--json", json.toString(), results.toString());
        assertThat(code).as(err).isZero();
        assertThat(err).doesNotContain("internal error");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("pass");
        // Every criterion judged, the named single-row id included (its time cells were kept).
        for (JsonNode c : report.get("criteria")) {
            assertThat(c.get("outcome").asText()).as(c.toString()).isEqualTo("pass");
        }
        // The JSON report still has every label.
        assertThat(report.get("stats").get("labels").size()).isEqualTo(IDS + 2 + 2);

        String page = Files.readString(html);
        assertThat(Files.size(html)).as("HTML report size").isLessThan(3L << 20);
        assertThat(page).containsPattern("[\\d,]+ of 70,00\\d labels left out of this table")
                .containsPattern("[\\d,]+ of [\\d,]+ labels left out of the charts")
                .containsPattern("[\\d,]+ labels were not read over time on their own");
        List<String> charted = chartedFlows(page);
        assertThat(charted).hasSizeLessThanOrEqualTo(51)
                .contains("overall", "Browse", "Checkout", ManyLabelsRun.idLabel(IDS - 1));

        String md = Files.readString(markdown);
        assertThat(md.getBytes(StandardCharsets.UTF_8).length).as("Markdown size").isLessThan(64 * 1024);
        assertThat(md).containsPattern("[\\d,]+ of 70,00\\d labels left out of this table")
                .contains("| Browse |").contains("| Checkout |");
    }

    @Test
    void theStepSummaryStaysWithinGithubsLimitBesideWhatTheStepWroteBefore() throws IOException {
        Path summary = dir.resolve("step-summary.md");
        // Another command of the same step already wrote most of the 1 MiB.
        String earlier = "earlier line of this step\n".repeat((int) (GithubStepSummary.STEP_LIMIT - 4096) / 26);
        Files.writeString(summary, earlier);
        int code = run(Map.of("GITHUB_STEP_SUMMARY", summary.toString()), "evaluate", "--criteria",
                criteria.toString(), results.toString());
        assertThat(code).as(err).isZero();
        assertThat(Files.size(summary)).isLessThanOrEqualTo(GithubStepSummary.STEP_LIMIT);
        String written = Files.readString(summary).substring(earlier.length());
        assertThat(written).startsWith("### cvkit evaluate: ").contains("**Summary cut here**");
    }

    @Test
    void theLaunchersHeapIsEnoughAndTheRunTakesSecondsNotMinutes() throws Exception {
        // A JVM of its own with the launcher's heap: the in-process runs above share the test JVM's larger one.
        Path html = dir.resolve("own-jvm.html");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xmx256m", "-Xmn24m", "-cp", System.getProperty("java.class.path"),
                CvkitMain.class.getName(), "evaluate", "--criteria", criteria.toString(), "--html", html.toString(),
                results.toString()));
        Path log = dir.resolve("own-jvm.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long started = System.nanoTime();
        try {
            // Seconds on an idle machine; the limit leaves room for a busy one, far below the minutes it hung for.
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(p.exitValue()).as(output.substring(Math.max(0, output.length() - 2000))).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("internal error");
        System.out.printf("many labels, own JVM with -Xmx256m: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(Files.size(html)).isLessThan(3L << 20);
    }

    /** The flows whose points the page embeds, in order. */
    private static List<String> chartedFlows(String page) throws IOException {
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"cvkit-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(page);
        assertThat(data.find()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode flow : new ObjectMapper().readTree(data.group(1).replace("<\\/", "</")).get("flows")) {
            names.add(flow.get("name").asText());
        }
        return names;
    }
}
