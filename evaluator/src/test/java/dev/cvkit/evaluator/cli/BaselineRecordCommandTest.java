package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.reference.ReferenceRun;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cvkit baseline record} in-process, on statistics built in memory. */
class BaselineRecordCommandTest {

    @TempDir
    Path dir;

    private final List<List<String>> reads = new ArrayList<>();
    private RunStats stats;
    private RuntimeException readFailure;
    private String out;
    private String err;

    @BeforeEach
    void twoLabels() {
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 0; i < 100; i++) {
            b.row("Home", 1_000L * i, 100 + i, i % 50 != 0);
            b.row("Checkout", 1_000L * i + 500, 400, true);
        }
        b.excludedRow("cvkit:fault-start:exp", 5_000, 10, true);
        stats = b.build();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(Map.of()), (inputs, options, progress) -> {
            reads.add(List.copyOf(inputs));
            if (readFailure != null) {
                throw readFailure;
            }
            return stats;
        }, (s, w) -> { }, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        int code = CvkitMain.run(new PrintWriter(o, true), new PrintWriter(e, true), services, args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void recordsAReferenceThatReadsBack() {
        Path file = dir.resolve("baselines/normal/reference.json");
        assertThat(run("baseline", "record", "--results", "a.jtl", "more/", "--out", file.toString())).isZero();
        assertThat(reads).containsExactly(List.of("a.jtl", "more/"));
        assertThat(out).isEqualTo("Recorded reference run " + file + " (format cvkit-reference-run version 2): phase 'all',"
                + " 200 requests in overall, 3 labels, from a.jtl, more/\n");
        assertThat(err).isEmpty();

        ReferenceRun run = ReferenceFile.read(file, "ref").run();
        assertThat(run.recordedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(run.recordedBy()).startsWith("cvkit ");
        assertThat(run.sources()).containsExactly("a.jtl", "more/");
        assertThat(run.phases().keySet()).containsExactly("all");
        var all = run.phase("all").orElseThrow();
        assertThat(all.overall().count()).isEqualTo(200);
        assertThat(all.overall().errors()).isEqualTo(2);
        assertThat(all.labels().keySet()).containsExactly("Home", "Checkout", "cvkit:fault-start:exp");
        var home = all.labels().get("Home");
        assertThat(home.count()).isEqualTo(100);
        assertThat(home.timing(Metric.RESPONSE_TIME_MS).orElseThrow().percentileMillis(95)).isEqualTo(194);
        assertThat(home.timing(Metric.LATENCY_MS).orElseThrow().maxMillis()).isEqualTo(99);
        assertThat(home.requestsPerSecond()).isEqualTo(100 * 1000.0 / (99_000 + 199));
    }

    @Test
    void replacesAnExistingReference() throws IOException {
        Path file = dir.resolve("reference.json");
        Files.writeString(file, "old");
        assertThat(run("baseline", "record", "--results", "a.jtl", "--out", file.toString())).isZero();
        assertThat(ReferenceFile.read(file, "ref").run().phase("all")).isPresent();
        assertThat(dir.toFile().list()).containsExactly("reference.json");
    }

    @Test
    void zeroCountedSamplesIsNothingToRecord() {
        stats = InMemoryRunStats.builder().excludedRow("Flow", 0, 10, true).build();
        Path file = dir.resolve("reference.json");
        assertThat(run("baseline", "record", "--results", "a.jtl", "--out", file.toString())).isEqualTo(3);
        assertThat(err).startsWith("cvkit: invalid input: a.jtl: zero counted samples: there is nothing to record");
        assertThat(file).doesNotExist();
    }

    @Test
    void unreadableResultsExitThreeAndWriteNothing() {
        readFailure = new InvalidInputException("a.jtl", 7, "expected a number in column elapsed, found 'x'");
        Path file = dir.resolve("reference.json");
        assertThat(run("baseline", "record", "--results", "a.jtl", "--out", file.toString())).isEqualTo(3);
        assertThat(err).isEqualTo("cvkit: invalid input: a.jtl:7: expected a number in column elapsed, found 'x'\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void usageErrors() throws IOException {
        assertThat(run("baseline", "record", "--results", "a.jtl")).isEqualTo(2);
        assertThat(err).contains("Missing required option: '--out=FILE'");
        assertThat(run("baseline", "record", "--out", "x.json")).isEqualTo(2);
        assertThat(err).contains("--results=RESULTS");
        assertThat(run("baseline", "record", "--results", "a.jtl", "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("is a directory: name the reference file");
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThat(run("baseline", "record", "--results", "a.jtl", "--out", blocker.resolve("r.json").toString()))
                .isEqualTo(2);
        assertThat(err).startsWith("cvkit: cannot write the --out file " + blocker.resolve("r.json"));
        assertThat(reads).hasSize(1);
    }

    @Test
    void helpNamesTheVerb() {
        assertThat(run("baseline", "--help")).isZero();
        assertThat(out).contains("record");
        assertThat(run("baseline")).isZero();
        assertThat(out).contains("record");
        assertThat(run("baseline", "record", "--help")).isZero();
        assertThat(out).contains("--results=RESULTS...", "--out=FILE", "never the raw rows");
        assertThat(out.lines()).allMatch(l -> l.length() <= 80, "fits 80 columns");
    }
}
