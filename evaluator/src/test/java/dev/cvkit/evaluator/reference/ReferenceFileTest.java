package dev.cvkit.evaluator.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceFileTest {

    @TempDir
    Path dir;

    /** Two labels, one without latency; 3% errors on "GET /a"; a transaction row outside overall. */
    static ReferenceRun sampleRun() {
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 0; i < 300; i++) {
            b.row("GET /a", 1_000_000L + 100L * i, 40 + (i * 37) % 900, 20 + i % 7, 1, i % 33 != 0);
            b.row("Checkout \"quoted\"", 1_000_050L + 100L * i, 5_000 + 13L * i, InMemoryRunStats.ABSENT, 0, true);
        }
        b.excludedRow("Flow", 1_000_000L, 90_000, true);
        PhaseSummary all = ReferenceSummarizer.summarize(b.build());
        return new ReferenceRun(Instant.parse("2026-01-02T03:04:05Z"), "cvkit test", List.of("a.jtl", "more/"),
                Map.of(ReferenceRun.WHOLE_RUN, all));
    }

    @Test
    void writesAndReadsBackTheSameRun() throws IOException {
        ReferenceRun run = sampleRun();
        Path file = dir.resolve("baselines/normal/reference.json");
        ReferenceFile.write(run, file);
        ReferenceFile read = ReferenceFile.read(file, "ref.json");

        assertThat(read.source()).isEqualTo("ref.json");
        ReferenceRun back = read.run();
        assertThat(back.recordedAt()).isEqualTo(run.recordedAt());
        assertThat(back.recordedBy()).isEqualTo("cvkit test");
        assertThat(back.sources()).containsExactly("a.jtl", "more/");
        PhaseSummary expected = run.phase("all").orElseThrow();
        PhaseSummary actual = back.phase("all").orElseThrow();
        assertThat(actual.labels().keySet()).containsExactly("GET /a", "Checkout \"quoted\"", "Flow");
        assertSame(actual.overall(), expected.overall());
        for (String label : expected.labels().keySet()) {
            assertSame(actual.labels().get(label), expected.labels().get(label));
        }
        assertThat(actual.overall().count()).isEqualTo(600);
        assertThat(actual.labels().get("GET /a").errors()).isEqualTo(10);
        assertThat(actual.labels().get("Checkout \"quoted\"").timing(Metric.LATENCY_MS)).isEmpty();
        assertThat(actual.labels().get("GET /a").timing(Metric.LATENCY_MS)).isPresent();
        // Written twice, the same text: a re-recorded baseline only differs where the run differs.
        assertThat(ReferenceJson.toJson(back)).isEqualTo(Files.readString(file));
    }

    private static void assertSame(LabelSummary actual, LabelSummary expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.errors()).isEqualTo(expected.errors());
        assertThat(actual.firstStartMillis()).isEqualTo(expected.firstStartMillis());
        assertThat(actual.lastEndMillis()).isEqualTo(expected.lastEndMillis());
        assertThat(actual.timings().keySet()).isEqualTo(expected.timings().keySet());
        expected.timings().forEach((metric, h) -> {
            TimingHistogram a = actual.timings().get(metric);
            assertThat(a.count()).isEqualTo(h.count());
            assertThat(a.sumMillis()).isEqualTo(h.sumMillis());
            assertThat(a.minMillis()).isEqualTo(h.minMillis());
            assertThat(a.maxMillis()).isEqualTo(h.maxMillis());
            StringBuilder mine = new StringBuilder();
            StringBuilder theirs = new StringBuilder();
            a.forEachBucket((v, c) -> mine.append(v).append(':').append(c).append(' '));
            h.forEachBucket((v, c) -> theirs.append(v).append(':').append(c).append(' '));
            assertThat(mine.toString()).isEqualTo(theirs.toString());
        });
    }

    @Test
    void aReferenceGetsTheSamePermissionsAsAnyNewFile() throws IOException {
        // Meant to be committed next to the criteria: not owner-only like a temporary file.
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path file = dir.resolve("reference.json");
        ReferenceFile.write(sampleRun(), file);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void sizeDoesNotGrowWithTheNumberOfRows() throws IOException {
        long[] sizes = new long[2];
        int[] rows = {2_000, 200_000};
        for (int k = 0; k < 2; k++) {
            java.util.Random random = new java.util.Random(7);
            InMemoryRunStats.Builder b = InMemoryRunStats.builder();
            for (int i = 0; i < rows[k]; i++) {
                b.row("GET /a", 10L * i, (long) (30 + 90 * Math.exp(0.5 * random.nextGaussian())), true);
            }
            ReferenceRun run = new ReferenceRun(Instant.EPOCH, "t", List.of("a.jtl"),
                    Map.of("all", ReferenceSummarizer.summarize(b.build())));
            Path file = dir.resolve("r" + k + ".json");
            ReferenceFile.write(run, file);
            sizes[k] = Files.size(file);
        }
        // 100 times the rows: the histograms fill a few more buckets in the tails, nothing more.
        assertThat(sizes[1]).isLessThan(2 * sizes[0]).isLessThan(48_000);
    }

    @Test
    void fileIsReadableJsonWithFiguresForPeople() throws IOException {
        Path file = dir.resolve("reference.json");
        ReferenceFile.write(sampleRun(), file);
        String json = Files.readString(file);
        assertThat(json).startsWith("{\n  \"format\": \"cvkit-reference-run\",\n  \"version\": 2,\n");
        assertThat(json).contains("\"recordedAt\": \"2026-01-02T03:04:05Z\"", "\"sources\": [\"a.jtl\", \"more/\"]",
                "\"phases\": {", "\"all\": {", "\"overall\": {", "\"labels\": {", "\"GET /a\": {", "\"p95\": ",
                "\"requestsPerSecond\": ", "\"responseTimeMs\": {", "\"latencyMs\": {");
        assertThat(json).containsPattern("\"buckets\": \"\\d+:\\d+( \\d+:\\d+)*\"");
        // One histogram per line, not one number per line.
        assertThat(json.lines().filter(l -> l.strip().matches("[\\d,\\[\\]]+"))).isEmpty();
        assertThat(dir.toFile().list()).containsExactly("reference.json");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private String valid() {
        return ReferenceJson.toJson(sampleRun());
    }

    private InvalidInputException readFails(String content) throws IOException {
        Path file = write("bad.json", content);
        try {
            ReferenceFile.read(file, "bad.json");
        } catch (InvalidInputException e) {
            assertThat(e.source()).isEqualTo("bad.json");
            return e;
        }
        throw new AssertionError("read accepted " + content);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                 | { "format": | bad.json:1: not valid JSON
            empty                    |             | bad.json: the file is empty: expected a cvkit reference run
            json list                | [1, 2]      | bad.json: not a cvkit reference run: expected a JSON object with "format": "cvkit-reference-run"
            other json               | {"a": 1}    | bad.json: not a cvkit reference run
            """)
    void refusesWhatIsNotAReferenceRun(String what, String content, String message) throws IOException {
        assertThat(readFails(content == null ? "" : content)).hasMessageStartingWith(message);
    }

    private String edit(UnaryOperator<String> change) {
        String original = valid();
        String edited = change.apply(original);
        assertThat(edited).isNotEqualTo(original);
        return edited;
    }

    @Test
    void refusesOtherVersionsNamingWhatItReads() throws IOException {
        assertThat(readFails(edit(s -> s.replace("\"version\": 2", "\"version\": 3"))))
                .hasMessageStartingWith("bad.json: version: format version 3 is not one this cvkit reads (it reads 1 to 2):"
                        + " the file was recorded by a newer cvkit; upgrade cvkit or record the reference again");
        assertThat(readFails(edit(s -> s.replace("\"version\": 2", "\"version\": 0"))))
                .hasMessageStartingWith("bad.json: version: format version 0 is not one this cvkit reads (it reads 1 to 2):"
                        + " record the reference again with ./cvkit baseline record");
        assertThat(readFails(edit(s -> s.replace("\"version\": 2", "\"version\": \"2\""))))
                .hasMessageStartingWith("bad.json: version: expected the format version, a whole number (this cvkit reads"
                        + " 1 to 2), found \"2\"");
        assertThat(readFails(edit(s -> s.replace("\"version\": 2,", ""))))
                .hasMessageStartingWith("bad.json: version: expected the format version");
    }

    /** Version 1 as the first cvkit wrote it: each histogram's buckets a JSON list of [ms, count] pairs. */
    private static String asVersion1(String v2) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"buckets\": \"([^\"]*)\"").matcher(v2);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String pairs = m.group(1).isEmpty() ? "" : "[" + m.group(1).replace(":", ", ").replace(" ", "], [")
                    .replace(",], [", ", ") + "]";
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("\"buckets\": [" + pairs + "]"));
        }
        m.appendTail(out);
        return out.toString().replace("\"version\": 2", "\"version\": 1");
    }

    @Test
    void readsVersion1FilesToTheSameRun() throws IOException {
        String v1 = asVersion1(valid());
        assertThat(v1).contains("\"version\": 1", "\"buckets\": [[").doesNotContain("\"buckets\": \"");
        Path old = Files.writeString(dir.resolve("v1.json"), v1);
        Path current = Files.writeString(dir.resolve("v2.json"), valid());
        ReferenceRun fromV1 = ReferenceFile.read(old, "v1.json").run();
        ReferenceRun fromV2 = ReferenceFile.read(current, "v2.json").run();
        assertThat(ReferenceJson.toJson(fromV1)).isEqualTo(ReferenceJson.toJson(fromV2));
        assertThat(readFails(v1.replaceFirst("\"buckets\": \\[\\[", "\"buckets\": [[\"x\", 1], [")))
                .hasMessageStartingWith("bad.json: phases.all.overall.responseTimeMs.buckets[0]: expected a pair"
                        + " [largest value in ms, count] of whole numbers, found [\"x\",1]");
    }

    @Test
    void refusesFilesOutOfShapeNamingWhereAndWhat() throws IOException {
        assertThat(readFails(edit(s -> s.replace("\"all\": {", "\"during\": {"))))
                .hasMessageStartingWith("bad.json: phases: expected phase \"all\" (the whole run), found only during");
        assertThat(readFails(edit(s -> s.replaceFirst("(\"GET /a\": \\{\\s+\"count\": 300,\\s+\"errors\": )10", "$1400"))))
                .hasMessageStartingWith("bad.json: phases.all.labels[\"GET /a\"].errors: expected at most 300 errors (the count), found 400");
        assertThat(readFails(edit(s -> s.replaceFirst("\"count\": 600,", "\"count\": 6.5,"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.count: expected a whole number, found 6.5");
        assertThat(readFails(edit(s -> s.replaceFirst("\"buckets\": \"", "\"buckets\": \"x:1 "))))
                .hasMessageStartingWith("bad.json: phases.all.overall.responseTimeMs.buckets: expected \"ms:count\" pairs"
                        + " of whole numbers separated by single spaces; pair 1 is \"x:1\"");
        assertThat(readFails(edit(s -> s.replaceFirst("\"buckets\": \"(\\d+):(\\d+) ", "\"buckets\": \"$1:$2  "))))
                .hasMessageStartingWith("bad.json: phases.all.overall.responseTimeMs.buckets: expected \"ms:count\" pairs"
                        + " of whole numbers separated by single spaces; pair 2 is \"\"");
        assertThat(readFails(edit(s -> s.replaceFirst("\"buckets\": \"", "\"buckets\": [1, "))))
                .hasMessageContaining("not valid JSON");
        assertThat(readFails(edit(s -> s.replaceFirst("\"buckets\": \"[^\"]*\"", "\"buckets\": 7"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.responseTimeMs.buckets: expected the buckets as"
                        + " \"ms:count ms:count ...\" (a string), found 7");
        assertThat(readFails(edit(s -> s.replaceFirst("\"buckets\": \"(\\d+):(\\d+)", "\"buckets\": \"$1:1000"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.responseTimeMs: the histogram does not hold together:"
                        + " the buckets hold");
        assertThat(readFails(edit(s -> s.replace("\"recordedAt\": \"2026-01-02T03:04:05Z\"", "\"recordedAt\": \"yesterday\""))))
                .hasMessageStartingWith("bad.json: recordedAt: expected an ISO-8601 instant");
        assertThat(readFails(edit(s -> s.replaceFirst("\"labels\": \\{", "\"labels\": {\"x\": 3, "))))
                .hasMessageStartingWith("bad.json: phases.all.labels.x: expected a label's summary");
        // A label named like the buckets field, misplaced: its string is named as a string.
        assertThat(readFails(edit(s -> s.replaceFirst("\"labels\": \\{", "\"labels\": {\"buckets\": \"1:2\", "))))
                .hasMessageStartingWith("bad.json: phases.all.labels.buckets: expected a label's summary")
                .hasMessageContaining("found a string");
        assertThat(readFails(edit(s -> s.replaceFirst("\"sources\": \\[", "\"sources\": [1, "))))
                .hasMessageStartingWith("bad.json: sources[0]: expected a file name (a string), found 1");
        assertThat(readFails(edit(s -> s.replaceFirst("\\{", "{\"format\": \"twice\", "))))
                .hasMessageStartingWith("bad.json:2: not valid JSON: Duplicate field 'format'");
        assertThat(readFails(valid() + "{}")).hasMessageContaining("not valid JSON");
        assertThat(readFails(edit(s -> s.replace("\"phases\": {", "\"phases\": [] , \"x\": {"))))
                .hasMessageStartingWith("bad.json: phases: expected an object, found []");
        // Every message says where reference files come from.
        assertThat(readFails("{\"format\": \"cvkit-reference-run\", \"version\": 2}"))
                .hasMessageEndingWith("(reference files are written by ./cvkit baseline record)");
    }

    @Test
    void everyKindOfJsonValueIsReadAndJudgedWhereItStands() throws IOException {
        // Values the reader does not use (booleans, nulls, nested lists, big and fractional numbers) are read past.
        String extras = edit(s -> s.replaceFirst("\\{", "{\"note\": {\"ok\": true, \"no\": false, \"none\": null,"
                + " \"deep\": [[[1, 2.5e3, -7]], {}, []], \"big\": 123456789012345678901234567890, \"text\": \"\\u00e9\"},"));
        ReferenceFile read = ReferenceFile.read(write("extras.json", extras), "extras.json");
        assertSame(read.run().phase("all").orElseThrow().overall(), sampleRun().phase("all").orElseThrow().overall());
        // A histogram written as null is no histogram; a field of another kind is named with what it holds.
        String noLatency = edit(s -> s.replaceFirst("\"latencyMs\": \\{", "\"latencyMs\": null, \"unused\": {"));
        assertThat(ReferenceFile.read(write("null.json", noLatency), "null.json").run().phase("all").orElseThrow()
                .overall().timing(Metric.LATENCY_MS)).isEmpty();
        assertThat(readFails(edit(s -> s.replaceFirst("\"count\": 600,", "\"count\": 123456789012345678901234567890,"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.count: expected a whole number, found"
                        + " 123456789012345678901234567890");
        assertThat(readFails(edit(s -> s.replaceFirst("\"count\": 600,", "\"count\": true,"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.count: expected a whole number, found true");
        assertThat(readFails(edit(s -> s.replaceFirst("\"count\": 600,", "\"count\": null,"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.count: expected a whole number, found null");
        assertThat(readFails(edit(s -> s.replaceFirst("\"count\": 600,", "\"count\": {\"n\": 600},"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.count: expected a whole number, found an object");
        assertThat(readFails(valid() + "]")).hasMessageContaining("not valid JSON");
        assertThat(readFails(valid().replaceFirst("\\}\\s*$", ""))).hasMessageContaining("not valid JSON");
        assertThat(readFails("   \n")).hasMessageStartingWith("bad.json: the file is empty");
    }

    @Test
    void missingOrUnreadableFilesAreInvalidInput() throws IOException {
        assertThatThrownBy(() -> ReferenceFile.read(dir.resolve("nope.json"), "nope.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nope.json: no such reference file (record one with ./cvkit baseline record)");
        assertThatThrownBy(() -> ReferenceFile.read(dir, "dir"))
                .hasMessage("dir: is a directory, expected a reference run file (JSON)");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> ReferenceFile.read(binary, "binary.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("binary.json: not a UTF-8 text file: expected a reference run file (JSON)");
        // Valid JSON in Latin-1 (an editor's re-save): named as an encoding problem, not as what the parser saw.
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, valid().replace("GET /a", "GET /caf\u00e9").replace("\\u00e9", "\u00e9")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ReferenceFile.read(latin1, "latin1.json"))
                .hasMessage("latin1.json: not a UTF-8 text file: expected a reference run file (JSON)");
    }

    @Test
    void labelsBeyondAsciiReadBack() throws IOException {
        String utf8 = valid().replace("GET /a", "GET /caf\u00e9 \u2615");
        ReferenceFile read = ReferenceFile.read(write("utf8.json", utf8), "utf8.json");
        assertThat(read.run().phase("all").orElseThrow().labels()).containsKey("GET /caf\u00e9 \u2615")
                .doesNotContainKey("GET /a");
    }

    @Test
    void bucketDigitsAreAsciiOnly() throws IOException {
        // Other scripts' digits are digits to Character.isDigit, not to a histogram.
        assertThat(readFails(edit(s -> s.replaceFirst("\"buckets\": \"(\\d+):", "\"buckets\": \"\u0661:"))))
                .hasMessageStartingWith("bad.json: phases.all.overall.responseTimeMs.buckets: expected \"ms:count\" pairs"
                        + " of whole numbers separated by single spaces; pair 1 is \"\u0661:");
    }

    @Test
    void aFileLargerThanAWholeReadIsStreamedWithTheSameResult() throws IOException {
        // A valid reference padded with white space past the whole-read limit takes the streamed path: it reads
        // back the same (the only test of that path: every other reference here is small).
        Path padded = dir.resolve("padded.json");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(padded))) {
            out.write(valid().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (long written = 0; written <= ReferenceFile.WHOLE_READ_LIMIT_BYTES; written += spaces.length) {
                out.write(spaces);
            }
        }
        assertThat(Files.size(padded)).isGreaterThan(ReferenceFile.WHOLE_READ_LIMIT_BYTES);
        assertSame(ReferenceFile.read(padded, "padded.json").run().phase("all").orElseThrow().overall(),
                sampleRun().phase("all").orElseThrow().overall());

        // A results file given as --reference by mistake, that large: refused at its first line.
        Path big = dir.resolve("results.jtl");
        byte[] line = "1767225631200,113,Search,200,OK,Shoppers 1-27,text,true,,25807,506,27,27\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(big))) {
            for (long written = 0; written <= ReferenceFile.WHOLE_READ_LIMIT_BYTES; written += line.length) {
                out.write(line);
            }
        }
        assertThatThrownBy(() -> ReferenceFile.read(big, "results.jtl"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("results.jtl:1: not valid JSON");
    }
}
