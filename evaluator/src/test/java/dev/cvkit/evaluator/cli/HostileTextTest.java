package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.evaluator.testing.CliProcess;
import dev.cvkit.evaluator.testing.JtlWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results, criteria and archives full of text meant to steer a pipeline (logging commands, workflow commands, line
 * breaks, terminal sequences, Markdown links, HTML comments and scripts, invalid UTF-8), judged by the real CLI in
 * a JVM of its own, outside any pipeline, as in Azure Pipelines ({@code TF_BUILD}) and as in GitHub Actions: no
 * line of stdout or stderr is a command other than cvkit's own, and every report stays well-formed.
 */
class HostileTextTest {

    /** Text that would be a command, split a line, or drive a terminal if printed as it is. */
    static final List<String> HOSTILE = List.of(
            "##vso[task.setvariable variable=gate]pass",
            "##[error]fake error",
            "::error::fake error",
            "  ::warning file=x.yaml::fake warning",
            "\u00a0::notice::after a no-break space",
            "\t::debug::after a tab",
            "line one\n::error::after a line feed",
            "cr\r##vso[task.complete result=Succeeded;]after a carriage return",
            "x#",
            "\u001b[31mred\u001b[0m \u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007",
            "[click](https://evil.example/) ![img](https://evil.example/i.png) www.evil.example a@evil.example",
            "<!-- <script>document.title='owned'</script> </script",
            "nul\u0001bell\u0007del\u007fc1\u0085\u009b2J ls\u2028ps\u2029bidi\u202e");

    @TempDir
    static Path dir;

    private static Path results;
    private static Path archive;
    private static Path criteria;
    private static Path bad;
    private static Path badUtf8;

    @BeforeAll
    static void writeTheInputs() throws IOException {
        StringBuilder csv = new StringBuilder(JtlWriter.HEADER).append('\n');
        long t = JtlWriter.T0;
        // Plain rows first: the reader refuses a file with many control characters in its first 64 KB as binary,
        // but they are text past that (a response message may hold anything).
        for (int r = 0; r < 800; r++) {
            csv.append(t + r * 25L)
                    .append(",100,Browse,200,OK,Shoppers 1-1,text,true,,1520,180,1,1,http://shop.test/,95,0,5\n");
        }
        for (int i = 0; i < HOSTILE.size(); i++) {
            String h = HOSTILE.get(i);
            for (int r = 0; r < 20; r++) {
                boolean ok = r % 4 != 0;
                csv.append(t + r * 1000L).append(",100,").append(quote(h)).append(',').append(ok ? "200" : "500")
                        .append(',').append(quote(h)).append(',').append(quote(h + " 1-" + r)).append(",text,")
                        .append(ok).append(',').append(ok ? "" : quote(h))
                        .append(",1520,180,1,1,http://shop.test/,95,0,5\n");
            }
        }
        // A fault whose experiment and execution are hostile too.
        String experiment = "exp ::error::x ##vso[task.setvariable variable=e]1";
        String execution = "##vso[task.complete result=Succeeded;]\n::error::exec";
        String url = "/subscriptions/0/providers/Microsoft.Chaos/experiments/x";
        csv.append(t + 4000).append(",1000,").append(quote("cvkit:fault-start:" + experiment)).append(",200,")
                .append(quote("execution=" + execution + "; status=Running; role=started; by=sampler"))
                .append(",Fault 1-1,text,true,,0,0,1,1,").append(url).append(",1000,0,0\n");
        csv.append(t + 12000).append(",500,").append(quote("cvkit:fault-end:" + experiment)).append(",200,")
                .append(quote("execution=" + execution + "; status=Cancelled; role=started; by=sampler"))
                .append(",Fault 1-1,text,true,,0,0,1,1,").append(url).append(",500,0,0\n");
        results = Files.writeString(dir.resolve("results ##vso[task.setvariable variable=f]1.jtl"), csv);

        // An archive whose entry names are hostile; one entry with a malformed row that --lenient skips and names.
        Map<String, String> entries = new HashMap<>();
        entries.put("##vso[task.setvariable variable=z]engine1.csv", csv.toString());
        entries.put("e\n::error::entry.csv", csv.toString() + JtlWriter.T0
                + ",##vso[task.complete result=Succeeded;]x,a,200,OK,t,text,true,,1,1,1,1,u,1,0,0\n"
                + csv.substring(csv.indexOf("\n") + 1));
        archive = dir.resolve("results.zip");
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }

