package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.jtl.ResultsReader;
import dev.cvkit.evaluator.report.ConsoleStatsTable;
import dev.cvkit.evaluator.testing.JunitXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cvkit baseline record} then {@code cvkit evaluate --reference}, in-process with the real JTL reader
 * on CSV files written by the test.
 */
class EvaluateReferenceCommandTest {

    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private String out;
    private String err;
    private Path reference;
    private String criteria;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(env), new ResultsReader()::read,
                ConsoleStatsTable::print, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        int code = CvkitMain.run(new PrintWriter(o, true), new PrintWriter(e, true), services, args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /**
     * A JTL of two labels, 2,000 rows each over 200 s: "Browse" log-normal around 120 ms, "Checkout" around
     * 300 ms, times scaled by {@code slower}; one "Checkout" row in 100 failed.
     */
    private Path jtl(String name, long seed, double slower, int rows) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            long start = 1_767_000_000_000L + 100L * i;
            long browse = Math.round((30 + 90 * Math.exp(0.5 * random.nextGaussian())) * slower);
            long checkout = Math.round((80 + 220 * Math.exp(0.4 * random.nextGaussian())) * slower);
            line(csv, start, browse, "Browse", true);
            line(csv, start + 50, checkout, "Checkout", i % 100 != 7);
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    private static void line(StringBuilder csv, long start, long elapsed, String label, boolean ok) {
        csv.append(start).append(',').append(elapsed).append(',').append(label).append(',').append(ok ? "200" : "500")
                .append(",OK,Users 1-1,text,").append(ok).append(",,512,128,1,1,http://shop/,")
                .append(elapsed / 2).append(",0,").append(3).append('\n');
    }

    @BeforeEach
    void recordTheReference() throws IOException {
        reference = dir.resolve("baselines/normal/reference.json");
        assertThat(run("baseline", "record", "--results", jtl("reference.jtl", 1, 1.0, 2000).toString(),
                "--out", reference.toString())).isZero();
        assertThat(out).startsWith("Recorded reference run " + reference);
        criteria = dir.resolve("relative.yaml").toString();
        Files.writeString(Path.of(criteria), """
                failureCriteria:
                  - Checkout: p95(response_time_ms) > +10%
                  - p95(response_time_ms) > +10%
                  - avg(requests_per_sec) < -10%
                warnCriteria:
                  - Browse: p50(latency) > +10%
                  - p95(response_time_ms) > 2000
                """);
    }

    @Test
    void anotherRunOfTheSameSystemPasses() throws IOException {
        assertThat(run("evaluate", "--criteria", criteria, "--reference", reference.toString(),
                jtl("same.jtl", 2, 1.0, 2000).toString())).isZero();
        assertThat(out).contains("Reference run: " + reference + ", recorded 2026-01-02T03:04:05Z from "
                + dir.resolve("reference.jtl"));
        assertThat(out).containsPattern("outcome\\s+tier\\s+criterion\\s+actual\\s+threshold\\s+reference\\s+change\\s+p\\s+note");
        assertThat(out).containsPattern("PASS\\s+fail\\s+Checkout: p95\\(response_time_ms\\) > \\+10%\\s+\\d+ ms\\s+\\+10%\\s+\\d+ ms"
                + "\\s+[-+][\\d.]+%\\s+[\\d.]+");
        // An absolute criterion among relative ones has no reference figures.
        assertThat(out).containsPattern("PASS\\s+warn\\s+p95\\(response_time_ms\\) > 2000\\s+\\d+ ms\\s+2000 ms\\s*\n");
        assertThat(out.strip()).endsWith("Verdict: PASS (5 passed)");
    }

    @Test
    void aSlowerRunFailsWithReferenceChangeAndPValueInEveryReport() throws Exception {
        Path json = dir.resolve("gate.json");
        Path junit = dir.resolve("gate.xml");
        Path md = dir.resolve("gate.md");
        env.put("TF_BUILD", "True");
        // 30% slower; with a fixed number of threads the throughput would fall too, but these rows keep the pace.
        assertThat(run("evaluate", "--criteria", criteria, "--reference", reference.toString(), "--json", json.toString(),
                "--junit", junit.toString(), "--markdown", md.toString(), jtl("slow.jtl", 3, 1.3, 2000).toString()))
                .isEqualTo(1);
        assertThat(out).containsPattern("FAIL\\s+fail\\s+Checkout: p95\\(response_time_ms\\) > \\+10%\\s+\\d+ ms\\s+\\+10%"
                + "\\s+\\d+ ms\\s+\\+[23]\\d(\\.\\d+)?%\\s+<0.0001");
        assertThat(out).containsPattern("WARN\\s+warn\\s+Browse: p50\\(latency\\) > \\+10%");
        assertThat(out).containsPattern("PASS\\s+fail\\s+avg\\(requests_per_sec\\) < -10%\\s+[\\d.]+/s\\s+-10%\\s+[\\d.]+/s");
        assertThat(out).contains("Verdict: FAIL (2 failed, 1 warned, 2 passed)");
        assertThat(out).containsPattern("##vso\\[task.logissue type=error;sourcepath=" + criteria.replace("\\", "\\\\")
                + ";linenumber=2;\\]cvkit: criterion failed: Checkout: p95\\(response_time_ms\\) > \\+10%AZP25 \\(current"
                + " \\d+ ms, reference \\d+ ms, change \\+[\\d.]+%AZP25 \\(p <0.0001\\), threshold \\+10%AZP25\\)");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/reference/file").asText()).isEqualTo(reference.toString());
        assertThat(report.at("/reference/recordedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        JsonNode checkout = report.at("/criteria/0");
        assertThat(checkout.get("outcome").asText()).isEqualTo("fail");
        assertThat(checkout.get("threshold").asDouble()).isEqualTo(10.0);
        assertThat(checkout.get("thresholdUnit").asText()).isEqualTo("%");
        assertThat(checkout.get("unit").asText()).isEqualTo("ms");
        double changePct = checkout.get("changePct").asDouble();
        assertThat(changePct).isBetween(20.0, 40.0);
        assertThat(checkout.get("actual").asDouble())
                .isCloseTo(checkout.get("reference").asDouble() * (1 + changePct / 100), org.assertj.core.api.Assertions.within(0.01));
        assertThat(checkout.get("pValue").asDouble()).isLessThan(0.0001);
        assertThat(checkout.get("test").asText()).startsWith("quantile test of p95");
        JsonNode absolute = report.at("/criteria/4");
        assertThat(absolute.get("reference").isNull()).isTrue();
        assertThat(absolute.get("pValue").isNull()).isTrue();
        assertThat(absolute.get("thresholdUnit").asText()).isEqualTo("ms");

        String xml = Files.readString(junit);
        JunitXml.validate(xml);
        assertThat(xml).containsPattern("<failure type=\"criterion\" message=\"criterion holds: current \\d+ ms,"
                + " reference \\d+ ms, change \\+[\\d.]+% \\(p &lt;0.0001\\), threshold \\+10%\"");
        String markdown = Files.readString(md);
        assertThat(markdown).contains("| outcome | criterion | actual | threshold | reference | change | p | note |");
        assertThat(markdown).contains("Reference run: " + reference);
        assertThat(markdown).containsPattern("\\| ❌ fail \\| `Checkout: p95\\(response_time_ms\\) > \\+10%` \\| \\d+ ms \\| \\+10% \\|"
                + " \\d+ ms \\| \\+[\\d.]+% \\| <0.0001 \\|");
    }

    @Test
    void fewerRowsThanTheTestNeedsFailSayingSo() throws IOException {
        assertThat(run("evaluate", "--criteria", criteria, "--reference", reference.toString(),
                jtl("short.jtl", 4, 1.0, 150).toString())).isEqualTo(1);
        assertThat(out).contains("not enough samples: the reference run has 2000, the results 150; a relative"
                + " p95(response_time_ms) needs at least 200 in each");
    }

    @Test
    void relativeCriteriaWithoutReferenceFail() throws IOException {
        assertThat(run("evaluate", "--criteria", criteria, jtl("same.jtl", 2, 1.0, 2000).toString())).isEqualTo(1);
        assertThat(out).contains("no reference run to compare with: pass --reference FILE (record one with"
                + " ./cvkit baseline record)");
        assertThat(out).doesNotContain("Reference run:");
    }

    @Test
    void aBadReferenceFileExitsThreeBeforeReadingResults() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(reference).replace("\"version\": 2", "\"version\": 7"));
        assertThat(run("evaluate", "--criteria", criteria, "--reference", bad.toString(), "missing.jtl")).isEqualTo(3);
        assertThat(err).isEqualTo("cvkit: invalid input: " + bad + ": version: format version 7 is not one this cvkit"
                + " reads (it reads 1 to 2): the file was recorded by a newer cvkit; upgrade cvkit or record the reference"
                + " again (reference files are written by ./cvkit baseline record)\n");
        assertThat(run("evaluate", "--criteria", criteria, "--reference", dir.resolve("nope.json").toString(),
                "missing.jtl")).isEqualTo(3);
        assertThat(err).isEqualTo("cvkit: invalid input: " + dir.resolve("nope.json")
                + ": no such reference file (record one with ./cvkit baseline record)\n");
        // A results file is not a reference.
        assertThat(run("evaluate", "--criteria", criteria, "--reference", dir.resolve("reference.jtl").toString(),
                "missing.jtl")).isEqualTo(3);
        assertThat(err).startsWith("cvkit: invalid input: " + dir.resolve("reference.jtl") + ":1: not valid JSON");
    }

    @Test
    void aMissingReferenceFileFailsBeforeTheResultsAreRead() throws IOException {
        String results = jtl("same.jtl", 2, 1.0, 2000).toString();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        EvaluatorServices counting = new EvaluatorServices(CiEnvironment.of(env), (inputs, options, progress) -> {
            reads.incrementAndGet();
            return new ResultsReader().read(inputs, options, progress);
        }, ConsoleStatsTable::print, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        StringWriter e = new StringWriter();
        int code = CvkitMain.run(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true), counting, "evaluate",
                "--criteria", criteria, "--reference", dir.resolve("nope.json").toString(), results);
        assertThat(code).isEqualTo(3);
        assertThat(e.toString()).isEqualTo("cvkit: invalid input: " + dir.resolve("nope.json")
                + ": no such reference file (record one with ./cvkit baseline record)\n");
        assertThat(reads).as("results read").hasValue(0);
        // A directory is no reference either, and is told as soon.
        e.getBuffer().setLength(0);
        assertThat(CvkitMain.run(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true), counting,
                "evaluate", "--criteria", criteria, "--reference", dir.toString(), results)).isEqualTo(3);
        assertThat(e.toString()).endsWith(dir + ": is a directory, expected a reference run file (JSON)\n");
        assertThat(reads).as("results read").hasValue(0);
    }

