package dev.cvkit.evaluator.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.reference.ReferenceRun;
import dev.cvkit.evaluator.reference.ReferenceSummarizer;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/** Criteria relative to a reference run, judged by {@link CriteriaEvaluator}. */
class RelativeCriteriaTest {

    /** {@code n} rows of {@code label}, one every 100 ms, with elapsed {@code elapsed(i)}, latency half of it. */
    private static InMemoryRunStats.Builder rows(InMemoryRunStats.Builder b, String label, int n, IntToLongFunction elapsed) {
        for (int i = 0; i < n; i++) {
            b.row(label, 100L * i, elapsed.applyAsLong(i), true);
        }
        return b;
    }

    private static ReferenceFile reference(RunStats stats) {
        return new ReferenceFile("ref.json", new ReferenceRun(Instant.parse("2026-01-02T03:04:05Z"), "cvkit test",
                List.of("old.jtl"), Map.of(ReferenceRun.WHOLE_RUN, ReferenceSummarizer.summarize(stats))));
    }

    private static CriterionResult judge(String criterion, RunStats current, ReferenceFile reference) {
        CriteriaSet set = CriteriaFileLoader.load(new StringReader("failureCriteria:\n  - " + criterion + "\n"), "c.yaml");
        Evaluation e = CriteriaEvaluator.evaluate(set, current, reference);
        assertThat(e.results()).hasSize(1);
        return e.results().get(0);
    }

    /** 2,000 rows whose elapsed time runs evenly over 100..299 ms, scaled by {@code factor}. */
    private static RunStats even(double factor) {
        return rows(InMemoryRunStats.builder(), "Home", 2000, i -> Math.round((100 + i % 200) * factor)).build();
    }

