package dev.cvkit.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.cli.CvkitMain;
import dev.cvkit.evaluator.cli.EvaluatorServices;
import dev.cvkit.evaluator.gate.ResultsSource;
import dev.cvkit.evaluator.testing.HeadlessChromium;
import dev.cvkit.evaluator.testing.ManyLabelsRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --html} report of a run with 70,000 labels opened in headless Chromium: a page of a few megabytes at
 * most (it was 300 to 530 MB) whose script draws every chart it embeds, the busy flows among them, and which says
 * in the page what it left out.
 */
class HtmlReportManyLabelsChromiumTest {

    @TempDir
    Path dir;

    @Test
    void chromiumDrawsTheChartsOfTheFlowsShownAndThePageSaysWhatWasLeftOut() throws Exception {
        Path results = new ManyLabelsRun(70_000, 600).write(dir.resolve("many-labels.jtl"));
        Path criteria = dir.resolve("criteria.yaml");
        Files.writeString(criteria, "failureCriteria:\n  - p95(response_time_ms) > 5000 for 30s\n");
        Path html = dir.resolve("report.html");
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(Map.of()), ResultsSource.reader(),
                ConsoleStatsTable::print, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        StringWriter err = new StringWriter();
        int code = CvkitMain.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), services,
                new String[] {"evaluate", "--criteria", criteria.toString(), "--html", html.toString(), results.toString()});
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.size(html)).isLessThan(3L << 20);

        String dom = HeadlessChromium.run(dir, "--dump-dom", html.toUri().toString());
        Matcher rendered = Pattern.compile("data-rendered=\"(\\d+)\"").matcher(dom);
        assertThat(rendered.find()).as("the page's script ran").isTrue();
        int flows = Integer.parseInt(rendered.group(1));
        assertThat(flows).isBetween(3, FlowSelection.CHARTS + 1);
        for (String flow : new String[] {"overall", "Browse", "Checkout"}) {
            assertThat(dom).contains("data-flow=\"" + flow + "\" data-chart=\"response time (ms)\"");
        }
        // Three charts per flow, each with its points drawn.
        Matcher charts = Pattern.compile("<svg[^>]*class=\"chart\"").matcher(dom);
        int n = 0;
        while (charts.find()) {
            n++;
        }
        assertThat(n).isEqualTo(3 * flows);
        Matcher points = Pattern.compile("data-series=\"p95\" data-points=\"(\\d+)\"").matcher(dom);
        int drawn = 0;
        while (points.find()) {
            assertThat(Integer.parseInt(points.group(1))).isPositive();
            drawn++;
        }
        assertThat(drawn).isEqualTo(flows);
        assertThat(dom).containsPattern("[\\d,]+ of [\\d,]+ labels left out of the charts")
                .containsPattern("[\\d,]+ of 70,00\\d labels left out of this table");
    }
}
