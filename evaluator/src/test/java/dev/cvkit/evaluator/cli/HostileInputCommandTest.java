package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cvkit.evaluator.testing.InProcessCli;
import dev.cvkit.evaluator.testing.JtlWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cvkit evaluate} and {@code cvkit baseline record} in-process with the real reader on hostile input:
 * archives with two entries of one name, one input named several ways, a file changed while it is read,
 * numbers too large to sum, criteria with overflowing durations and thresholds, duplicate keys, FIFOs, and
 * labels of hundreds of thousands of characters. Each must end in exit 3 with the file (and line), or be read
 * exactly once: never a wrong pass.
 */
class HostileInputCommandTest {

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

    /**
     * Evaluates 100 passing rows against criteria {@code yaml}: exit 3, the message starting with the criteria
     * file and {@code line}. Returns the criteria file's name.
     */
    private String assertRefusedAt(String yaml, int line) throws IOException {
        Path results = rows(100, true).write(dir.resolve("r.jtl"));
        String c = criteria(yaml);
        assertThat(run("evaluate", "--criteria", c, results.toString())).as(out + err).isEqualTo(3);
        assertThat(err).startsWith("cvkit: invalid input: " + c + ":" + line + ": ");
        return c;
    }

    /** {@code rows} requests of 100 ms, all passing or all failing. */
    private static JtlWriter rows(int rows, boolean success) {
        JtlWriter w = new JtlWriter();
        for (int i = 0; i < rows; i++) {
            w.row(JtlWriter.T0 + 100L * i, 100, "Home", success);
        }
        return w;
    }

    // ---- archives and inputs ----

    @Test
    void aZipWithTwoEntriesOfOneNameIsRefused() throws IOException {
        // ZipOutputStream refuses equal names; the second is written under a name of the same length, then renamed
        // in the bytes (local header and central directory alike). The failing entry comes first: reading one of
        // them twice, as before, read the passing one twice and passed.
        Map<String, JtlWriter> entries = new LinkedHashMap<>();
        entries.put("results.csv", rows(100, false));
        entries.put("results.cs_", rows(100, true));
        Path zip = JtlWriter.zip(dir.resolve("results.zip"), entries);
        byte[] bytes = Files.readAllBytes(zip);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("results.cs_", "results.csv");
        Files.write(zip, latin.getBytes(StandardCharsets.ISO_8859_1));

        String c = criteria("failureCriteria:\n  - percentage(error) > 10\n");
        assertThat(run("evaluate", "--criteria", c, zip.toString())).isEqualTo(3);
        assertThat(err).contains("results.zip: holds two entries named 'results.csv'").doesNotContain("Exception");
        assertThat(out).doesNotContain("PASS");
    }

    @Test
    void oneInputNamedSeveralWaysIsReadOnce() throws IOException {
        Path runDir = dir.resolve("run");
        Path file = rows(100, true).write(runDir.resolve("results.jtl"));
        Path link = Files.createSymbolicLink(dir.resolve("link.jtl"), file);
        Path zip = JtlWriter.zip(dir.resolve("other.zip"), Map.of("engine2.csv", rows(50, true)));
        // Exactly 150 requests (the file once, the archive once) passes; any double count fails.
        String c = criteria("failureCriteria:\n  - count(requests) > 150\n  - count(requests) < 150\n");
        assertThat(run("evaluate", "--criteria", c, file.toString(), runDir.toString(),
                runDir.resolve("../run/results.jtl").toString(), link.toString(), zip.toString(), zip.toString()))
                .as(out + err).isZero();
        assertThat(out).containsPattern("overall\\s+150\\s");
    }

