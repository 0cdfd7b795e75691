package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cvkit stats} as a user runs it: output, warnings and exit codes. */
class StatsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CvkitMain.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static String golden(String name) throws URISyntaxException {
        return Path.of(StatsCommandTest.class.getResource("/jtl/golden/" + name).toURI()).toString();
    }

    @Test
    void printsThePerLabelTableAndOverall() throws Exception {
        assertThat(run("stats", golden("sub-results.csv"))).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo("""
                label                   count  error %  mean ms  p50 ms  p90 ms  p95 ms  p99 ms    rps
                Login                       1     0.00    300.0     300     300     300     300   3.33
                Login-0                     2     0.00     90.0      80     100     100     100   4.17
                Home                        1     0.00     50.0      50      50      50      50  20.00
                Login-1                     1     0.00    150.0     150     150     150     150   6.67
                Login-1-0                   1     0.00    120.0     120     120     120     120   8.33
                Search                      1   100.00    200.0     200     200     200     200   5.00
                Search-0                    1     0.00     60.0      60      60      60      60  16.67
                Buy                         1   100.00    700.0     700     700     700     700   1.43
                cvkit:fault-start:exp1      1     0.00    400.0     400     400     400     400   2.50
                Health                      1     0.00     30.0      30      30      30      30  33.33
                Health-0                    1     0.00     20.0      20      20      20      20  50.00
                --------------------------------------------------------------------------------------
                overall                     6    16.67    120.0      60     300     300     300   5.31
                overall counts requests only; left out: 1 transaction-controller, 4 sub-result and 1 cvkit marker rows
                """);
    }

    @Test
    void warningsGoToStandardErrorAndTheExitCodeStaysZero() throws Exception {
        Path file = Files.writeString(dir.resolve("killed.jtl"), "timeStamp,elapsed,label,success\n1000,5,a,true\n1001,");
        assertThat(run("stats", file.toString())).isZero();
        assertThat(err.toString()).isEqualTo("cvkit: warning: " + file + ":3: the last line is incomplete (the writer was"
                + " probably stopped mid-line) and is left out: expected 4 fields as the header names, found 2\n");
        assertThat(out.toString()).startsWith("label    count");
    }

    @Test
    void invalidInputExitsThreeWithoutAStackTraceUnlessDebug() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jtl"), "timeStamp,elapsed,label,success\n1000,fast,a,true\n");
        assertThat(run("stats", file.toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("cvkit: invalid input: " + file
                + ":2: elapsed: expected a whole number of milliseconds, found 'fast'\n");
        assertThat(out.toString()).isEmpty();

        err.getBuffer().setLength(0);
        assertThat(run("stats", "--debug", file.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("dev.cvkit.evaluator.InvalidInputException").contains("\tat dev.cvkit.evaluator.");
    }

    @Test
    void lenientSkipsAndReports() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jtl"), "timeStamp,elapsed,label,success\n1000,fast,a,true\n1001,4,a,true\n");
        assertThat(run("stats", "--lenient", file.toString())).isZero();
        assertThat(err.toString()).isEqualTo("cvkit: warning: " + file + ": --lenient skipped 1 malformed row, at line 2"
                + " (first: line 2: elapsed: expected a whole number of milliseconds, found 'fast')\n");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("stats")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'RESULTS'");

        err.getBuffer().setLength(0);
        assertThat(run("stats", "--columns", "timeStamp,elapsed", "x.jtl")).isEqualTo(2);
        assertThat(err.toString()).startsWith("cvkit: Invalid value for option '--columns': --columns must name timeStamp,"
                + " elapsed, label, success; missing: label, success");

        err.getBuffer().setLength(0);
        assertThat(run("stats", "--timestamp-format", "yyyy-qq", "x.jtl")).isEqualTo(2);
        assertThat(err.toString()).startsWith("cvkit: Invalid value for option '--timestamp-format': --timestamp-format"
                + " 'yyyy-qq' is not a date pattern");
    }

    @Test
    void aMissingFileIsInvalidInput() {
        Path missing = dir.resolve("none.jtl");
        assertThat(run("stats", missing.toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("cvkit: invalid input: " + missing + ": no such file or directory\n");
    }

    @Test
    void helpNamesTheReadingOptions() {
        assertThat(run("stats", "--help")).isZero();
        assertThat(out.toString()).contains("--lenient", "--columns=LIST", "--timestamp-format=FMT", "--debug", "RESULTS...");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("stats");
    }
}
