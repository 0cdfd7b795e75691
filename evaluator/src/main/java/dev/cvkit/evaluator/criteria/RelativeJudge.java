package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.reference.LabelSummary;
import dev.cvkit.evaluator.reference.PhaseSummary;
import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.reference.ReferenceSummarizer;
import dev.cvkit.evaluator.reference.TimingHistogram;
import dev.cvkit.evaluator.significance.Direction;
import dev.cvkit.evaluator.significance.MeanTest;
import dev.cvkit.evaluator.significance.QuantileTest;
import dev.cvkit.evaluator.significance.RateTest;
import dev.cvkit.evaluator.significance.Significance;
import dev.cvkit.evaluator.significance.TwoProportionTest;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.HashMap;
import java.util.Map;

/**
 * Judges criteria relative to a reference run ({@code p95(response_time_ms) > +10%}).
 *
 * <p>A relative criterion holds when the change of the measure from the reference run to this one is beyond
 * its threshold <em>and</em> a one-sided test finds the change significant at {@link Significance#ALPHA}:
 * a change that sampling noise could explain never fails a run. The test fits the measure: the quantile
 * test for percentiles, Welch's t-test for means, the two-proportion test for error percentages, the
 * Poisson rate test for throughput and counts. Both runs are read through the same histogram bucketing
 * ({@link ReferenceSummarizer}), so neither side is favoured by a finer resolution.
 *
 * <p>It fails, saying why, when it cannot be judged: no reference run was given, the label or the metric is
 * missing from either run, or either run has fewer values than the test needs ("not enough samples") - a
 * criterion is never passed for lack of data.
 */
final class RelativeJudge {

    private final RunStats stats;
    private final ReferenceFile reference;
    private final Map<String, LabelSummary> currentByLabel = new HashMap<>();
    private LabelSummary currentOverall;

    /** @param reference the reference run, or null when none was given */
    RelativeJudge(RunStats stats, ReferenceFile reference) {
        this.stats = stats;
        this.reference = reference;
    }

    CriterionResult judge(Criterion c) {
        Scope scope = c.scope();
        ClientMeasure measure = (ClientMeasure) c.measure();
        double thresholdPct = ((RelativeThreshold) c.threshold()).percent();
        boolean rise = c.comparison() == Comparison.GREATER || c.comparison() == Comparison.GREATER_OR_EQUAL;
        Direction direction = rise ? Direction.INCREASE : Direction.DECREASE;
        ResultFactory v = new ResultFactory(c, thresholdPct, testName(measure));

        SampleSummary rows = scope.overall() ? stats.overall() : stats.labels().get(scope.label());
        if (rows == null) {
            return v.fail(null, null, null, CriteriaEvaluator.notInResults(scope.label(), stats));
        }
        Side current = side(measure, current(scope.label(), rows), "the results");
        if (reference == null) {
            return v.fail(current.value(), null, null, "no reference run to compare with: pass --reference FILE"
                    + " (record one with ./cvkit baseline record)");
        }
        PhaseSummary phase = reference.run().phase(scope.phase()).orElse(null);
        if (phase == null) {
            return v.fail(current.value(), null, null, "the reference run " + reference.source() + " has no phase '"
                    + scope.phase() + "'");
        }
        LabelSummary referenceRows = scope.overall() ? phase.overall() : phase.labels().get(scope.label());
        if (referenceRows == null) {
            return v.fail(current.value(), null, null, "label '" + scope.label() + "' is not in the reference run "
                    + reference.source() + LabelHints.hint(scope.label(), phase.labels().keySet(), "the reference run"));
        }
        Side before = side(measure, referenceRows, "the reference run");
        if (before.value() == null || current.value() == null) {
            String why = before.value() == null ? before.whyMissing() : current.whyMissing();
            return v.fail(current.value(), before.value(), null, why);
        }
        double changePct = changePct(before.value(), current.value());
        long needed = minimumSamples(measure);
        if (before.samples() < needed || current.samples() < needed) {
            return v.fail(current.value(), before.value(), changePct, "not enough samples: the reference run has "
                    + before.samples() + ", the results " + current.samples() + "; a relative " + measure.text()
                    + " needs at least " + needed + " in each" + whyThatMany(measure));
        }
        double p = pValue(measure, referenceRows, current.rows(), direction);
        boolean beyond = c.comparison().holds(changePct, thresholdPct);
        boolean significant = p < Significance.ALPHA;
        String note = beyond && !significant
                ? "change beyond the threshold but not significant (p >= " + Significance.ALPHA + "): taken as noise" : "";
        return v.judged(current.value(), before.value(), changePct, p, beyond && significant, note);
    }

    /** The current run's rows in the reference bucketing, summarized once per label. */
    private LabelSummary current(String label, SampleSummary rows) {
        if (label == null) {
            if (currentOverall == null) {
                currentOverall = ReferenceSummarizer.summarize(rows);
            }
            return currentOverall;
        }
        return currentByLabel.computeIfAbsent(label, l -> ReferenceSummarizer.summarize(rows));
    }

