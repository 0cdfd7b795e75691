package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.stats.RunStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: a clear error naming file, line and what was expected, or a warning when nothing is lost. */
class BadInputTest {

    static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";

    @TempDir
    Path dir;

    static Stream<ResultsReader.Tuning> readers() {
        return Stream.of(Reading.REFERENCE, Reading.DEFAULT, Reading.TINY_PARTS);
    }

    static String row(long ts, String elapsed, String label, String success) {
        return ts + "," + elapsed + "," + label + ",200,OK,T 1-1,text," + success + ",,10,5,1,1,http://h/,1,0,0\n";
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void assertInvalid(ResultsReader.Tuning tuning, ReadingOptions options, Path file, String message) {
        assertThatThrownBy(() -> Reading.read(tuning, options, file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.jtl", "");
        assertInvalid(Reading.DEFAULT, new ReadingOptions(), file, file + ": empty file (0 bytes): no header and no samples");
    }

    @Test
    void binaryGarbage() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Path file = Files.write(dir.resolve("image.jtl"), png);
        assertInvalid(Reading.DEFAULT, new ReadingOptions(), file, file + ":3: binary content (byte 0x00 at offset 8):"
                + " not a JMeter results file (expected a CSV or XML JTL, or a zip archive of them)");
    }

    @Test
    void gzipCompressed() throws IOException {
        Path file = Files.write(dir.resolve("results.jtl.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        assertInvalid(Reading.DEFAULT, new ReadingOptions(), file, file + ": gzip-compressed data, not a JMeter results"
                + " file: unpack it first (cvkit reads CSV and XML JTL files, directories and zip archives)");
    }

    @Test
    void missingInput() {
        Path file = dir.resolve("nope.jtl");
        assertInvalid(Reading.DEFAULT, new ReadingOptions(), file, file + ": no such file or directory");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void headerOnly(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("header.jtl", HEADER);
        assertInvalid(tuning, new ReadingOptions(), file, file + ": no samples: the file holds only its header line");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void missingElapsedColumn(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("no-elapsed.csv", "timeStamp,label,success\n1000,a,true\n");
        assertInvalid(tuning, new ReadingOptions(), file, file + ":1: the header names no elapsed column; cvkit needs"
                + " timeStamp, elapsed, label, success (JMeter's jmeter.save.saveservice.timestamp, .time, .label and"
                + " .success settings)");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void nonNumericElapsed(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("bad.jtl", HEADER + row(1000, "12", "a", "true") + row(1001, "abc", "a", "true")
                + row(1002, "13", "a", "true"));
        assertInvalid(tuning, new ReadingOptions(), file,
                file + ":3: elapsed: expected a whole number of milliseconds, found 'abc'");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void badSuccessAndFieldCount(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("success.jtl", HEADER + row(1000, "12", "a", "yes"));
        assertInvalid(tuning, new ReadingOptions(), file, file + ":2: success: expected true or false, found 'yes'");
        Path fields = write("fields.jtl", HEADER + row(1000, "12", "a", "true") + "1001,12,a,200,OK\n"
                + row(1002, "12", "a", "true"));
        assertInvalid(tuning, new ReadingOptions(), fields, fields + ":3: expected 17 fields as the header names, found 5");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void quoteNeverClosed(ResultsReader.Tuning tuning) throws IOException {
        String broken = "1000,10,a,200,\"OK,T 1-1,text,true,,1,1,1,1,u,1,0,0\n";
        Path file = write("quote.jtl", HEADER + row(999, "5", "a", "true") + broken + row(1001, "10", "a", "true"));
        String message = file + ":3: a quoted field of this row is never closed: the file ends inside it"
                + " (--lenient cannot skip this: the quotes hide where the next row starts)";
        assertInvalid(tuning, new ReadingOptions(), file, message);
        assertInvalid(tuning, new ReadingOptions().lenient(true), file, message);
    }

    @ParameterizedTest
    @MethodSource("readers")
    void garbageAfterAClosingQuote(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("after-quote.jtl", HEADER + row(999, "5", "a", "true")
                + "1000,10,a,200,\"OK\"x,T 1-1,text,true,,1,1,1,1,u,1,0,0\n");
        assertInvalid(tuning, new ReadingOptions().lenient(true), file, file + ":3: a quoted field must be followed by"
                + " the delimiter or the end of the line (--lenient cannot skip this: the quotes hide where the next row starts)");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void truncatedLastLineIsAWarningAndLeftOut(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("killed.jtl", HEADER + row(1000, "10", "a", "true") + row(1001, "20", "a", "true")
                + "1002,30,a,200,OK,T 1-");
        Reading.Outcome outcome = Reading.read(tuning, new ReadingOptions(), file);
        String warning = file + ":4: the last line is incomplete (the writer was probably stopped mid-line) and is"
                + " left out: expected 17 fields as the header names, found 6";
        assertThat(outcome.stats().warnings()).containsExactly(warning);
        assertThat(outcome.progress()).isEqualTo("cvkit: warning: " + warning + "\n");
        assertThat(outcome.stats().overall().count()).isEqualTo(2);

        Path inQuote = write("killed-in-quote.jtl", HEADER + row(1000, "10", "a", "true")
                + "1002,30,a,500,\"Internal Ser");
        assertThat(Reading.read(tuning, new ReadingOptions(), inQuote).stats().warnings()).containsExactly(inQuote
                + ":3: the last line is incomplete (the writer was probably stopped mid-line) and is left out:"
                + " a quoted field is not closed");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aCompleteLastLineWithoutLineEndIsRead(ResultsReader.Tuning tuning) throws IOException {
        String last = row(1002, "30", "a", "true");
        Path file = write("no-final-newline.jtl", HEADER + row(1000, "10", "a", "true") + last.substring(0, last.length() - 1));
        RunStats stats = Reading.read(tuning, new ReadingOptions(), file).stats();
        assertThat(stats.warnings()).isEmpty();
        assertThat(stats.overall().count()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("readers")
    void lenientSkipsMalformedRowsAndSaysWhere(ResultsReader.Tuning tuning) throws IOException {
        StringBuilder content = new StringBuilder(HEADER);
        content.append("\"a quoted\nlabel\",1,x,200,OK,T 1-1,text,true,,1,1,1,1,u,1,0,0\n"); // lines 2-3: bad timeStamp
        for (int i = 0; i < 14; i++) {
            content.append(i % 4 == 0 ? row(2000 + i, "-1", "a", "true") : row(2000 + i, Integer.toString(i), "a", "true"));
        }
        content.append(row(3000, "5", "b", "TRUE"));
        Path file = write("lenient.jtl", content.toString());
        assertInvalid(tuning, new ReadingOptions(), file, file + ":2: timeStamp: expected epoch milliseconds or a date in"
                + " one of JMeter's formats (yyyy/MM/dd HH:mm:ss.SSS, yyyy/MM/dd HH:mm:ss, yyyy-MM-dd HH:mm:ss.SSS,"
                + " yyyy-MM-dd HH:mm:ss, MM/dd/yy HH:mm:ss), found 'a quoted\\nlabel'; give the format with --timestamp-format");
        Reading.Outcome outcome = Reading.read(tuning, new ReadingOptions().lenient(true), file);
        // rows with elapsed -1: data rows 0, 4, 8, 12, on lines 4, 8, 12, 16 (the quoted row spans lines 2-3)
        assertThat(outcome.stats().warnings()).containsExactly(file + ": --lenient skipped 5 malformed rows, at lines"
                + " 2, 4, 8, 12, 16 (first: line 2: timeStamp: expected epoch milliseconds or a date in one of JMeter's"
                + " formats (yyyy/MM/dd HH:mm:ss.SSS, yyyy/MM/dd HH:mm:ss, yyyy-MM-dd HH:mm:ss.SSS, yyyy-MM-dd HH:mm:ss,"
                + " MM/dd/yy HH:mm:ss), found 'a quoted\\nlabel'; give the format with --timestamp-format)");
        assertThat(outcome.stats().overall().count()).isEqualTo(11);
        assertThat(outcome.stats().labels().get("b").count()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("readers")
    void lenientListsTenLinesThenCounts(ResultsReader.Tuning tuning) throws IOException {
        StringBuilder content = new StringBuilder(HEADER);
        for (int i = 0; i < 30; i++) {
            content.append(row(2000 + i, i % 2 == 0 ? "x" : "1", "a", "true"));
        }
        Path file = write("many.jtl", content.toString());
        assertThat(Reading.read(tuning, new ReadingOptions().lenient(true), file).stats().warnings())
                .containsExactly(file + ": --lenient skipped 15 malformed rows, at lines 2, 4, 6, 8, 10, 12, 14, 16, 18, 20"
                        + " and 5 more (first: line 2: elapsed: expected a whole number of milliseconds, found 'x')");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void everyRowSkippedIsNoData(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("all-bad.jtl", HEADER + row(1, "x", "a", "true") + row(2, "y", "a", "true"));
        assertInvalid(tuning, new ReadingOptions().lenient(true), file,
                file + ": no samples left: --lenient skipped all 2 rows as malformed");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void onlyTransactionRowsLeaveNothingToCount(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("tc.jtl", HEADER
                + "1000,10,TC,200,\"Number of samples in transaction : 1, number of failing samples : 0\",T 1-1,,true,,1,1,1,1,null,1,0,0\n");
        assertInvalid(tuning, new ReadingOptions(), file, file + ": no requests to count: the 1 rows read are all rows"
                + " that overall leaves out (1 transaction-controller, 0 sub-result, 0 cvkit marker rows)");
    }

    @Test
    void xmlProblems() throws IOException {
        Path root = write("root.xml", "<?xml version=\"1.0\"?>\n<results>\n</results>\n");
        assertInvalid(Reading.DEFAULT, new ReadingOptions(), root,
                root + ":2: expected the root element <testResults> of an XML JTL, found <results>");
        Path broken = write("broken.xml", "<testResults>\n<sample t=\"1\" ts=\"2\" lb=\"a\" s=\"true\"/>\n"
                + "<sample t=\"1\" ts=\"2\" lb=\"a\" s=\"true\"></oops>\n<sample t=\"1\" ts=\"2\" lb=\"a\" s=\"true\"/>\n</testResults>\n");
        assertThatThrownBy(() -> Reading.read(broken)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(broken + ":3: not well-formed XML (column ");
        Path bad = write("bad.xml", "<testResults>\n<sample t=\"1\" ts=\"2\" lb=\"a\" s=\"true\"/>\n"
                + "<httpSample t=\"fast\" ts=\"2\" lb=\"a\" s=\"true\"/>\n</testResults>\n");
        assertInvalid(Reading.DEFAULT, new ReadingOptions(), bad,
                bad + ":3: t (elapsed): expected a whole number of milliseconds, found 'fast'");
        RunStats lenient = Reading.read(Reading.DEFAULT, new ReadingOptions().lenient(true), bad).stats();
        assertThat(lenient.overall().count()).isEqualTo(1);
        assertThat(lenient.warnings()).containsExactly(bad + ": --lenient skipped 1 malformed row, at line 3"
                + " (first: line 3: t (elapsed): expected a whole number of milliseconds, found 'fast')");
    }

    @Test
    void noHeaderNeedsTheDefaultColumnsOrColumnsOption() throws IOException {
        Path file = write("noheader.csv", "1000,10,a,200,OK,T 1-1,text,true,5,4\n1100,20,a,200,OK,T 1-1,text,false,5,4\n");
        assertInvalid(Reading.DEFAULT, new ReadingOptions(), file, file + ":1: expected JMeter's default 17 fields"
                + " (the file has no header line), found 10; name the columns with --columns");
        ReadingOptions columns = new ReadingOptions()
                .columns("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,Latency");
        RunStats stats = Reading.read(Reading.DEFAULT, columns, file).stats();
        assertThat(stats.overall().count()).isEqualTo(2);
        assertThat(stats.overall().errorCount()).isEqualTo(1);
        assertThat(stats.overall().distribution(dev.cvkit.evaluator.stats.Metric.LATENCY_MS).meanMillis()).isEqualTo(4.0);
    }

    @Test
    void badColumnsAndTimestampFormatOptionsAreRejectedUpFront() {
        assertThatThrownBy(() -> new ReadingOptions().columns("timeStamp,elapsed,label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--columns must name timeStamp, elapsed, label, success; missing: success");
        assertThatThrownBy(() -> new ReadingOptions().columns("timeStamp,elapsd,label,success"))
                .hasMessageStartingWith("--columns: 'elapsd' is not a JMeter column; use timeStamp,elapsed,label,");
        assertThatThrownBy(() -> new ReadingOptions().timestampFormat("yyyy-qq"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--timestamp-format 'yyyy-qq' is not a date pattern: ");
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aMarkerOfANewerFormatStopsTheReadingEvenWhenLenient(ResultsReader.Tuning tuning) throws IOException {
        Path file = write("newer.jtl", HEADER + row(1_000, "5", "Browse", "true")
                + "2000,10,cvkit:fault-start:x,200,execution=e1; status=Running; role=started; by=sampler; format=3"
                + ",T 1-1,text,true,,0,0,1,1,/subscriptions/s,10,0,0\n" + row(3_000, "5", "Browse", "true"));
        String message = file + ":3: fault marker of format 3, newer than this evaluator reads (format 2 and older):"
                + " use the cvkit release that wrote the results, or newer";
        assertInvalid(tuning, new ReadingOptions(), file, message);
        assertInvalid(tuning, new ReadingOptions().lenient(true), file, message);
    }
}
