package dev.cvkit.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.cli.CvkitMain;
import dev.cvkit.evaluator.cli.EvaluatorServices;
import dev.cvkit.evaluator.gate.ResultsSource;
import dev.cvkit.evaluator.testing.ChaosRun;
import dev.cvkit.evaluator.testing.HeadlessChromium;
import dev.cvkit.evaluator.testing.JtlWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --html} report opened in headless Chromium: the page after its scripts ran ({@code --dump-dom})
 * has a chart per flow and figure with the points drawn and the fault window shaded, and a screenshot shows
 * them (it is kept in {@code target/html-report/} to look at). Skipped, saying so, when Chromium is absent.
 */
class HtmlReportChromiumTest {

    @TempDir
    static Path dir;

    private static Path html;
    private static String report;

    @BeforeAll
    static void writeTheReport() throws IOException {
        Path results = new ChaosRun(300).fault(100, 160).trouble(100, 180, 3, 20)
                .write(dir.resolve("chaos.jtl"));
        Path criteria = dir.resolve("criteria.yaml");
        Files.writeString(criteria, """
                failureCriteria:
                  - p95(response_time_ms) > 2000
                  - recovery_time_s(response_time_ms) > 10
                  - phases:
                      during: [percentage(error) > 5 for 20s]
                """);
        html = Path.of("target", "html-report", "chaos-report.html").toAbsolutePath();
        Files.createDirectories(html.getParent());
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(Map.of()), ResultsSource.reader(),
                ConsoleStatsTable::print, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        StringWriter out = new StringWriter();
        int code = CvkitMain.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), services,
                new String[] {"evaluate", "--criteria", criteria.toString(), "--html", html.toString(), results.toString()});
        assertThat(code).as(out.toString()).isEqualTo(1);
        report = Files.readString(html);
    }

    @Test
    void theFileIsSelfContained() {
        assertThat(report).startsWith("<!DOCTYPE html>");
        // No network: nothing is fetched from anywhere.
        assertThat(report).doesNotContainPattern("(?i)<script[^>]+src=").doesNotContainPattern("(?i)<link[^>]+href=")
                .doesNotContain("http://cdn").doesNotContain("https://");
        assertThat(report).contains("id=\"cvkit-data\"").contains("\"faultWindows\":[{\"start\":" + (JtlWriter.T0 + 100_000));
    }

    @Test
    void chromiumRendersChartsWithPointsAndTheShadedFaultWindow() throws Exception {
        String dom = HeadlessChromium.run(dir, "--dump-dom", html.toUri().toString());
        assertThat(dom).contains("data-rendered=\"3\"");
        assertThat(dom).contains("id=\"verdict\" class=\"verdict fail\" data-verdict=\"fail\"");
        assertThat(count(dom, "<svg[^>]*class=\"chart\"")).isEqualTo(9);
        for (String flow : new String[] {"overall", "Browse", "Checkout"}) {
            assertThat(dom).contains("data-flow=\"" + flow + "\" data-chart=\"response time (ms)\"");
        }
        // Every chart shades the fault window at its place.
        Matcher shade = Pattern.compile("class=\"fault-window\" data-start=\"(\\d+)\" data-end=\"(\\d+)\"").matcher(dom);
        int shades = 0;
        while (shade.find()) {
            assertThat(Long.parseLong(shade.group(1))).isEqualTo(JtlWriter.T0 + 100_000);
            assertThat(Long.parseLong(shade.group(2))).isEqualTo(JtlWriter.T0 + 160_000);
            shades++;
        }
        assertThat(shades).isEqualTo(9);
        // 300 s of 1 s cells: every series has a point per second.
        Matcher points = Pattern.compile("data-series=\"(p50|p95|p99|rps|errors)\" data-points=\"(\\d+)\"").matcher(dom);
        int series = 0;
        while (points.find()) {
            assertThat(Integer.parseInt(points.group(2))).as(points.group(1)).isGreaterThanOrEqualTo(300);
            series++;
        }
        assertThat(series).isEqualTo(3 * 5);
        assertThat(dom).contains("<table id=\"criteria\">").contains("[during] percentage(error) &gt; 5 for 20s");
        assertThat(dom).contains("<table id=\"phases\">").contains("<table id=\"recovery\">");
    }

    @Test
    void theScreenshotShowsTheVerdictLinesAndTheShade() throws Exception {
        Path png = html.resolveSibling("chaos-report.png");
        Files.deleteIfExists(png);
        HeadlessChromium.run(dir, "--screenshot=" + png, "--window-size=1280,2200", html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        int white = 0;
        int failRed = 0;
        int shade = 0;
        int blue = 0;
        int total = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                white += r > 245 && g > 245 && b > 245 ? 1 : 0;
                failRed += near(r, g, b, 207, 34, 46, 12) ? 1 : 0;
                shade += near(r, g, b, 247, 223, 225, 8) ? 1 : 0;
                blue += near(r, g, b, 9, 105, 218, 40) ? 1 : 0;
            }
        }
        assertThat(white).as("not blank").isLessThan(total * 95 / 100);
        assertThat(failRed).as("the FAIL badge and failing figures").isGreaterThan(2_000);
        assertThat(shade).as("fault windows shaded").isGreaterThan(10_000);
        assertThat(blue).as("p50 lines").isGreaterThan(50);
    }

    /**
     * Labels that hold {@code <!--}, {@code <script>} and {@code </script>}: inside the page's embedded data they
     * used to put the HTML parser into its "script data double escaped" state, which swallowed the page's own
     * script, so that no chart was drawn. Now every chart is drawn, the labels show as written, and none ran.
     */
    @Test
    void labelsWithScriptMarkupStillGiveEveryChart() throws Exception {
        String[] hostile = {"<!-- <script>document.title='owned'", "</script><script>document.title='owned'</script>",
            "<!--"};
        JtlWriter w = new JtlWriter();
        for (int i = 0; i < 600; i++) {
            long t = JtlWriter.T0 + i * 100L;
            w.row(t, 100 + i % 7, i % 2 == 0 ? "Browse" : hostile[i / 2 % hostile.length], i % 10 != 0);
        }
        Path results = w.write(dir.resolve("hostile.jtl"));
        Path criteria = dir.resolve("hostile-criteria.yaml");
        Files.writeString(criteria, "failureCriteria:\n  - p95(response_time_ms) > 2000\n");
        Path page = html.resolveSibling("hostile-labels-report.html");
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(Map.of()), ResultsSource.reader(),
                ConsoleStatsTable::print, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        StringWriter out = new StringWriter();
        int code = CvkitMain.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), services,
                new String[] {"evaluate", "--criteria", criteria.toString(), "--html", page.toString(),
                    results.toString()});
        assertThat(code).as(out.toString()).isZero();

        String dom = HeadlessChromium.run(dir, "--dump-dom", page.toUri().toString());
        // overall, Browse and the three others
        assertThat(dom).contains("data-rendered=\"5\"");
        assertThat(count(dom, "<svg[^>]*class=\"chart\"")).isEqualTo(5 * 3);
        assertThat(dom).doesNotContain("<title>owned").contains("<title>cvkit evaluate: PASS</title>");
        for (String label : hostile) {
            // as Chromium writes an attribute out
            String attribute = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            assertThat(dom).contains("data-flow=\"" + attribute + "\" data-chart=\"response time (ms)\"");
        }
    }

    private static boolean near(int r, int g, int b, int er, int eg, int eb, int tolerance) {
        return Math.abs(r - er) <= tolerance && Math.abs(g - eg) <= tolerance && Math.abs(b - eb) <= tolerance;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
