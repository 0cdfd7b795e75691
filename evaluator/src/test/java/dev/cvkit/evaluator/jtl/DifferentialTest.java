package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast CSV reader (whole files, and split into parallel parts) gives exactly what the commons-csv
 * reference gives: the same figures, warnings, markers, or the same error, over every corpus file and over
 * generated files with quoting, CRLF, BOM, multi-line fields, sub-results across part boundaries, malformed
 * rows and truncated ends.
 */
class DifferentialTest {

    private static final List<ResultsReader.Tuning> FAST = List.of(Reading.DEFAULT, Reading.TINY_PARTS,
            Reading.IMPATIENT_PARTS, new ResultsReader.Tuning(2, 300, 32, false, 1000));

    @TempDir
    Path dir;

    private static String outcome(ResultsReader reader, ReadingOptions options, Path file) {
        try {
            return Reading.fingerprint(reader.read(List.of(file.toString()), options, null));
        } catch (InvalidInputException e) {
            return "error: " + e.getMessage();
        }
    }

    private static void assertSameEverywhere(Path file, ReadingOptions options, ResultsReader.Diagnostics total) {
        String expected = outcome(new ResultsReader(Reading.REFERENCE), options, file);
        for (ResultsReader.Tuning tuning : FAST) {
            ResultsReader fast = new ResultsReader(tuning);
            assertThat(outcome(fast, options, file)).as("%s with %s, lenient=%s", file.getFileName(), tuning, options.lenient())
                    .isEqualTo(expected);
            total.parts.addAndGet(fast.diagnostics.parts.get());
            total.verifiedSplits.addAndGet(fast.diagnostics.verifiedSplits.get());
            total.readOns.addAndGet(fast.diagnostics.readOns.get());
            total.fallbacks.addAndGet(fast.diagnostics.fallbacks.get());
        }
    }