    /** {@code 100 * (current - reference) / reference}; from 0, no change is 0% and any rise +infinity. */
    static double changePct(double reference, double current) {
        if (reference == 0) {
            return current == 0 ? 0 : current > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return 100 * (current - reference) / reference;
    }

    /** A run's value of the measure, the number of values it rests on, or why it has none. */
    private record Side(LabelSummary rows, Double value, long samples, String whyMissing) {
    }

    private static Side side(ClientMeasure m, LabelSummary rows, String whose) {
        if (rows.count() == 0) {
            return new Side(rows, null, 0, "no rows to measure in " + whose);
        }
        return switch (m.metric()) {
            case REQUESTS -> new Side(rows, (double) rows.count(), rows.count(), "");
            case ERROR -> new Side(rows, rows.errorPct(), rows.count(), "");
            case REQUESTS_PER_SEC -> {
                double rps = rows.requestsPerSecond();
                yield new Side(rows, Double.isNaN(rps) ? null : rps, rows.count(),
                        "throughput is undefined in " + whose + ": the rows span no time");
            }
            case RESPONSE_TIME_MS, LATENCY, CONNECT_TIME_MS -> {
                TimingHistogram h = rows.timing(m.metric().timing().orElseThrow()).orElse(null);
                if (h == null) {
                    yield new Side(rows, null, 0, "no " + m.metric().yamlName() + " values in " + whose);
                }
                double value = m.aggregate().kind() == Aggregate.Kind.AVG ? h.meanMillis()
                        : h.percentileMillis(m.aggregate().percentile());
                yield new Side(rows, value, h.count(), "");
            }
        };
    }

    private static long minimumSamples(ClientMeasure m) {
        return m.aggregate().kind() == Aggregate.Kind.PERCENTILE
                ? QuantileTest.minimumSamples(m.aggregate().percentile()) : Significance.MIN_SAMPLES;
    }

    private static String whyThatMany(ClientMeasure m) {
        return m.aggregate().kind() == Aggregate.Kind.PERCENTILE
                ? " (10 beyond the percentile), or compare a lower percentile" : "";
    }

    private static double pValue(ClientMeasure m, LabelSummary reference, LabelSummary current, Direction direction) {
        return switch (m.metric()) {
            case ERROR -> TwoProportionTest.pValue(current.errors(), current.count(), reference.errors(),
                    reference.count(), direction);
            case REQUESTS_PER_SEC -> RateTest.pValue(current.count(), current.spanSeconds(), reference.count(),
                    reference.spanSeconds(), direction);
            case REQUESTS -> RateTest.pValue(current.count(), 1, reference.count(), 1, direction);
            case RESPONSE_TIME_MS, LATENCY, CONNECT_TIME_MS -> {
                TimingHistogram r = reference.timing(m.metric().timing().orElseThrow()).orElseThrow();
                TimingHistogram c = current.timing(m.metric().timing().orElseThrow()).orElseThrow();
                yield m.aggregate().kind() == Aggregate.Kind.AVG ? MeanTest.pValue(r, c, direction)
                        : QuantileTest.pValue(r, c, m.aggregate().percentile(), direction);
            }
        };
    }

    /** The significance test a measure is judged with, as the reports name it. */
    static String testName(ClientMeasure m) {
        return switch (m.metric()) {
            case ERROR -> "two-proportion test (Fisher exact for small counts)";
            case REQUESTS_PER_SEC -> "Poisson rate test (rows per second)";
            case REQUESTS -> "Poisson rate test (row counts)";
            case RESPONSE_TIME_MS, LATENCY, CONNECT_TIME_MS -> m.aggregate().kind() == Aggregate.Kind.AVG
                    ? "Welch t-test of the means" : "quantile test of " + m.aggregate().name()
                            + " (share above the pooled " + m.aggregate().name() + ")";
        };
    }

    /** Builds the results of one criterion. */
    private final class ResultFactory {
        private final Criterion c;
        private final double thresholdPct;
        private final String test;

        ResultFactory(Criterion c, double thresholdPct, String test) {
            this.c = c;
            this.thresholdPct = thresholdPct;
            this.test = test;
        }

        CriterionResult fail(Double current, Double referenceValue, Double changePct, String why) {
            return result(current, referenceValue, changePct, null, Outcome.FAIL, why);
        }

        CriterionResult judged(double current, double referenceValue, double changePct, double p, boolean holds,
                String note) {
            Outcome outcome = !holds ? Outcome.PASS : c.tier() == Tier.FAIL ? Outcome.FAIL : Outcome.WARN;
            return result(current, referenceValue, changePct, p, outcome, note);
        }

        private CriterionResult result(Double current, Double referenceValue, Double changePct, Double p,
                Outcome outcome, String note) {
            RelativeFigures figures = new RelativeFigures(referenceValue, changePct, p, test,
                    reference == null ? null : reference.source());
            return new CriterionResult(c.text(), c.location(), c.tier(), c.scope().phase(), c.scope().label(), current,
                    thresholdPct, c.measure().unit(), outcome, note, figures);
        }
    }
}
