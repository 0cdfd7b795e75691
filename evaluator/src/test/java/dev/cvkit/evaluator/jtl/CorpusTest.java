package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared corpus ({@code ../shared/corpus/jtl}) read with its expected outcome: figures
 * (computed by {@link BruteForce} or by hand), or the exact error. Skipped when the corpus is absent.
 */
class CorpusTest {

    private static Path corpus;

    @BeforeEach
    void findCorpus() {
        String property = System.getProperty("cvkit.corpus");
        Path dir = property == null ? null : Path.of(property, "jtl");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "shared corpus not found (system property cvkit.corpus=" + property + "): corpus tests skipped");
        corpus = dir;
    }

    private static Path file(String name) {
        return corpus.resolve(name);
    }

    /** Files whose figures the brute-force reading gives (single-line records, no sub-results). */
    static Stream<Object[]> bruteForceCsv() {
        // Names only: the files are looked up (and the corpus checked) when each test runs.
        return Stream.of(
                new Object[] {"jmeter_HTMLReportTestFile.csv", ','},
                new Object[] {"jmeter_HTMLReportFalseTestFile.csv", ','},
                new Object[] {"jmeterplugins_cmd_short.jtl", ','},
                new Object[] {"perfplugin_filewithtransactions.csv", ','},
                new Object[] {"taurus_apiritif_0.csv", ','},
                new Object[] {"taurus_doublequoting.jtl", ','},
                new Object[] {"taurus_kpi_pair1.jtl", ','},
                new Object[] {"taurus_quote_guessing_crash_samplevars.jtl", ','},
                new Object[] {"taurus_slow_stdev.jtl", ','},
                new Object[] {"taurus_tabs.jtl", '\t'},
                new Object[] {"taurus_unicode_labels.jtl", ','},
                new Object[] {"jmavenplugin_csv2-1-fail.csv", ','});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bruteForceCsv")
    void csvFilesGiveTheExactFigures(String name, char delimiter) throws IOException {
        Path path = file(name);
        Map<String, BruteForce.Figures> expected = BruteForce.csv(path, delimiter);
        for (ResultsReader.Tuning tuning : List.of(Reading.DEFAULT, Reading.REFERENCE, Reading.TINY_PARTS)) {
            Reading.Outcome outcome = Reading.read(tuning, new ReadingOptions(), path);
            assertThat(outcome.progress()).isEmpty();
            RunStats stats = outcome.stats();
            assertThat(stats.rowCounts().subResults()).isZero();
            assertMatches(stats, expected);
        }
    }

    @Test
    void flatOldStyleXml() throws IOException {
        Path path = file("jmeter_sample_log1c.xml.jtl");
        RunStats stats = Reading.read(path);
        assertMatches(stats, BruteForce.flatXml(path));
        assertThat(stats.overall().count()).isEqualTo(2000);
        assertThat(stats.overall().distribution(Metric.CONNECT_TIME_MS).count()).isZero();
    }

    @Test
    void nestedXmlWithEmbeddedResources() throws Exception {
        Path path = file("taurus_resource_tc.xml.jtl");
        RunStats stats = Reading.read(path);
        assertMatches(stats, BruteForce.nestedXml(Files.readString(path)));
        assertThat(stats.rowCounts().subResults()).isPositive();
        assertThat(stats.rowCounts().transactions()).isPositive();
    }

    @Test
    void truncatedXmlIsReadUpToItsLastCompleteSampleWithAWarning() throws Exception {
        Path path = file("taurus_error_bug1_truncated.xml.jtl");
        Reading.Outcome outcome = Reading.read(Reading.DEFAULT, new ReadingOptions(), path);
        String warning = path + ": the file ends before its closing </testResults> (the writer was probably stopped):"
                + " read up to the last complete sample, ending at line 3011";
        assertThat(outcome.stats().warnings()).containsExactly(warning);
        assertThat(outcome.progress()).isEqualTo("cvkit: warning: " + warning + "\n");
        // The file ends right after a complete sample: closing it gives the same samples to the DOM.
        assertMatches(outcome.stats(), BruteForce.nestedXml(Files.readString(path) + "\n</testResults>\n"));
    }

    @Test
    void transactionControllerParentWithNestedSamples() {
        RunStats stats = Reading.read(file("taurus_error_tc_generate_parent.xml.jtl"));
        // Requests: blazedemo 100, graphql 80, channelsearch 70, blazedemo 100, channelsearch 70 x2, 03_Health 120.
        assertThat(stats.rowCounts()).isEqualTo(new RowCounts(7, 3, 0, 0));
        assertThat(stats.overall().errorCount()).isEqualTo(4);
        assertThat(stats.overall().distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isCloseTo(610 / 7.0, within(1e-9));
        assertThat(stats.overall().firstStartMillis()).isEqualTo(1690000000000L);
        assertThat(stats.overall().lastEndMillis()).isEqualTo(1690000002120L);
        assertThat(stats.labels().get("channelsearch").count()).isEqualTo(3);
        assertThat(stats.labels().get("01_LoginPage").errorCount()).isEqualTo(1);
    }

    @Test
    void xmlSamplesWrittenAsChildElementsByXStream() {
        RunStats stats = Reading.read(file("taurus_nonstandard_unicode.xml.jtl"));
        assertThat(stats.labels().keySet()).containsExactly("http://unknown.host/");
        SampleSummary overall = stats.overall();
        assertThat(overall.count()).isEqualTo(3);
        assertThat(overall.errorCount()).isEqualTo(3);
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).maxMillis()).isZero();
        assertThat(overall.requestsPerSecond()).isNaN(); // timeStamp 0 and elapsed 0: no time span
    }

    @Test
    void redirectSubResultsOfAnAltRun() {
        RunStats stats = Reading.read(file("azure_samples_starterkit_results.jtl"));
        assertThat(stats.labels().keySet()).containsExactly("HTTP Request", "HTTP Request-0", "HTTP Request-1", "HTTP Request-2");
        assertThat(stats.rowCounts()).isEqualTo(new RowCounts(1, 0, 3, 0));
        assertThat(stats.overall().distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isEqualTo(1099.0);
        assertThat(stats.overall().requestsPerSecond()).isCloseTo(1 / 1.099, within(1e-9));
        assertThat(stats.labels().get("HTTP Request-1").distribution(Metric.CONNECT_TIME_MS).maxMillis()).isZero();
    }

    @Test
    void jmeterFormattedTimestampsWithoutAFinalLineEnd() {
        RunStats stats = Reading.read(file("perfplugin_formatted_timeStamp.csv"));
        long first = LocalDateTime.of(2014, 2, 24, 7, 42, 21, 256_000_000).atZone(ZoneId.systemDefault())
                .toInstant().toEpochMilli();
        SampleSummary overall = stats.overall();
        assertThat(overall.firstStartMillis()).isEqualTo(first);
        assertThat(overall.lastEndMillis()).isEqualTo(first + 1 + 2000);
        assertThat(overall.count()).isEqualTo(3);
        assertThat(overall.errorCount()).isEqualTo(1);
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).percentileMillis(50)).isEqualTo(1300);
        assertThat(overall.requestsPerSecond()).isCloseTo(3 / 2.001, within(1e-9));
        assertThat(stats.warnings()).isEmpty();
        // The same dates, named explicitly:
        RunStats explicit = Reading.read(Reading.DEFAULT, new ReadingOptions().timestampFormat("yyyy-MM-dd HH:mm:ss.SSS"),
                file("perfplugin_formatted_timeStamp.csv")).stats();
        assertThat(Reading.fingerprint(explicit)).isEqualTo(Reading.fingerprint(stats));
    }

    @Test
    void invalidMonthIsAnErrorEvenWithTheFormatGiven() {
        Path path = file("perfplugin_JMeterCsvResults2_badslashdate.csv");
        assertThatThrownBy(() -> Reading.read(path)).isInstanceOf(InvalidInputException.class).hasMessage(path
                + ":2: timeStamp: expected epoch milliseconds or a date in one of JMeter's formats (yyyy/MM/dd HH:mm:ss.SSS,"
                + " yyyy/MM/dd HH:mm:ss, yyyy-MM-dd HH:mm:ss.SSS, yyyy-MM-dd HH:mm:ss, MM/dd/yy HH:mm:ss), found"
                + " '2001/20/20 12:05:05.123'; give the format with --timestamp-format");
        assertThatThrownBy(() -> Reading.read(Reading.DEFAULT, new ReadingOptions().timestampFormat("yyyy/MM/dd HH:mm:ss.SSS"), path))
                .isInstanceOf(InvalidInputException.class).hasMessage(path + ":2: timeStamp: expected a date in the format"
                        + " 'yyyy/MM/dd HH:mm:ss.SSS' (--timestamp-format), found '2001/20/20 12:05:05.123'");
    }

    @Test
    void multiLineQuotedLabel() {
        RunStats stats = Reading.read(file("perfplugin_multiLineCSV.jtl"));
        String label = "no such element: Unable to locate element: {\"method\":\"id\",\"selector\":\"reviewBAD\"}\n"
                + "                  Session ID: 89a1a36b52e184afb01963257d8739e8\n"
                + "                  *** Element info: {Using=id, value=reviewBAD}";
        assertThat(stats.labels().keySet()).containsExactly("Preparation: Login", label);
        assertThat(stats.labels().get(label).errorCount()).isEqualTo(1);
        assertThat(stats.overall().distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isEqualTo(1008.0);
        assertThat(stats.overall().lastEndMillis() - stats.overall().firstStartMillis()).isEqualTo(2049);
    }

    @Test
    void headerlessFilesNeedTheirColumns() {
        Path path = file("perfplugin_noheader_nonewline.jtl");
        assertThatThrownBy(() -> Reading.read(path)).isInstanceOf(InvalidInputException.class).hasMessage(path
                + ":1: expected JMeter's default 17 fields (the file has no header line), found 10; name the columns with --columns");
        RunStats stats = Reading.read(Reading.DEFAULT, new ReadingOptions()
                .columns("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,Latency"), path).stats();
        assertThat(stats.overall().count()).isEqualTo(3);
        Distribution latency = stats.overall().distribution(Metric.LATENCY_MS);
        assertThat(latency.meanMillis()).isCloseTo((1016 + 38 + 25) / 3.0, within(1e-9));
        assertThat(stats.overall().distribution(Metric.RESPONSE_TIME_MS).maxMillis()).isEqualTo(2204);

        Path bug = file("jmeter_Bug52968_noheader.csv");
        assertThatThrownBy(() -> Reading.read(bug)).isInstanceOf(InvalidInputException.class).hasMessage(bug
                + ":1: expected JMeter's default 17 fields (the file has no header line), found 10; name the columns with --columns");
        // Its columns start with label: no timeStamp and no elapsed to name.
        assertThatThrownBy(() -> new ReadingOptions().columns("label,responseCode,responseMessage,threadName,dataType,"
                + "success,bytes,grpThreads,allThreads,Latency")).hasMessage("--columns must name timeStamp, elapsed, label,"
                + " success; missing: timeStamp, elapsed");
    }

    @Test
    void filesWithoutTimesAreRejectedAtTheirHeader() {
        for (String name : List.of("jmeter_BatchTestLocal.csv", "jmeter_TestResultStatusAction.csv")) {
            Path path = file(name);
            assertThatThrownBy(() -> Reading.read(path)).isInstanceOf(InvalidInputException.class).hasMessage(path
                    + ":1: the header names no timeStamp, elapsed columns; cvkit needs timeStamp, elapsed, label, success"
                    + " (JMeter's jmeter.save.saveservice.timestamp, .time, .label and .success settings)");
        }
        Path nested = file("jmeter_Bug56811_nested_tc.xml");
        assertThatThrownBy(() -> Reading.read(nested)).isInstanceOf(InvalidInputException.class).hasMessage(nested
                + ":3: <sample> has no t, ts (cvkit needs t, ts, lb and s on every sample: elapsed, timeStamp, label and success)");
    }

    @Test
    void emptyInputsAreNeverAPass() {
        Path zero = file("perfplugin_emptyfile.jtl");
        assertThatThrownBy(() -> Reading.read(zero)).isInstanceOf(InvalidInputException.class)
                .hasMessage(zero + ": empty file (0 bytes): no header and no samples");
        Path xml = file("taurus_empty_testresults.xml.jtl");
        assertThatThrownBy(() -> Reading.read(xml)).isInstanceOf(InvalidInputException.class)
                .hasMessage(xml + ": no samples: the <testResults> element holds no complete sample");
        Path transactions = file("taurus_tranctl.jtl");
        assertThatThrownBy(() -> Reading.read(transactions)).isInstanceOf(InvalidInputException.class)
                .hasMessage(transactions + ": no requests to count: the 2 rows read are all rows that overall leaves out"
                        + " (2 transaction-controller, 0 sub-result, 0 cvkit marker rows)");
    }

    @Test
    void everyCorpusFileHasAnExpectation() throws IOException {
        Set<String> covered = new TreeSet<>();
        bruteForceCsv().forEach(a -> covered.add((String) a[0]));
        covered.addAll(List.of("jmeter_sample_log1c.xml.jtl", "taurus_resource_tc.xml.jtl", "taurus_error_bug1_truncated.xml.jtl",
                "taurus_error_tc_generate_parent.xml.jtl", "taurus_nonstandard_unicode.xml.jtl",
                "azure_samples_starterkit_results.jtl", "perfplugin_formatted_timeStamp.csv",
                "perfplugin_JMeterCsvResults2_badslashdate.csv", "perfplugin_multiLineCSV.jtl",
                "perfplugin_noheader_nonewline.jtl", "jmeter_Bug52968_noheader.csv", "jmeter_BatchTestLocal.csv",
                "jmeter_TestResultStatusAction.csv", "jmeter_Bug56811_nested_tc.xml", "perfplugin_emptyfile.jtl",
                "taurus_empty_testresults.xml.jtl", "taurus_tranctl.jtl"));
        try (Stream<Path> files = Files.list(corpus)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(covered::contains,
                    "a corpus file with an expected outcome in this test");
        }
    }

    /** Labels, counts, errors, time span, mean and percentiles as the contract allows them to differ. */
    static void assertMatches(RunStats stats, Map<String, BruteForce.Figures> expected) {
        assertThat(stats.labels().keySet()).containsExactlyElementsOf(
                expected.keySet().stream().filter(k -> k != null).toList());
        for (Map.Entry<String, BruteForce.Figures> e : expected.entrySet()) {
            SampleSummary actual = e.getKey() == null ? stats.overall() : stats.labels().get(e.getKey());
            BruteForce.Figures want = e.getValue();
            String what = e.getKey() == null ? "overall" : e.getKey();
            assertThat(actual.count()).as(what).isEqualTo(want.count());
            assertThat(actual.errorCount()).as(what).isEqualTo(want.errors);
            assertThat(actual.firstStartMillis()).as(what).isEqualTo(want.firstStart);
            assertThat(actual.lastEndMillis()).as(what).isEqualTo(want.lastEnd);
            Distribution elapsed = actual.distribution(Metric.RESPONSE_TIME_MS);
            assertThat(elapsed.meanMillis()).as(what).isCloseTo(want.mean(), within(1e-9));
            for (double p : new double[] {50, 90, 95, 99}) {
                long exact = want.percentile(p);
                assertThat(elapsed.percentileMillis(p)).as(what + " p" + p)
                        .isBetween(exact, exact + Math.max(1, exact / 100));
            }
            if (Double.isNaN(want.rps())) {
                assertThat(actual.requestsPerSecond()).isNaN();
            } else {
                assertThat(actual.requestsPerSecond()).as(what).isCloseTo(want.rps(), within(1e-9));
            }
        }
        assertThat(stats.overall().count()).isEqualTo(stats.rowCounts().requests());
    }
}