    @Test
    void everyCorpusFile() throws IOException {
        String property = System.getProperty("cvkit.corpus");
        Path corpus = property == null ? null : Path.of(property, "jtl");
        Assumptions.assumeTrue(corpus != null && Files.isDirectory(corpus),
                "shared corpus not found (system property cvkit.corpus=" + property + "): corpus comparison skipped");
        ResultsReader.Diagnostics total = new ResultsReader.Diagnostics();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.sorted().toList()) {
                assertSameEverywhere(file, new ReadingOptions(), total);
                assertSameEverywhere(file, new ReadingOptions().lenient(true), total);
            }
        }
        assertSameEverywhere(corpus.resolve("perfplugin_noheader_nonewline.jtl"), new ReadingOptions()
                .columns("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,Latency"), total);
        assertThat(total.verifiedSplits.get()).isPositive();
    }

    @Test
    void generatedFiles() throws IOException {
        ResultsReader.Diagnostics total = new ResultsReader.Diagnostics();
        for (int seed = 0; seed < 100; seed++) {
            RandomJtl jtl = new RandomJtl(new Random(seed));
            Path file = Files.write(dir.resolve("generated-" + seed + ".jtl"), jtl.content().getBytes(StandardCharsets.UTF_8));
            for (boolean lenient : new boolean[] {false, true}) {
                ReadingOptions options = new ReadingOptions().lenient(lenient);
                if (jtl.columns != null) {
                    options.columns(jtl.columns);
                }
                assertSameEverywhere(file, options, total);
            }
        }
        // The generated files reach every path: verified splits, sequential read-on, commons-csv fallback.
        assertThat(total.verifiedSplits.get()).isGreaterThan(60);
        assertThat(total.readOns.get()).isPositive();
        assertThat(total.fallbacks.get()).isPositive();
    }

    @Test
    void aLargerFileWithRealisticBuffers() throws IOException {
        Random random = new Random(99);
        StringBuilder content = new StringBuilder(BadInputTest.HEADER);
        for (int i = 0; i < 40_000; i++) {
            int thread = random.nextInt(20);
            long ts = 1_700_000_000_000L + i * 7L;
            long elapsed = 1 + (long) (Math.exp(random.nextGaussian()) * 80);
            String label = "Page " + random.nextInt(8);
            content.append(ts).append(',').append(elapsed).append(',').append(label).append(",200,\"OK, fine\",T 1-")
                    .append(thread).append(",text,").append(random.nextInt(50) != 0).append(",,1,1,1,1,u,")
                    .append(elapsed / 2).append(",0,0\n");
            if (random.nextInt(10) == 0) {
                content.append(ts).append(',').append(elapsed / 2).append(',').append(label).append("-0,302,Found,T 1-")
                        .append(thread).append(",text,true,,1,1,1,1,u,1,0,0\r\n");
            }
        }
        Path file = Files.writeString(dir.resolve("large.jtl"), content.toString());
        String expected = outcome(new ResultsReader(Reading.REFERENCE), new ReadingOptions(), file);
        ResultsReader split = new ResultsReader(new ResultsReader.Tuning(4, 256 << 10, 64 << 10, false, RowClassifier.MAX_PENDING));
        assertThat(outcome(split, new ReadingOptions(), file)).isEqualTo(expected);
        assertThat(split.diagnostics.verifiedSplits.get()).isEqualTo(3);
        assertThat(outcome(new ResultsReader(), new ReadingOptions(), file)).isEqualTo(expected);
    }

    /** A random CSV results file exercising what CSV and JMeter allow, and some of what they do not. */
    static final class RandomJtl {
        private static final String[] LABELS = {"A", "A-0", "A-1", "A-0-0", "B", "B-12", "Say, \"hi\"", "multi\nline",
            "multi\r\nline", "cvkit:fault-start:x", "x-y", "Ünïcödé", ""};
        private static final String[] MESSAGES = {"OK", "Number of samples in transaction : 2, number of failing samples : 1",
            "a \"quoted\" message", "line one\r\nline two", "", "execution=e1; status=Running; role=started; by=sampler"};

        private final Random random;
        private final char delimiter;
        private final List<String> header;
        final String columns;
        private final String lineEnd;

        RandomJtl(Random random) {
            this.random = random;
            this.delimiter = new char[] {',', ';', '\t'}[random.nextInt(3)];
            this.lineEnd = random.nextBoolean() ? "\n" : "\r\n";
            List<String> all = new ArrayList<>(JtlColumn.DEFAULT_17.stream().map(c -> c.headerName).toList());
            int shape = random.nextInt(10);
            if (shape < 6) {
                header = all;
                columns = null;
            } else if (shape < 9) {
                List<String> subset = new ArrayList<>(List.of("timeStamp", "elapsed", "label", "success"));
                for (String optional : List.of("responseMessage", "threadName", "Latency", "Connect", "URL")) {
                    if (random.nextBoolean()) {
                        subset.add(optional);
                    }
                }
                java.util.Collections.shuffle(subset, random);
                subset.add("\"myVar\"");
                header = subset;
                columns = null;
            } else {
                header = all;
                columns = String.join(",", all);
            }
        }

        String content() {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append('\uFEFF');
            }
            if (columns == null) {
                for (int i = 0; i < header.size(); i++) {
                    text.append(i == 0 ? "" : String.valueOf(delimiter)).append(header.get(i));
                }
                text.append(lineEnd());
            }
            int rows = 20 + random.nextInt(120);
            boolean broken = random.nextInt(3) == 0;
            long clock = 1_000_000;
            for (int r = 0; r < rows; r++) {
                int thread = random.nextInt(4);
                if (random.nextInt(8) == 0) {
                    // a parent and its sub-results, depth first, inside its time span
                    String parent = random.nextBoolean() ? "A" : "B";
                    long elapsed = 100 + random.nextInt(50);
                    row(text, clock, elapsed, parent, thread, broken);
                    int children = 1 + random.nextInt(3);
                    for (int c = 0; c < children; c++) {
                        row(text, clock + c, 1 + random.nextInt(40), parent + "-" + c, thread, broken);
                        if (random.nextInt(4) == 0) {
                            row(text, clock + c, 1 + random.nextInt(10), parent + "-" + c + "-0", thread, broken);
                        }
                    }
                } else {
                    row(text, clock, random.nextInt(3000), LABELS[random.nextInt(LABELS.length)], thread, broken);
                }
                if (random.nextInt(30) == 0) {
                    text.append(lineEnd());
                }
                clock += random.nextInt(20);
            }
            return ending(text);
        }

        private String ending(StringBuilder text) {
            switch (random.nextInt(12)) {
                case 0 -> text.setLength(Math.max(text.length() - 1 - random.nextInt(30), 1)); // truncated
                case 1 -> text.setLength(text.length() - lineEnd.length());                     // no final line end
                case 2 -> text.append("1,2,\"never closed").append(delimiter).append("x");     // unclosed quote at the end
                case 3 -> text.insert(text.length() / 2, "\"oops");                              // a quote somewhere
                case 4 -> text.insert(text.lastIndexOf("\n", text.length() / 2) + 1, "5\r");     // a lone CR
                case 5 -> text.insert(text.lastIndexOf("\n", text.length() / 2) + 1,
                        "\"1\"x" + delimiter + "y" + lineEnd);                                   // after a closing quote
                default -> { }
            }
            return text.toString();
        }

        private String lineEnd() {
            return random.nextInt(10) == 0 ? (lineEnd.equals("\n") ? "\r\n" : "\n") : lineEnd;
        }

        private void row(StringBuilder text, long ts, long elapsed, String label, int thread, boolean broken) {
            for (int i = 0; i < header.size(); i++) {
                if (i > 0) {
                    text.append(delimiter);
                }
                text.append(field(header.get(i), ts, elapsed, label, thread, broken));
            }
            if (broken && random.nextInt(40) == 0) {
                text.append(delimiter).append("extra");
            }
            text.append(lineEnd());
        }

        private String field(String column, long ts, long elapsed, String label, int thread, boolean broken) {
            String value = switch (column) {
                case "timeStamp" -> broken && random.nextInt(60) == 0 ? "2024-01-02 03:04:05" : Long.toString(ts);
                case "elapsed" -> broken && random.nextInt(50) == 0 ? "n/a" : Long.toString(elapsed);
                case "label" -> label;
                case "success" -> new String[] {"true", "false", "TRUE", "False", "tRuE"}[random.nextInt(5)]
                        + (broken && random.nextInt(60) == 0 ? "?" : "");
                case "responseMessage" -> MESSAGES[random.nextInt(MESSAGES.length)];
                case "threadName" -> "Group 1-" + thread;
                case "Latency" -> random.nextInt(8) == 0 ? "" : Long.toString(elapsed / 2);
                case "Connect" -> broken && random.nextInt(60) == 0 ? "-3" : Integer.toString(random.nextInt(5));
                default -> random.nextInt(10) == 0 ? "v" + delimiter + "w" : "v";
            };
            boolean needsQuotes = value.indexOf(delimiter) >= 0 || value.contains("\"") || value.contains("\n")
                    || value.contains("\r");
            if (needsQuotes || random.nextInt(15) == 0) {
                return "\"" + value.replace("\"", "\"\"") + "\"";
            }
            return value;
        }
    }
}