    @Test
    void aBadReferenceFileFailsBeforeAnyReportAlsoWhenTheResultsAreGood() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(reference).replace("\"version\": 2", "\"version\": 7"));
        String results = jtl("same.jtl", 2, 1.0, 2000).toString();
        assertThat(run("evaluate", "--criteria", criteria, "--reference", bad.toString(), results)).isEqualTo(3);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("cvkit: invalid input: " + bad + ": version: format version 7 is not one this cvkit"
                + " reads (it reads 1 to 2): the file was recorded by a newer cvkit; upgrade cvkit or record the reference"
                + " again (reference files are written by ./cvkit baseline record)\n");
        // A reference given is a reference checked, even when no criterion compares with it.
        Path absolute = dir.resolve("absolute.yaml");
        Files.writeString(absolute, "failureCriteria:\n  - p95(response_time_ms) > 2000\n");
        assertThat(run("evaluate", "--criteria", absolute.toString(), "--reference", bad.toString(), results)).isEqualTo(3);
        assertThat(out).isEmpty();
        assertThat(err).startsWith("cvkit: invalid input: " + bad + ": version: format version 7");
    }

    @Test
    void criteriaKeepTheirOrderThoughTheRelativeOnesAreJudgedOnceTheReferenceIsRead() throws IOException {
        Path mixed = dir.resolve("mixed.yaml");
        Files.writeString(mixed, """
                failureCriteria:
                  - Checkout: p95(response_time_ms) > +10%
                  - p95(response_time_ms) > 2000
                  - avg(requests_per_sec) < -10%
                  - Browse: p50(response_time_ms) > 5000
                """);
        assertThat(run("evaluate", "--criteria", mixed.toString(), "--reference", reference.toString(),
                jtl("same.jtl", 2, 1.0, 2000).toString())).isZero();
        int[] at = {out.indexOf("Checkout: p95(response_time_ms) > +10%"), out.indexOf(" p95(response_time_ms) > 2000"),
            out.indexOf("avg(requests_per_sec) < -10%"), out.indexOf("Browse: p50(response_time_ms) > 5000")};
        assertThat(at[0]).as(out).isPositive();
        assertThat(at).isSorted().doesNotHaveDuplicates();
        assertThat(out).contains("Reference run:");
    }

    @Test
    void helpShowsTheRelativeForm() {
        assertThat(run("evaluate", "--help")).isZero();
        assertThat(out).contains("--reference=FILE", "p95(response_time_ms) > +10%", "avg(requests_per_sec) < -10%");
        assertThat(out.lines()).allMatch(l -> l.length() <= 80, "fits 80 columns");
        assertThat(run("baseline", "--help")).isZero();
        assertThat(out).contains("p95(response_time_ms) > +10% in cvkit evaluate --reference FILE",
                "record  Records JMeter results as the reference run for relative criteria.");
        assertThat(out.lines()).allMatch(l -> l.length() <= 80, "fits 80 columns");
    }
}