    @Test
    void aSignificantRiseBeyondTheThresholdFails() {
        CriterionResult r = judge("Home: p95(response_time_ms) > +10%", even(1.2), reference(even(1)));
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.note()).isEmpty();
        assertThat(r.actual()).isEqualTo(Math.round(289 * 1.2));
        assertThat(r.threshold()).isEqualTo(10.0);
        assertThat(r.unit()).isEqualTo("ms");
        assertThat(r.relative().referenceValue()).isEqualTo(289.0);
        assertThat(r.relative().changePct()).isCloseTo(20, org.assertj.core.api.Assertions.within(0.2));
        assertThat(r.relative().pValue()).isLessThan(1e-6);
        assertThat(r.relative().test()).isEqualTo("quantile test of p95 (share above the pooled p95)");
        assertThat(r.relative().referenceSource()).isEqualTo("ref.json");
    }

    @Test
    void theSameRunPassesAndSoDoesAChangeWithinTheThreshold() {
        CriterionResult same = judge("Home: p95(response_time_ms) > +10%", even(1), reference(even(1)));
        assertThat(same.outcome()).isEqualTo(Outcome.PASS);
        assertThat(same.relative().changePct()).isZero();
        assertThat(same.relative().pValue()).isGreaterThan(0.05);
        CriterionResult small = judge("Home: p95(response_time_ms) > +10%", even(1.05), reference(even(1)));
        assertThat(small.outcome()).isEqualTo(Outcome.PASS);
        assertThat(small.relative().pValue()).isLessThan(0.05);
        assertThat(small.note()).isEmpty();
    }

    @Test
    void aChangeBeyondTheThresholdThatNoiseExplainsPasses() {
        // 200 rows: p95 is the 190th value. One more slow row moves it from 100 to 200 ms (+100%), but
        // 11 slow rows against 10 is noise.
        RunStats before = rows(InMemoryRunStats.builder(), "Home", 200, i -> i < 190 ? 100 : 200).build();
        RunStats after = rows(InMemoryRunStats.builder(), "Home", 200, i -> i < 189 ? 100 : 200).build();
        CriterionResult r = judge("Home: p95(response_time_ms) > +10%", after, reference(before));
        assertThat(r.relative().changePct()).isEqualTo(100.0);
        assertThat(r.relative().pValue()).isGreaterThan(0.3);
        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.note()).isEqualTo("change beyond the threshold but not significant (p >= 0.05): taken as noise");
    }

    @Test
    void tooFewSamplesIsNeverAPass() {
        RunStats small = rows(InMemoryRunStats.builder(), "Home", 150, i -> 100 + i).build();
        CriterionResult r = judge("Home: p95(response_time_ms) > +10%", even(1), reference(small));
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.note()).isEqualTo("not enough samples: the reference run has 150, the results 2000; a relative"
                + " p95(response_time_ms) needs at least 200 in each (10 beyond the percentile), or compare a lower percentile");
        assertThat(r.relative().referenceValue()).isEqualTo(242.0);
        assertThat(r.relative().pValue()).isNull();
        // p50 needs only 30.
        assertThat(judge("Home: p50(response_time_ms) > +20%", even(1), reference(small)).outcome()).isEqualTo(Outcome.PASS);
        RunStats tiny = rows(InMemoryRunStats.builder(), "Home", 29, i -> 100).build();
        assertThat(judge("Home: avg(response_time_ms) > +10%", tiny, reference(even(1))).note())
                .startsWith("not enough samples: the reference run has 2000, the results 29;");
    }

    @Test
    void withoutAReferenceRunItFailsAndSaysWhatToPass() {
        CriterionResult r = judge("p95(response_time_ms) > +10%", even(1), null);
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.note()).isEqualTo("no reference run to compare with: pass --reference FILE"
                + " (record one with ./cvkit baseline record)");
        assertThat(r.actual()).isEqualTo(289.0);
        assertThat(r.relative().referenceSource()).isNull();
    }

    @Test
    void aLabelMissingOnEitherSideFailsWithHints() {
        RunStats current = rows(rows(InMemoryRunStats.builder(), "Home", 300, i -> 100), "Search", 300, i -> 100).build();
        RunStats old = rows(InMemoryRunStats.builder(), "Home", 300, i -> 100).build();
        CriterionResult notInReference = judge("Search: p95(response_time_ms) > +10%", current, reference(old));
        assertThat(notInReference.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(notInReference.note()).isEqualTo("label 'Search' is not in the reference run ref.json; labels in the"
                + " reference run: 'Home'");
        CriterionResult notInResults = judge("home: p95(response_time_ms) > +10%", current, reference(old));
        assertThat(notInResults.note()).isEqualTo("label 'home' is not in the results; did you mean 'Home'?");
    }

    @Test
    void aMetricTheReferenceLacksFails() {
        InMemoryRunStats.Builder b = InMemoryRunStats.builder();
        for (int i = 0; i < 300; i++) {
            b.row("Home", 100L * i, 100, InMemoryRunStats.ABSENT, InMemoryRunStats.ABSENT, true);
        }
        CriterionResult r = judge("Home: p95(latency) > +10%", even(1), reference(b.build()));
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.note()).isEqualTo("no latency values in the reference run");
        CriterionResult other = judge("Home: p95(latency) > +10%", b.build(), reference(even(1)));
        assertThat(other.note()).isEqualTo("no latency values in the results");
    }

    @Test
    void throughputFallsAndErrorsRise() {
        // Reference: 3,000 rows over 300 s (10/s); current: 2,000 rows over 300 s (6.7/s, -33%).
        RunStats old = rows(InMemoryRunStats.builder(), "Home", 3000, i -> 50).build();
        InMemoryRunStats.Builder slow = InMemoryRunStats.builder();
        for (int i = 0; i < 2000; i++) {
            slow.row("Home", 150L * i, 50, i % 25 != 0);
        }
        CriterionResult rps = judge("avg(requests_per_sec) < -10%", slow.build(), reference(old));
        assertThat(rps.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(rps.relative().changePct()).isCloseTo(-33.3, org.assertj.core.api.Assertions.within(0.1));
        assertThat(rps.relative().test()).isEqualTo("Poisson rate test (rows per second)");
        CriterionResult count = judge("count(requests) < -40%", slow.build(), reference(old));
        assertThat(count.outcome()).isEqualTo(Outcome.PASS);
        assertThat(count.relative().changePct()).isCloseTo(-33.3, org.assertj.core.api.Assertions.within(0.1));
        // Errors: none in the reference, 4% now: an infinite and significant rise.
        CriterionResult errors = judge("percentage(error) > +50%", slow.build(), reference(old));
        assertThat(errors.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(errors.relative().changePct()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(errors.relative().pValue()).isLessThan(1e-6);
        // Faster throughput is no failure of "< -10%".
        assertThat(judge("avg(requests_per_sec) < -10%", old, reference(slow.build())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void meansAndTheWarnTier() {
        CriteriaSet set = CriteriaFileLoader.load(new StringReader(
                "warnCriteria:\n  - Home: avg(response_time_ms) >= +15%\n"), "c.yaml");
        Evaluation e = CriteriaEvaluator.evaluate(set, even(1.2), reference(even(1)));
        CriterionResult r = e.results().get(0);
        assertThat(r.outcome()).isEqualTo(Outcome.WARN);
        assertThat(r.relative().test()).isEqualTo("Welch t-test of the means");
        assertThat(r.relative().referenceValue()).isEqualTo(199.5);
        assertThat(e.verdict()).isEqualTo(Verdict.WARN);
        assertThat(e.reference()).isEqualTo(new ReferenceRunInfo("ref.json", Instant.parse("2026-01-02T03:04:05Z"),
                List.of("old.jtl")));
    }

    @Test
    void changeFromZero() {
        assertThat(RelativeJudge.changePct(0, 0)).isZero();
        assertThat(RelativeJudge.changePct(0, 3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(RelativeJudge.changePct(200, 150)).isEqualTo(-25.0);
    }
}