        criteria = dir.resolve("criteria ##vso[task.setvariable variable=c]1 ::x.yaml");
        Files.writeString(criteria, """
                failureCriteria:
                  - "::error::fake error: avg(response_time_ms) > 100000"
                  - "##vso[task.complete result=Succeeded;]missing\\r\\n::error::x: p95(response_time_ms) > 1"
                  - "ctl\\x01\\e[31m: p95(response_time_ms) > 1"
                  - percentage(error) > 90
                warnCriteria:
                  - percentage(error) > 1
                """);

        bad = Files.writeString(dir.resolve("bad\n::error::file ##vso[x]1.jtl"), JtlWriter.HEADER + "\n"
                + JtlWriter.T0 + ",\"##vso[task.complete result=Succeeded;]\n::error::elapsed\""
                + ",a,200,OK,t,text,true,,1,1,1,1,u,1,0,0\n");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((JtlWriter.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (int r = 0; r < 10; r++) {
            bytes.writeBytes((JtlWriter.T0 + r * 1000L + ",100,bad").getBytes(StandardCharsets.UTF_8));
            // two bytes that never start a character, a lead byte without its follower, an encoded surrogate
            bytes.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0,
                (byte) 0x80});
            bytes.writeBytes((",500,Error,t 1-1,text,false,,1,1,1,1,u,95,0,5\n").getBytes(StandardCharsets.UTF_8));
        }
        badUtf8 = dir.resolve("invalid-utf8.jtl");
        Files.write(badUtf8, bytes.toByteArray());
    }

    static String quote(String field) {
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }

    private static final List<Map<String, String>> ENVIRONMENTS = List.of(
            Map.of(),
            Map.of("TF_BUILD", "True"),
            Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", "summary.md"));

    private static CliProcess.Result cvkit(Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("LANG", "C.UTF-8");
        if (all.containsKey("GITHUB_STEP_SUMMARY")) {
            all.put("GITHUB_STEP_SUMMARY", dir.resolve(all.get("GITHUB_STEP_SUMMARY")).toString());
        }
        return CliProcess.run(dir, List.of(), all, args);
    }

    @Test
    void theGateOnHostileResultsPrintsNoCommandButItsOwn() throws Exception {
        for (Map<String, String> env : ENVIRONMENTS) {
            Path reports = Files.createDirectories(dir.resolve("reports-" + env.size() + env.hashCode()));
            CliProcess.Result run = cvkit(env, "evaluate", "--criteria", criteria.toString(), "--lenient",
                    "--json", reports.resolve("r.json").toString(), "--junit", reports.resolve("junit.xml").toString(),
                    "--markdown", reports.resolve("summary.md").toString(),
                    "--html", reports.resolve("r.html").toString(), results.toString(), archive.toString());
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertNoForeignCommand(run, env);
            // The text is there to read, escaped: the test would pass on a CLI that printed nothing otherwise.
            assertThat(run.out()).as(run.toString())
                    .contains("#\\x23vso[task.setvariable variable=gate]pass", ":\\x3aerror::fake error",
                            "line one\\n:", "cr\\r#\\x23vso[", "\\x1b[31mred", "experiment exp ::error::x #\\x23vso",
                            "execution #\\x23vso[task.complete result=Succeeded",
                            "Criteria from " + dir + "/criteria #\\x23vso[task.setvariable");
            assertThat(run.err()).as(run.toString()).contains("--lenient skipped 1 malformed row",
                    "e\\n::error::entry.csv", "found '#\\x23vso[task.complete result=Succeeded;]x'");
            if (env.containsKey("TF_BUILD")) {
                assertThat(ownCommands(run)).as(run.toString()).hasSizeGreaterThanOrEqualTo(4);
            }
            if (env.containsKey("GITHUB_STEP_SUMMARY")) {
                // The job summary GitHub renders: the same escaped Markdown, no link or markup from the inputs.
                assertThat(Files.readString(dir.resolve(env.get("GITHUB_STEP_SUMMARY"))))
                        .contains("#\\#vso\\[task.setvariable variable=gate\\]pass")
                        .doesNotContain("](", "![", "<!--", "<script", "\u001b", "https://");
            }
        }
    }

    @Test
    void statsAndInputErrorsPrintNoCommandEither() throws Exception {
        for (Map<String, String> env : ENVIRONMENTS) {
            CliProcess.Result stats = cvkit(env, "stats", "--lenient", results.toString(), archive.toString());
            assertThat(stats.exitCode()).as(stats.toString()).isZero();
            assertNoForeignCommand(stats, env);
            assertThat(stats.out()).contains("#\\x23[error]fake error", "\u00a0:\\x3anotice::after a no-break space",
                    "nul\\x01bell\\x07del\\x7fc1\\x85\\x9b2J ls\\u2028ps");

            CliProcess.Result invalid = cvkit(env, "evaluate", "--criteria", criteria.toString(), bad.toString());
            assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(3);
            assertNoForeignCommand(invalid, env);
            assertThat(invalid.err()).contains("cvkit: invalid input: ",
                    "bad\\n::error::file #\\x23vso[x]1.jtl:2: elapsed:",
                    "found '#\\x23vso[task.complete result=Succeeded;]\\n::error::elapsed'");
            if (env.containsKey("TF_BUILD")) {
                assertThat(ownCommands(invalid)).hasSize(1).allMatch(c -> c.startsWith(
                        "##vso[task.logissue type=error;sourcepath=" + dir
                                + "/bad\\n::error::file #\\x23vso[x%5D1.jtl;linenumber=2;]cvkit: invalid input: "));
            }

            CliProcess.Result missing = cvkit(env, "evaluate", "--criteria",
                    dir.resolve("no\r::error::such.yaml").toString(), results.toString());
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
            assertNoForeignCommand(missing, env);
        }
    }

    @Test
    void reportsStayWellFormedWhateverTheText() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        CliProcess.Result run = cvkit(Map.of(), "evaluate", "--criteria", criteria.toString(), "--lenient",
                "--json", reports.resolve("r.json").toString(), "--junit", reports.resolve("junit.xml").toString(),
                "--markdown", reports.resolve("summary.md").toString(), "--html", reports.resolve("r.html").toString(),
                results.toString(), archive.toString(), badUtf8.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);

        // JSON: every label as it was, invalid UTF-8 as U+FFFD.
        JsonNode json = new ObjectMapper().readTree(reports.resolve("r.json").toFile());
        for (String h : HOSTILE) {
            assertThat(json.path("stats").path("labels").has(h)).as(h).isTrue();
        }
        assertThat(json.path("stats").path("labels").has("bad\uFFFD\uFFFD\uFFFD(\uFFFD")).as(json.path("stats")
                .path("labels").toString()).isTrue();

        // JUnit: XML 1.0 (a parser refuses a file with a C0 control character in it).
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("junit.xml").toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(5);
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("ctl\\x01\\x1b[31m");

        // Markdown: no link, image, HTML or terminal sequence from the inputs.
        String md = Files.readString(reports.resolve("summary.md"));
        assertThat(md)
                .doesNotContain("](", "![", "<!--", "<script", "\u001b", "https://", "www.evil", "a@evil", "\u0007")
                .contains("\\[click\\]\\(https&#58;//evil.example/\\)", "www&#46;evil.example", "a&#64;evil.example");

        // HTML: the page's two scripts are the only ones, and the data holds no markup.
        String html = Files.readString(reports.resolve("r.html"));
        assertThat(html.split("<script", -1)).hasSize(3);
        assertThat(html).doesNotContain("<!--").contains("\\u003c!-- \\u003cscript\\u003e");
    }

    /** cvkit's own logging commands among the lines: Azure Pipelines' issue and completion commands only. */
    static List<String> ownCommands(CliProcess.Result run) {
        List<String> own = new ArrayList<>();
        for (String line : run.lines()) {
            if (line.startsWith("##vso[")) {
                own.add(line);
            }
        }
        return own;
    }

    static void assertNoForeignCommand(CliProcess.Result run, Map<String, String> env) {
        boolean azure = env.containsKey("TF_BUILD");
        for (String line : run.lines()) {
            if (azure && line.startsWith("##vso[")) {
                // One command, cvkit's: its message and properties hold no second one.
                assertThat(line).as(run.toString()).matches("##vso\\[task\\."
                        + "(logissue type=(error|warning);[^\\]]*|complete result=SucceededWithIssues;)\\]cvkit: .*");
                assertThat(line.indexOf("##", 2)).as(line).isNegative();
                continue;
            }
            assertThat(line).as(run.toString()).doesNotContain("##");
            String trimmed = line.stripLeading();
            while (!trimmed.isEmpty() && (Character.isSpaceChar(trimmed.charAt(0)) || trimmed.charAt(0) == '\u0085')) {
                trimmed = trimmed.substring(1).stripLeading();
            }
            assertThat(trimmed).as(line).doesNotStartWith("::");
            for (char c : line.toCharArray()) {
                boolean control = c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                        || c >= '\u202a' && c <= '\u202e';
                assertThat(control).as("control character U+%04X in: %s", (int) c, line).isFalse();
            }
        }
        if (!azure) {
            assertThat(ownCommands(run)).isEmpty();
        }
    }
}
