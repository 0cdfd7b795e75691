package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.criteria.CriteriaEvaluator;
import dev.cvkit.evaluator.criteria.CriteriaFileLoader;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.io.StringReader;

/** One run and one criteria file that produce every outcome, for the report tests. */
final class ReportFixtures {

    static final String CRITERIA = """
            failureCriteria:
              clientMetrics:
                - p95(response_time_ms) > 1000
                - "Search <&> \\"quoted\\": avg(latency) > 20"
                - Chekout: count(requests) < 1
              serverMetrics:
                - resourceId: /subscriptions/x/resourceGroups/y/providers/Microsoft.Web/serverfarms/plan1
                  metricNamespace: microsoft.web/serverfarms
                  metricName: CpuPercentage
                  aggregation: Average
                  condition: GreaterThan
                  value: 80
            warnCriteria:
              - percentage(error) > 1
            """;

    private ReportFixtures() {
    }

    /** "Search <&> \"quoted\"" rows of 100..190 ms; "Checkout" rows of 300 ms; one error in 20 rows. */
    static RunStats stats() {
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 0; i < 10; i++) {
            b.row("Search <&> \"quoted\"", 1_000L * i, 100 + 10L * i, i != 3);
            b.row("Checkout", 1_000L * i + 500, 300, true);
        }
        return b.warning("results.jtl:21: truncated last line left out").build();
    }

    static Evaluation evaluation() {
        return CriteriaEvaluator.evaluate(CriteriaFileLoader.load(new StringReader(CRITERIA), "gate.yaml"), stats());
    }
}
