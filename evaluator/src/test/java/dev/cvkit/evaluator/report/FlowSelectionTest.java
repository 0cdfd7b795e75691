package dev.cvkit.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.criteria.CriteriaEvaluator;
import dev.cvkit.evaluator.criteria.CriteriaFileLoader;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class FlowSelectionTest {

    /** 1,000 ids with a row each (id 900 failing), a busy flow and a named one with a single row, listed last. */
    private static RunStats run() {
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 0; i < 1000; i++) {
            b.row("id " + i, i, 50, i != 900);
        }
        for (int i = 0; i < 200; i++) {
            b.row("Browse", 1000 + i, 80, true);
        }
        b.row("Named", 5000, 40, true);
        return b.build();
    }

    @Test
    void showsTheNamedTheBusiestAndTheFailingInTheStatisticsOrderAndCountsTheRest() {
        RunStats stats = run();
        Evaluation evaluation = CriteriaEvaluator.evaluate(CriteriaFileLoader.load(new StringReader(
                "failureCriteria:\n  - \"Named: p95(response_time_ms) > 1000\"\n"), "c.yaml"), stats);
        FlowSelection shown = FlowSelection.of(stats.labels().keySet(), stats.labels(), evaluation, 10);
        assertThat(shown.labels()).hasSize(10).contains("Browse", "Named", "id 900");
        // In the order the statistics list them: the ids first, then Browse, then Named.
        assertThat(shown.labels().get(shown.labels().size() - 1)).isEqualTo("Named");
        assertThat(shown.leftOut()).isEqualTo(1002 - 10);
        assertThat(shown.notice("this table", "")).startsWith("992 of 1,002 labels left out of this table");
    }

    @Test
    void aFewLabelsAreAllShownAsTheyAre() {
        RunStats stats = InMemoryRunStats.builder().row("B", 0, 10, true).row("A", 1, 10, false).build();
        FlowSelection shown = FlowSelection.of(stats.labels().keySet(), stats.labels(), null, 10);
        assertThat(shown.labels()).containsExactly("B", "A");
        assertThat(shown.partial()).isFalse();
    }
}
