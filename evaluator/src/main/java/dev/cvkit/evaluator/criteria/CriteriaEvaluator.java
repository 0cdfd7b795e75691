package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a {@link CriteriaSet} against {@link RunStats}.
 *
 * <p>A criterion that cannot be judged fails and says why: a label absent from the results (a typo must
 * never pass silently), or a metric the results do not carry (e.g. no {@code Latency} column). A
 * warnCriteria criterion that cannot be judged fails too, for the same reason. Criteria relative to a
 * reference run are judged by {@link RelativeJudge}.
 */
public final class CriteriaEvaluator {

    private CriteriaEvaluator() {
    }

    /** Judges criteria that need no reference run; a relative criterion fails for want of one. */
    public static Evaluation evaluate(CriteriaSet criteria, RunStats stats) {
        return evaluate(criteria, stats, null);
    }

    /**
     * Judges every criterion; relative ones ({@code > +10%}) against {@code reference}.
     *
     * @param reference the reference run of {@code --reference}, or null when none was given
     */
    public static Evaluation evaluate(CriteriaSet criteria, RunStats stats, ReferenceFile reference) {
        List<CriterionResult> results = new ArrayList<>();
        RelativeJudge relative = new RelativeJudge(stats, reference);
        for (Criterion c : criteria.criteria()) {
            results.add(c.threshold() instanceof RelativeThreshold ? relative.judge(c) : judge(c, stats));
        }
        for (ServerMetricCriterion s : criteria.serverCriteria()) {
            results.add(new CriterionResult(s.text(), s.location(), s.tier(), Scope.WHOLE_RUN, null, null, null, "",
                    Outcome.NOT_EVALUATED, "Azure Monitor server metric: JMeter results do not carry it, so it is not"
                            + " evaluated locally (ALT evaluates it in the cloud)"));
        }
        ReferenceRunInfo info = reference == null ? null
                : new ReferenceRunInfo(reference.source(), reference.run().recordedAt(), reference.run().sources());
        return new Evaluation(criteria.source(), results, Verdict.of(results), info);
    }

    /** Why a criterion on {@code label} cannot be judged: the results have no such label, and which they have. */
    static String notInResults(String label, RunStats stats) {
        return "label '" + label + "' is not in the results" + LabelHints.hint(label, stats.labels().keySet());
    }

    static CriterionResult judge(Criterion c, RunStats stats) {
        Scope scope = c.scope();
        double threshold = ((AbsoluteThreshold) c.threshold()).value();
        String unit = c.measure().unit();
        SampleSummary rows = scope.overall() ? stats.overall() : stats.labels().get(scope.label());
        if (rows == null) {
            return unjudged(c, threshold, unit, notInResults(scope.label(), stats));
        }
        Measured measured = measure((ClientMeasure) c.measure(), rows);
        if (Double.isNaN(measured.value())) {
            return unjudged(c, threshold, unit, measured.whyMissing());
        }
        boolean holds = c.comparison().holds(measured.value(), threshold);
        Outcome outcome = !holds ? Outcome.PASS : c.tier() == Tier.FAIL ? Outcome.FAIL : Outcome.WARN;
        return new CriterionResult(c.text(), c.location(), c.tier(), scope.phase(), scope.label(), measured.value(),
                threshold, unit, outcome, "");
    }

    private static CriterionResult unjudged(Criterion c, double threshold, String unit, String why) {
        return new CriterionResult(c.text(), c.location(), c.tier(), c.scope().phase(), c.scope().label(), null,
                threshold, unit, Outcome.FAIL, why);
    }

    /** A measured value, or NaN with the reason it could not be measured. */
    private record Measured(double value, String whyMissing) {
        static Measured of(double value, String whyMissing) {
            return new Measured(value, Double.isNaN(value) ? whyMissing : "");
        }
    }

    private static Measured measure(ClientMeasure m, SampleSummary rows) {
        if (rows.count() == 0) {
            return Measured.of(Double.NaN, "no rows to measure");
        }
        return switch (m.metric()) {
            case REQUESTS -> Measured.of(rows.count(), "");
            case ERROR -> Measured.of(rows.errorPct(), "no rows to measure");
            case REQUESTS_PER_SEC -> Measured.of(rows.requestsPerSecond(),
                    "throughput is undefined: the rows span no time");
            case RESPONSE_TIME_MS, LATENCY, CONNECT_TIME_MS -> {
                Distribution d = rows.distribution(m.metric().timing().orElseThrow());
                if (d.count() == 0) {
                    yield Measured.of(Double.NaN, "the results carry no " + m.metric().yamlName() + " values ("
                            + column(m.metric()) + " column missing)");
                }
                yield switch (m.aggregate().kind()) {
                    case AVG -> Measured.of(d.meanMillis(), "no values");
                    case MIN -> Measured.of(d.minMillis(), "");
                    case MAX -> Measured.of(d.maxMillis(), "");
                    case PERCENTILE -> Measured.of(d.percentileMillis(m.aggregate().percentile()), "");
                    default -> throw new IllegalStateException(m.text() + " passed validation but has no measure");
                };
            }
        };
    }

    private static String column(ClientMetric metric) {
        return switch (metric) {
            case RESPONSE_TIME_MS -> "elapsed";
            case LATENCY -> "Latency";
            case CONNECT_TIME_MS -> "Connect";
            default -> metric.yamlName().toLowerCase(Locale.ROOT);
        };
    }
}
