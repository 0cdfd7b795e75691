package dev.cvkit.evaluator.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.reference.ReferenceRun;
import dev.cvkit.evaluator.reference.ReferenceSummarizer;
import dev.cvkit.evaluator.significance.Significance;
import dev.cvkit.evaluator.stats.ReadStats;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SummaryAccumulator;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures of relative criteria, measured: repeated pairs of synthetic runs (reference, then
 * current), the reference summarized as {@code cvkit baseline record} does, the current run judged against it with
 * {@code Checkout: p95(response_time_ms) > +10%}, exactly as {@code cvkit evaluate --reference} judges it.
 *
 * <p>Response times follow a realistic shape: a 30 ms floor plus a log-normal part with a median of 90 ms
 * and sigma 0.5 (median about 120 ms, p95 about 235 ms, p99 about 320 ms), in whole milliseconds, read
 * through the same bounded accumulator the JTL reader uses. A "+X%" scenario multiplies every time of
 * the current run by 1 + X/100, so its true p95 is X% higher. Seeds are fixed: the counts are the same on
 * every run. Print them with
 * {@code mvn -B -pl evaluator test -Dtest=RelativeCriteriaTrialsTest}.
 */
class RelativeCriteriaTrialsTest {

    private static final int TRIALS = 100;
    private static final String CRITERION = "Checkout: p95(response_time_ms) > +10%";
    private static final double FLOOR_MILLIS = 30;
    private static final double MEDIAN_MILLIS = 90;
    private static final double SIGMA = 0.5;

    /** What 100 trials of one scenario gave. */
    private record Counts(int samples, double shiftPct, int failed, int measuredBeyond, int significant,
            double expectedBeyond) {
        int passed() {
            return TRIALS - failed;
        }
    }

    @Test
    void acceptanceFigures() {
        CriteriaSet criteria = CriteriaFileLoader.load(new StringReader("failureCriteria:\n  - " + CRITERION + "\n"), "t.yaml");
        StringBuilder table = new StringBuilder("\nRelative criterion '" + CRITERION + "': " + TRIALS + " trials per row"
                + " (log-normal response times, fixed seeds; fail = beyond +10% AND p < " + Significance.ALPHA + ")\n"
                + String.format("  %-9s %8s %5s %5s %16s %16s %22s%n", "scenario", "samples", "fail", "pass",
                        "measured >+10%", "p < 0.05 alone", "expected >+10% (noise)"));
        Counts[][] all = new Counts[2][];
        int[] sizes = {1_000, 2_000};
        for (int s = 0; s < sizes.length; s++) {
            all[s] = new Counts[] {trials(criteria, sizes[s], 0), trials(criteria, sizes[s], 5), trials(criteria, sizes[s], 20)};
            for (Counts c : all[s]) {
                table.append(String.format("  %-9s %8d %5d %5d %16d %16d %22.1f%n",
                        c.shiftPct() == 0 ? "A/A" : "+" + (int) c.shiftPct() + "%", c.samples(), c.failed(), c.passed(),
                        c.measuredBeyond(), c.significant(), c.expectedBeyond()));
            }
        }
        System.out.println(table);

        for (Counts[] bySize : all) {
            Counts aa = bySize[0];
            // A/A: at least 95 of 100 pass; and the test alone is calibrated: about 5 in 100 significant by chance.
            assertThat(aa.passed()).as("A/A passes at %d samples", aa.samples()).isGreaterThanOrEqualTo(95);
            assertThat(aa.significant()).as("A/A significant at %d samples", aa.samples()).isBetween(1, 12);
        }
        // A true +20% shift of p95 at 2,000 samples per label: at least 99 of 100 fail (99.9 expected). At 1,000
        // the noise of the measured p95 alone lets about 1.7 in 100 stay under +10%: at least 95 must fail.
        Counts shift20 = all[1][2];
        assertThat(shift20.failed()).as("+20%% fails at %d samples", shift20.samples()).isGreaterThanOrEqualTo(99);
        assertThat(all[0][2].failed()).as("+20%% fails at 1000 samples").isGreaterThanOrEqualTo(95);
        // A +5% shift (half the threshold) fails only when the sampling noise of the measured p95 carries it past
        // +10%: no more often than that noise predicts (normal approximation of the sample quantile, plus three
        // binomial standard deviations), and the significance test adds no failure of its own.
        for (Counts[] bySize : all) {
            Counts shift5 = bySize[1];
            double p = shift5.expectedBeyond() / TRIALS;
            double bound = shift5.expectedBeyond() + 3 * Math.sqrt(TRIALS * p * (1 - p));
            assertThat((double) shift5.failed()).as("+5%% fails at %d samples", shift5.samples()).isLessThanOrEqualTo(bound);
            assertThat(shift5.failed()).isLessThanOrEqualTo(shift5.measuredBeyond());
        }
    }

    private Counts trials(CriteriaSet criteria, int samples, double shiftPct) {
        int failed = 0;
        int beyond = 0;
        int significant = 0;
        for (int t = 0; t < TRIALS; t++) {
            // The same reference runs in every scenario; the current runs differ only by the shift.
            RunStats before = run(samples, 1.0, 1_000_003L * t + samples);
            RunStats after = run(samples, 1 + shiftPct / 100, 7_000_013L * t + samples + 1);
            // In memory: ReferenceFileTest shows that writing and reading a reference gives back the same run.
            ReferenceFile reference = new ReferenceFile("reference.json", new ReferenceRun(Instant.EPOCH, "trials",
                    List.of("synthetic"), Map.of(ReferenceRun.WHOLE_RUN, ReferenceSummarizer.summarize(before))));
            Evaluation e = CriteriaEvaluator.evaluate(criteria, after, reference);
            CriterionResult r = e.results().get(0);
            failed += r.outcome() == Outcome.FAIL ? 1 : 0;
            beyond += r.relative().changePct() > 10 ? 1 : 0;
            significant += r.relative().pValue() < Significance.ALPHA ? 1 : 0;
        }
        return new Counts(samples, shiftPct, failed, beyond, significant, TRIALS * chanceBeyond(samples, shiftPct));
    }

    /** A run of one label, {@code samples} rows, one every 50 ms, times multiplied by {@code scale}. */
    private static RunStats run(int samples, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SummaryAccumulator checkout = new SummaryAccumulator();
        for (int i = 0; i < samples; i++) {
            double millis = (FLOOR_MILLIS + MEDIAN_MILLIS * Math.exp(SIGMA * gaussian(random))) * scale;
            long elapsed = Math.round(millis);
            checkout.record(50L * i, elapsed, elapsed / 2, 0, true);
        }
        return new ReadStats(checkout.summary(), Map.of("Checkout", checkout.summary()), List.of(),
                new RowCounts(samples, 0, 0, 0), List.of());
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian in Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * The chance that the measured p95 rises by more than 10% when the true rise is {@code shiftPct}: the
     * log of a sample p95 is about normal with variance {@code p(1-p) / (n f(q)^2 q^2)}, and the change
     * compares two independent runs.
     */
    private static double chanceBeyond(int samples, double shiftPct) {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double p = 0.95;
        double z = normal.inverseCumulativeProbability(p);
        double variable = MEDIAN_MILLIS * Math.exp(SIGMA * z);
        double q = FLOOR_MILLIS + variable;
        double density = normal.density(z) / (SIGMA * variable);
        double sdLog = Math.sqrt(p * (1 - p) / samples) / (density * q);
        double sdLogRatio = Math.sqrt(2) * sdLog;
        return 1 - normal.cumulativeProbability((Math.log(1.10) - Math.log(1 + shiftPct / 100)) / sdLogRatio);
    }
}
