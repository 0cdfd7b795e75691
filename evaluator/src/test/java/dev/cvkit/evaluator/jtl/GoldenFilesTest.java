package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * Golden files written for these tests, with figures worked out by hand (see the comments), read by the
 * reference reader, the fast reader as shipped and the fast reader split into tiny parallel parts.
 */
class GoldenFilesTest {

    static Stream<ResultsReader.Tuning> readers() {
        return Stream.of(Reading.REFERENCE, Reading.DEFAULT, Reading.TINY_PARTS);
    }

    private static RunStats read(ResultsReader.Tuning tuning, String name) {
        Reading.Outcome outcome = Reading.read(tuning, new ReadingOptions(), Reading.resource(name));
        assertThat(outcome.progress()).isEmpty();
        return outcome.stats();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void subResultsTransactionsAndMarkersAreLeftOutOfOverall(ResultsReader.Tuning tuning) {
        RunStats stats = read(tuning, "golden/sub-results.csv");
        assertThat(stats.labels().keySet()).containsExactly("Login", "Login-0", "Home", "Login-1", "Login-1-0",
                "Search", "Search-0", "Buy", "cvkit:fault-start:exp1", "Health", "Health-0");
        // Counted: Login 300, Home 50, the second Login-0 (80: after Login's end, so no sub-result),
        // Search 200 (error), Search-0 60 (another thread than Search), Health 30.
        // Left out: Login-0 (100), Login-1 (150), Login-1-0 (120), Health-0 (20) as sub-results,
        // Buy as a transaction, the cvkit marker.
        assertThat(stats.rowCounts()).isEqualTo(new RowCounts(6, 1, 4, 1));
        SampleSummary overall = stats.overall();
        assertThat(overall.count()).isEqualTo(6);
        assertThat(overall.errorCount()).isEqualTo(1);
        assertThat(overall.errorPct()).isCloseTo(100.0 / 6, within(1e-9));
        Distribution elapsed = overall.distribution(Metric.RESPONSE_TIME_MS);
        // sorted: 30 50 60 80 200 300
        assertThat(elapsed.meanMillis()).isEqualTo(120.0);
        assertThat(elapsed.minMillis()).isEqualTo(30);
        assertThat(elapsed.maxMillis()).isEqualTo(300);
        assertThat(elapsed.percentileMillis(50)).isEqualTo(60);   // rank 3
        assertThat(elapsed.percentileMillis(66.7)).isEqualTo(200); // rank ceil(4.002) = 5
        assertThat(elapsed.percentileMillis(90)).isEqualTo(300);   // rank 6
        assertThat(overall.firstStartMillis()).isEqualTo(1000);
        assertThat(overall.lastEndMillis()).isEqualTo(2130);       // Health: 2100 + 30
        assertThat(overall.requestsPerSecond()).isCloseTo(6 / 1.130, within(1e-9));
        // Latency of the counted rows: 100 40 70 190 55 25; Connect: 20 0 5 3 0 0.
        assertThat(overall.distribution(Metric.LATENCY_MS).meanMillis()).isEqualTo(80.0);
        assertThat(overall.distribution(Metric.CONNECT_TIME_MS).meanMillis()).isCloseTo(28 / 6.0, within(1e-9));
        assertThat(overall.distribution(Metric.CONNECT_TIME_MS).maxMillis()).isEqualTo(20);

        SampleSummary login0 = stats.labels().get("Login-0");
        assertThat(login0.count()).isEqualTo(2);
        assertThat(login0.distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isEqualTo(90.0);
        assertThat(login0.distribution(Metric.RESPONSE_TIME_MS).percentileMillis(50)).isEqualTo(80);
        assertThat(login0.requestsPerSecond()).isCloseTo(2 / 0.480, within(1e-9)); // 1000 .. 1480
        assertThat(stats.labels().get("Buy").errorCount()).isEqualTo(1);
        assertThat(stats.labels().get("cvkit:fault-start:exp1").count()).isEqualTo(1);

        assertThat(stats.markers()).containsExactly(new FaultMarker(FaultMarker.Kind.START, "exp1", "e1", "Running",
                "started", "sampler", 2000, 400, true, "Fault 1-1", "", Reading.resource("golden/sub-results.csv").toString(), 11));
        assertThat(stats.markers().get(0).instantMillis()).isEqualTo(2400);
    }

    @ParameterizedTest
    @MethodSource("readers")
    void bomCrlfSemicolonQuotesAndAnyColumnOrder(ResultsReader.Tuning tuning) {
        RunStats stats = read(tuning, "golden/bom-crlf-semicolon.csv");
        assertThat(stats.labels().keySet()).containsExactly("Say \"hi\"", "multi\r\nline", "plain");
        assertThat(stats.labels().get("Say \"hi\"").errorCount()).isZero();      // TRUE
        assertThat(stats.labels().get("multi\r\nline").errorCount()).isEqualTo(1); // False
        SampleSummary overall = stats.overall();
        assertThat(overall.count()).isEqualTo(3);
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isEqualTo(80.0); // (120+80+40)/3
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).percentileMillis(50)).isEqualTo(80);
        assertThat(overall.lastEndMillis()).isEqualTo(1140);
        assertThat(overall.requestsPerSecond()).isCloseTo(3 / 0.140, within(1e-9));
        assertThat(overall.distribution(Metric.LATENCY_MS).count()).isZero();
        assertThat(overall.distribution(Metric.CONNECT_TIME_MS).count()).isZero();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void xmlNestingDecidesSubResults(ResultsReader.Tuning tuning) {
        RunStats stats = read(tuning, "golden/nested.xml");
        assertThat(stats.labels().keySet()).containsExactly("Checkout flow", "Cart", "Cart-0", "Cart-1", "Pay",
                "Search", "cvkit:fault-end:exp1");
        // Cart and Pay are the transaction's requests; Cart-0 and Cart-1 are Cart's sub-results.
        assertThat(stats.rowCounts()).isEqualTo(new RowCounts(3, 1, 2, 1));
        SampleSummary overall = stats.overall();
        assertThat(overall.count()).isEqualTo(3);
        assertThat(overall.errorCount()).isEqualTo(1);
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isCloseTo(550 / 3.0, within(1e-9));
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).percentileMillis(50)).isEqualTo(200);
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).percentileMillis(90)).isEqualTo(290);
        assertThat(overall.lastEndMillis()).isEqualTo(1660);
        assertThat(overall.distribution(Metric.LATENCY_MS).meanMillis()).isEqualTo(160.0); // 150 280 50
        assertThat(overall.distribution(Metric.CONNECT_TIME_MS).count()).isEqualTo(2);     // Search has no ct
        assertThat(stats.markers()).hasSize(1);
        FaultMarker end = stats.markers().get(0);
        assertThat(end.kind()).isEqualTo(FaultMarker.Kind.END);
        assertThat(end.status()).isEqualTo("Cancelled");
        assertThat(end.line()).isEqualTo(15);
        assertThat(end.instantMillis()).isEqualTo(3200);
    }
}