    @Test
    void aFileRewrittenWhileItIsReadIsAnError() throws Exception {
        JtlWriter w = new JtlWriter();
        for (int i = 0; i < 300_000; i++) {
            w.row(JtlWriter.T0 + i, 100 + i % 50, "Home" + i % 7, true);
        }
        Path file = w.write(dir.resolve("live.jtl"));
        long size = Files.size(file);
        byte[] tail = new byte[4096];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(size - tail.length);
            f.readFully(tail);
        }
        // A writer that keeps cutting the file's end off and writing it back, until the evaluation is over: the
        // file is never the same for long, and sometimes shorter (the rows a reader then sees end mid-line).
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                while (!stop.get()) {
                    f.setLength(size - tail.length + 7);
                    f.seek(size - tail.length);
                    f.write(tail);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true);
        String c = criteria("failureCriteria:\n  - percentage(error) > 10\n");
        int code;
        writer.start();
        try {
            code = run("evaluate", "--criteria", c, file.toString());
        } finally {
            stop.set(true);
            writer.join(10_000);
        }
        assertThat(code).as(out + err).isEqualTo(3);
        assertThat(err).contains("live.jtl: changed while it was read").doesNotContain("writer was probably stopped");
    }

    // ---- arithmetic ----

    @Test
    void eighteenDigitElapsedIsAnInputErrorNotANegativeMean() throws IOException {
        // Ten of them wrapped the long sum: a negative mean, so 'avg(...) > 1000' passed.
        JtlWriter w = new JtlWriter();
        for (int i = 0; i < 10; i++) {
            w.raw((JtlWriter.T0 + i) + ",999999999999999999,Home,200,OK,Shoppers 1-1,text,true,,1520,180,10,10,"
                    + "http://shop.contoso.test/api,5,0,0");
        }
        Path file = w.write(dir.resolve("huge.jtl"));
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 1000\n");
        assertThat(run("evaluate", "--criteria", c, file.toString())).isEqualTo(3);
        assertThat(err).contains("huge.jtl:2: elapsed: '999999999999999999' ms is more than a sample can last");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "<httpSample t='3000000000' ts='1767225600000' lb='Home' s='true'/> | t (elapsed)",
        "<httpSample t='10' lt='99999999999999999' ts='1767225600000' lb='Home' s='true'/> | lt (Latency)",
    })
    void xmlDurationsBeyondTheBoundAreInputErrors(String sample, String column) throws IOException {
        Path file = dir.resolve("huge.xml");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n"
                + sample.replace('\'', '"') + "\n</testResults>\n");
        String c = criteria("failureCriteria:\n  - avg(response_time_ms) > 1000\n");
        assertThat(run("evaluate", "--criteria", c, file.toString())).isEqualTo(3);
        assertThat(err).contains("huge.xml:3: " + column + ": ").contains("ms is more than a sample can last");
    }

    @Test
    void baselineRecordWritesOnlyWhatItsReaderReads() throws IOException {
        // The largest values accepted: the longest duration, the earliest and the latest timestamp.
        JtlWriter w = new JtlWriter();
        w.raw("0,2147483647,Home,200,OK,Shoppers 1-1,text,true,,1520,180,10,10,http://x/,2147483647,0,2147483647");
        w.raw("999999999999999999,0,Home,500,Err,Shoppers 1-1,text,false,,1520,180,10,10,http://x/,0,0,0");
        for (int i = 0; i < 300; i++) {
            w.row(JtlWriter.T0 + 100L * i, 7919L * i * 1000 % Integer.MAX_VALUE, "Home", true);
        }
        Path extreme = w.write(dir.resolve("extreme.jtl"));
        Path reference = dir.resolve("reference.json");
        assertThat(run("baseline", "record", "--results", extreme.toString(), "--out", reference.toString()))
                .as(err).isZero();
        String c = criteria("failureCriteria:\n  - p95(response_time_ms) > +10%\n");
        assertThat(run("evaluate", "--criteria", c, "--reference", reference.toString(), extreme.toString()))
                .as(err).isZero();

        // Beyond them, recording refuses the results (before, it wrote a reference its reader then refused).
        JtlWriter beyond = new JtlWriter();
        beyond.raw("1767225600000,999999999999999999,Home,200,OK,t 1-1,text,true,,1,1,1,1,http://x/,5,0,0");
        Path huge = beyond.write(dir.resolve("beyond.jtl"));
        assertThat(run("baseline", "record", "--results", huge.toString(), "--out", dir.resolve("b.json").toString()))
                .isEqualTo(3);
        assertThat(err).contains("beyond.jtl:2: elapsed");
        assertThat(dir.resolve("b.json")).doesNotExist();
    }

    @Test
    void aDateBefore1970IsAnInputError() throws IOException {
        JtlWriter w = new JtlWriter();
        w.raw("1969-12-31 23:00:00,100,Home,200,OK,t 1-1,text,true,,1,1,1,1,http://x/,5,0,0");
        Path file = w.write(dir.resolve("old.jtl"));
        assertThat(run("baseline", "record", "--timestamp-format", "yyyy-MM-dd HH:mm:ss", "--results", file.toString(),
                "--out", dir.resolve("old.json").toString())).isEqualTo(3);
        assertThat(err).contains("old.jtl:2: timeStamp: '1969-12-31 23:00:00' is before 1970-01-01");
    }

    // ---- criteria files ----

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'failureCriteria:\n  - avg(response_time_ms) > 1 for 9999999999999999s\n' | 2 | at most 100 years",
        "'warmup: 9223372036854775s\nfailureCriteria:\n  - avg(response_time_ms) > 1\n' | 1 | at most 100 years",
        "'warmup: PT2562047788015215H\nfailureCriteria:\n  - avg(response_time_ms) > 1\n' | 1 | at most 100 years",
        "'recovery: {window: 9223372036854775s}\nfailureCriteria:\n  - avg(latency) > 1\n'       | 1 | recovery.window",
        "'recovery:\n  hold: 106751991167h\nfailureCriteria:\n  - avg(latency) > 1\n'            | 2 | recovery.hold",
        "'failureCriteria:\n  - recovery_time_s(error) > 99999999999999999999\n'                    | 2 | 100 years",
    })
    void overflowingCriteriaAreInputErrorsWithTheLine(String yaml, int line, String expected) throws IOException {
        assertRefusedAt(yaml.replace("\\n", "\n"), line);
        assertThat(err).contains(expected).doesNotContain("internal error");
    }

    @Test
    void aThresholdBeyondWhatADoubleHoldsIsAnInputError() throws IOException {
        assertRefusedAt("failureCriteria:\n  - avg(response_time_ms) > 1" + "0".repeat(400) + "\n", 2);
        assertThat(err).contains("beyond what a number can hold");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'failureCriteria:\n  - avg(latency) > 1\nfailureCriteria:\n  - avg(latency) > 2\n' | 3 | failureCriteria",
        "'warmup: 1s\nwarmup: 2s\nfailureCriteria:\n  - avg(latency) > 1\n' | 2 | warmup",
        "'recovery: {window: 10s, window: 20s}\nfailureCriteria:\n  - avg(latency) > 1\n' | 1 | window",
        "'failureCriteria:\n  clientMetrics: [avg(latency) > 1]\n  clientMetrics: []\n' | 3 | clientMetrics",
        "'failureCriteria:\n  - phases:\n      during: [avg(latency) > 1]\n      during: []\n' | 4 | during",
        "'testId: a\ntestId: b\nfailureCriteria:\n  - avg(latency) > 1\n' | 2 | testId",
        "'env:\n  - name: x\n    name: y\nfailureCriteria:\n  - avg(latency) > 1\n' | 3 | name",
    })
    void aKeyTwiceInOneMapIsRefusedAtEveryLevel(String yaml, int line, String key) throws IOException {
        String c = assertRefusedAt(yaml.replace("\\n", "\n"), line);
        assertThat(err).startsWith("cvkit: invalid input: " + c + ":" + line + ": " + key + ": appears twice");
    }

    @Test
    void aFifoAsCriteriaOrReferenceIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        Path results = rows(100, true).write(dir.resolve("r.jtl"));
        String relative = criteria("failureCriteria:\n  - p95(response_time_ms) > +10%\n");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(run("evaluate", "--criteria", fifo.toString(), results.toString())).isEqualTo(3);
            assertThat(err).contains(fifo + ": is not a regular file");
            assertThat(run("evaluate", "--criteria", relative, "--reference", fifo.toString(), results.toString()))
                    .isEqualTo(3);
            assertThat(err).contains(fifo + ": is not a regular file");
            assertThat(run("evaluate", "--criteria", relative, fifo.toString())).isEqualTo(3);
            assertThat(err).contains(fifo + ": not a regular file");
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a long label", "blanks in the measure", "blanks before a word", "a long comment"})
    void aHugeLabelOrCommentIsReadInBoundedTime(String name) throws IOException {
        // The first three took 10 s and more for 40,000 characters, growing with their square; 300,000 now take
        // well under a second.
        int n = 300_000;
        String text = switch (name) {
            case "a long label" -> "x".repeat(n) + ": avg(response_time_ms) > 1";
            case "blanks in the measure" -> "Home: avg(response_time_ms" + " ".repeat(n) + "x) > 1";
            case "blanks before a word" -> "avg(response_time_ms) > 1" + " ".repeat(n) + "x";
            default -> "avg(response_time_ms) > 1";
        };
        String comment = name.equals("a long comment") ? "# " + "( for ".repeat(n / 6) + "\n" : "";
        Path results = rows(100, true).write(dir.resolve("r.jtl"));
        String c = criteria(comment + "failureCriteria:\n  - '" + text + "'\n");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("evaluate", "--criteria", c, results.toString()));
        assertThat(err).doesNotContain("internal error");
    }

    @Test
    void aCriteriaFileOfMegabytesIsRefused() throws IOException {
        Path results = rows(100, true).write(dir.resolve("r.jtl"));
        String c = criteria("# " + "c".repeat(2 << 20) + "\nfailureCriteria:\n  - avg(response_time_ms) > 1\n");
        assertThat(run("evaluate", "--criteria", c, results.toString())).isEqualTo(3);
        assertThat(err).contains(c + ": is larger than a criteria file may be");
    }
}
