package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Judges a {@link CriteriaSet} against a {@link RunAnalysis}: each criterion on the rows of its phase (the
 * whole run after the warm-up, or {@code before}/{@code during}/{@code after} the fault), as a whole, over
 * time ({@code for 30s}, {@link SustainedJudge}), as a recovery time ({@link RecoveryJudge}), or against a
 * reference run ({@link RelativeJudge}).
 *
 * <p>A criterion that cannot be judged fails and says why: a label absent from the results (a typo must
 * never pass silently), a metric the results do not carry (e.g. no {@code Latency} column), or a fault
 * phase of a run that has no fault window (a chaos baseline judged on results without a fault must not
 * pass). A warnCriteria criterion that cannot be judged fails too, for the same reason.
 */
public final class CriteriaEvaluator {

    private CriteriaEvaluator() {
    }

    /** Judges criteria that need no reference run; a relative criterion fails for want of one. */
    public static Evaluation evaluate(CriteriaSet criteria, RunStats stats) {
        return evaluate(criteria, RunAnalysis.of(stats), null);
    }

    /** As {@link #evaluate(CriteriaSet, RunAnalysis, ReferenceFile)} on statistics without phases or timeline. */
    public static Evaluation evaluate(CriteriaSet criteria, RunStats stats, ReferenceFile reference) {
        return evaluate(criteria, RunAnalysis.of(stats), reference);
    }

    /**
     * Judges every criterion; relative ones ({@code > +10%}) against {@code reference}, in the same phase.
     *
     * @param reference the reference run of {@code --reference}, or null when none was given
     */
    public static Evaluation evaluate(CriteriaSet criteria, RunAnalysis run, ReferenceFile reference) {
        return evaluateAwaiting(criteria, run, () -> reference);
    }

    /**
     * As {@link #evaluate(CriteriaSet, RunAnalysis, ReferenceFile)}, with the reference run asked for only once
     * every criterion that does not need it is judged (it may still be being read); results keep the criteria's
     * order. {@code reference} is always asked for, so that its errors are never skipped.
     *
     * @param reference gives the reference run of {@code --reference}, or null when none was given
     */
    public static Evaluation evaluateAwaiting(CriteriaSet criteria, RunAnalysis run, Supplier<ReferenceFile> reference) {
        List<Criterion> all = criteria.criteria();
        CriterionResult[] judged = new CriterionResult[all.size()];
        for (int i = 0; i < judged.length; i++) {
            Criterion c = all.get(i);
            if (c.measure() instanceof RecoveryMeasure) {
                judged[i] = RecoveryJudge.judge(c, run, criteria.recovery());
                continue;
            }
            RunStats scope = scopeStats(c.scope().phase(), run);
            if (scope == null) {
                judged[i] = unjudged(c, threshold(c), c.measure().unit(), "phase '" + c.scope().phase()
                        + "' does not exist: " + Recovery.NO_FAULT_WINDOW);
            } else if (c.threshold() instanceof RelativeThreshold) {
                continue; // below, with the reference
            } else if (c.sustained()) {
                judged[i] = SustainedJudge.judge(c, run, scope);
            } else {
                judged[i] = judge(c, scope, run);
            }
        }
        ReferenceFile referenceRun = reference.get();
        Map<String, RelativeJudge> relative = new HashMap<>();
        for (int i = 0; i < judged.length; i++) {
            if (judged[i] == null) {
                Criterion c = all.get(i);
                RunStats scope = scopeStats(c.scope().phase(), run);
                judged[i] = relative.computeIfAbsent(c.scope().phase(), p -> new RelativeJudge(scope, referenceRun))
                        .judge(c);
            }
        }
        List<CriterionResult> results = new ArrayList<>(List.of(judged));
        for (ServerMetricCriterion s : criteria.serverCriteria()) {
            results.add(new CriterionResult(s.text(), s.location(), s.tier(), Scope.WHOLE_RUN, null, null, null, "",
                    Outcome.NOT_EVALUATED, "Azure Monitor server metric: JMeter results do not carry it, so it is not"
                            + " evaluated locally (ALT evaluates it in the cloud)"));
        }
        ReferenceRunInfo info = referenceRun == null ? null
                : new ReferenceRunInfo(referenceRun.source(), referenceRun.run().recordedAt(), referenceRun.run().sources());
        return new Evaluation(criteria.source(), results, Verdict.of(results), info);
    }

    /** The rows of a phase: the run itself for {@link Scope#WHOLE_RUN}; null when the run has no such phase. */
    static RunStats scopeStats(String phase, RunAnalysis run) {
        if (phase.equals(Scope.WHOLE_RUN)) {
            return run;
        }
        Phase p = Phase.byName(phase).orElseThrow(() -> new IllegalStateException("unknown phase " + phase));
        return run.phase(p).orElse(null);
    }

    /** Why a criterion on {@code label} cannot be judged: the results have no such label, and which they have. */
    static String notInResults(String label, RunStats stats) {
        return "label '" + label + "' is not in the results" + LabelHints.hint(label, stats.labels().keySet());
    }

    /** As {@link #notInResults(String, RunStats)}, saying so when the label has rows, only not in this phase. */
    static String notInScope(String label, String phase, RunStats scope, RunStats run) {
        if (!phase.equals(Scope.WHOLE_RUN) && run.labels().containsKey(label)) {
            return "label '" + label + "' has no rows in phase '" + phase + "'";
        }
        return notInResults(label, run);
    }

    static CriterionResult judge(Criterion c, RunStats stats) {
        return judge(c, stats, stats);
    }

    private static CriterionResult judge(Criterion c, RunStats stats, RunStats run) {
        Scope scope = c.scope();
        double threshold = ((AbsoluteThreshold) c.threshold()).value();
        String unit = c.measure().unit();
        SampleSummary rows = scope.overall() ? stats.overall() : stats.labels().get(scope.label());
        if (rows == null) {
            return unjudged(c, threshold, unit, notInScope(scope.label(), scope.phase(), stats, run));
        }
        Measured measured = measure((ClientMeasure) c.measure(), rows);
        if (Double.isNaN(measured.value())) {
            return unjudged(c, threshold, unit, measured.whyMissing()
                    + (scope.phase().equals(Scope.WHOLE_RUN) ? "" : " in phase '" + scope.phase() + "'"));
        }
        boolean holds = c.comparison().holds(measured.value(), threshold);
        return new CriterionResult(c.text(), c.location(), c.tier(), scope.phase(), scope.label(), measured.value(),
                threshold, unit, outcome(c, holds), "");
    }

    /** Pass, or the criterion's tier when it holds. */
    static Outcome outcome(Criterion c, boolean holds) {
        return !holds ? Outcome.PASS : c.tier() == Tier.FAIL ? Outcome.FAIL : Outcome.WARN;
    }

    static Double threshold(Criterion c) {
        return c.threshold() instanceof AbsoluteThreshold a ? a.value() : ((RelativeThreshold) c.threshold()).percent();
    }

    static CriterionResult unjudged(Criterion c, Double threshold, String unit, String why) {
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
                    yield Measured.of(Double.NaN, missingColumn(m.metric()));
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

    /** Why a timing cannot be measured: the results lack its column. */
    static String missingColumn(ClientMetric metric) {
        return "the results carry no " + metric.yamlName() + " values (" + column(metric) + " column missing)";
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
