package dev.cvkit.evaluator.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriteriaEvaluatorTest {

    /**
     * 100 "Home" rows of 1..100 ms over 10 s (one error), 10 "Checkout" rows of 500 ms (5 errors), and a
     * transaction row that counts in its label only.
     */
    private static RunStats stats() {
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 1; i <= 100; i++) {
            b.row("Home", 1_000_000L + (i - 1) * 100L, i, i != 50);
        }
        for (int i = 0; i < 10; i++) {
            b.row("Checkout", 1_000_000L + i * 1000L, 500, 200, 20, i >= 5);
        }
        b.excludedRow("Buy flow", 1_000_000L, 9_000, true);
        return b.build();
    }

    private static Evaluation evaluate(String yaml, RunStats stats) {
        return CriteriaEvaluator.evaluate(CriteriaFileLoader.load(new StringReader(yaml), "c.yaml"), stats);
    }

    private static CriterionResult only(String criterion) {
        Evaluation e = evaluate("failureCriteria:\n  - \"" + criterion + "\"\n", stats());
        assertThat(e.results()).hasSize(1);
        return e.results().get(0);
    }

    @ParameterizedTest(name = "{0} -> actual {1}, {2}")
    @CsvSource(delimiter = '|', value = {
        // overall: 110 rows; elapsed 1..100 and ten times 500
        "count(requests) < 100                     | 110      | PASS",
        "count(requests) > 100                     | 110      | FAIL",
        "Home: avg(response_time_ms) > 50          | 50.5     | FAIL",
        "Home: avg(response_time_ms) > 50.5        | 50.5     | PASS",
        "Home: avg(response_time_ms) >= 50.5       | 50.5     | FAIL",
        "Home: min(response_time_ms) < 2           | 1        | FAIL",
        "Home: max(response_time_ms) <= 99         | 100      | PASS",
        "Home: p50(response_time_ms) > 49          | 50       | FAIL",
        "Home: p90(response_time_ms) > 90          | 90       | PASS",
        "Home: p99(response_time_ms) > 98          | 99       | FAIL",
        "Home: p999(response_time_ms) >= 100       | 100      | FAIL",
        "Home: p99.5(latency) > 49                 | 50       | FAIL",
        "Home: avg(connect_time_ms) > 1            | 1        | PASS",
        "Checkout: p95(latency) > 199              | 200      | FAIL",
        "Checkout: max(connect_time_ms) > 25       | 20       | PASS",
        "Checkout: percentage(error) > 40          | 50       | FAIL",
        "percentage(error) > 5                     | 5.454545 | FAIL",
        "Home: percentage(error) < 1               | 1        | PASS",
        // Home spans 9 900 ms + the last row's 100 ms = 10 s for 100 rows
        "Home: avg(requests_per_sec) < 10          | 10       | PASS",
        "Home: avg(requests_per_sec) < 10.01       | 10       | FAIL",
        "Buy flow: count(requests) > 0             | 1        | FAIL",
    })
    void eachCriterionIsAFailureConditionAsInAlt(String criterion, double actual, Outcome outcome) {
        CriterionResult r = only(criterion);
        assertThat(r.actual()).isCloseTo(actual, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.note()).isEmpty();
        assertThat(r.text()).isEqualTo(criterion);
        assertThat(r.phase()).isEqualTo(Scope.WHOLE_RUN);
    }

    @Test
    void throughputBelowItsFloorFails() {
        // ALT semantics: "avg(requests_per_sec) < 20" fails when throughput is below 20.
        assertThat(only("Home: avg(requests_per_sec) < 20").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(only("Home: avg(requests_per_sec) < 5").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void unknownLabelFailsAndSuggestsTheClosestOne() {
        CriterionResult r = only("Chekout: p95(response_time_ms) > 10000");
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.actual()).isNull();
        assertThat(r.threshold()).isEqualTo(10000);
        assertThat(r.note()).isEqualTo("label 'Chekout' is not in the results; did you mean 'Checkout'?");
    }

    @Test
    void unknownLabelListsTheLabelsWhenNothingIsClose() {
        CriterionResult r = only("Payment: p95(response_time_ms) > 10000");
        assertThat(r.note()).isEqualTo(
                "label 'Payment' is not in the results; labels in the results: 'Home', 'Checkout', 'Buy flow'");
    }

    @Test
    void unknownLabelFailsEvenInWarnCriteria() {
        Evaluation e = evaluate("failureCriteria:\n  - p99(response_time_ms) > 9999\nwarnCriteria:\n  - Hom: avg(latency) > 1\n",
                stats());
        assertThat(e.results()).extracting(CriterionResult::outcome).containsExactly(Outcome.PASS, Outcome.FAIL);
        assertThat(e.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void missingColumnFailsAndSaysWhich() {
        RunStats noLatency = InMemoryRunStats.builder()
                .row("A", 0, 10, InMemoryRunStats.ABSENT, InMemoryRunStats.ABSENT, true)
                .row("A", 100, 20, InMemoryRunStats.ABSENT, InMemoryRunStats.ABSENT, true)
                .build();
        Evaluation e = evaluate("failureCriteria:\n  - p95(latency) > 1000\n  - avg(connect_time_ms) > 1000\n"
                + "  - avg(response_time_ms) > 1000\n", noLatency);
        assertThat(e.results()).extracting(CriterionResult::outcome)
                .containsExactly(Outcome.FAIL, Outcome.FAIL, Outcome.PASS);
        assertThat(e.results().get(0).note()).isEqualTo("the results carry no latency values (Latency column missing)");
        assertThat(e.results().get(1).note()).contains("Connect column missing");
    }

    @Test
    void undefinedThroughputFails() {
        RunStats instant = InMemoryRunStats.builder().row("A", 0, 0, true).build();
        CriterionResult r = evaluate("failureCriteria:\n  - avg(requests_per_sec) < 1\n", instant).results().get(0);
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.note()).contains("throughput is undefined");
    }

    @Test
    void verdictIsFailThenWarnThenPass() {
        String fails = "failureCriteria:\n  - count(requests) > 1\nwarnCriteria:\n  - count(requests) > 1\n";
        String warns = "failureCriteria:\n  - count(requests) > 1000\nwarnCriteria:\n  - count(requests) > 1\n";
        String passes = "failureCriteria:\n  - count(requests) > 1000\nwarnCriteria:\n  - count(requests) > 1000\n";
        assertThat(evaluate(fails, stats()).verdict()).isEqualTo(Verdict.FAIL);
        Evaluation warned = evaluate(warns, stats());
        assertThat(warned.verdict()).isEqualTo(Verdict.WARN);
        assertThat(warned.results()).extracting(CriterionResult::outcome).containsExactly(Outcome.PASS, Outcome.WARN);
        assertThat(evaluate(passes, stats()).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void serverMetricsAreReportedNotEvaluatedAndDoNotChangeTheVerdict() {
        Evaluation e = evaluate("""
                failureCriteria:
                  clientMetrics:
                    - count(requests) > 1000
                  serverMetrics:
                    - resourceId: /subscriptions/x/resourceGroups/y/providers/Microsoft.Web/serverfarms/plan1
                      metricNamespace: microsoft.web/serverfarms
                      metricName: CpuPercentage
                      aggregation: Average
                      condition: GreaterThan
                      value: 0
                """, stats());
        assertThat(e.verdict()).isEqualTo(Verdict.PASS);
        assertThat(e.results()).hasSize(2);
        CriterionResult server = e.results().get(1);
        assertThat(server.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
        assertThat(server.text()).isEqualTo("server metric Average(CpuPercentage) GreaterThan 0 on plan1");
        assertThat(server.note()).contains("not evaluated locally");
        assertThat(e.count(Outcome.NOT_EVALUATED)).isEqualTo(1);
    }
}
