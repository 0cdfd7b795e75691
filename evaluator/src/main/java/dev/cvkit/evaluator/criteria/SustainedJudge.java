package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.phases.DurationText;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import dev.cvkit.evaluator.timeline.CellDistribution;
import dev.cvkit.evaluator.timeline.Steps;
import dev.cvkit.evaluator.timeline.SustainedLevel;
import dev.cvkit.evaluator.timeline.TimeCell;
import dev.cvkit.evaluator.timeline.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges {@code <criterion> for <window>}: the criterion's aggregate is computed over the rows of each step
 * of the phase (one step per time cell: 1 s, or the wider cells of a long run), and the criterion holds when
 * the condition held in every step with rows of some stretch at least the window long. The reported
 * {@code actual} is the sustained level ({@link SustainedLevel}): the criterion holds exactly when that level
 * is beyond the threshold. A phase whose rows span less than the window cannot hold the condition that long:
 * the criterion passes and says so.
 *
 * <p>Per step: percentiles and averages of the step's rows (percentiles within 1.6%, see
 * {@link CellDistribution}); {@code percentage(error)} of its rows; {@code avg(requests_per_sec)} its rows per
 * second of the step; {@code count(requests)} its rows. A step without rows has no value (for throughput and
 * counts it is 0): it neither breaks nor ends a stretch.
 */
final class SustainedJudge {

    private SustainedJudge() {
    }

    static CriterionResult judge(Criterion c, RunAnalysis run, RunStats scope) {
        ClientMeasure m = (ClientMeasure) c.measure();
        String label = c.scope().label();
        double threshold = ((AbsoluteThreshold) c.threshold()).value();
        String unit = m.unit();
        SampleSummary rows = label == null ? scope.overall() : scope.labels().get(label);
        if (rows == null) {
            return CriteriaEvaluator.unjudged(c, threshold, unit,
                    CriteriaEvaluator.notInScope(label, c.scope().phase(), scope, run));
        }
        if (m.metric().timing().isPresent() && rows.distribution(m.metric().timing().get()).count() == 0) {
            return CriteriaEvaluator.unjudged(c, threshold, unit, CriteriaEvaluator.missingColumn(m.metric()));
        }
        Timeline timeline = run.timeline();
        if (timeline == null || m.metric() == ClientMetric.LATENCY && !timeline.latencyKept()
                || m.metric() == ClientMetric.CONNECT_TIME_MS && !timeline.connectKept()) {
            return CriteriaEvaluator.unjudged(c, threshold, unit, "the results were not read over time (no time cells)");
        }
        boolean rising = c.comparison() == Comparison.GREATER || c.comparison() == Comparison.GREATER_OR_EQUAL;
        double level = Double.NaN;
        SustainedLevel.Stretch longest = null;
        long span = 0;
        int valued = 0;
        for (int[] range : ranges(c.scope().phase(), timeline.segments())) {
            Steps steps = timeline.steps(label, range[0], range[1], Long.MIN_VALUE, Long.MAX_VALUE);
            double[] values = new double[steps.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(m, steps.cell(i), steps.end(i) - steps.start(i));
            }
            SustainedLevel.Result r = SustainedLevel.scan(steps, values, rising, c.windowMillis());
            if (!Double.isNaN(r.level())) {
                level = Double.isNaN(level) ? r.level() : rising ? Math.max(level, r.level()) : Math.min(level, r.level());
            }
            SustainedLevel.Stretch s = SustainedLevel.longest(steps, values, v -> c.comparison().holds(v, threshold));
            if (s != null && (longest == null || s.millis() > longest.millis())) {
                longest = s;
            }
            span = Math.max(span, r.valuedSpanMillis());
            valued += r.stepsWithValue();
        }
        String window = DurationText.format(c.windowMillis());
        String steps = timeline.widthMillis() == 1000 ? "" : " (steps of " + DurationText.format(timeline.widthMillis())
                + ": the run is long)";
        SustainedFigures figures = new SustainedFigures(c.windowMillis(), timeline.widthMillis(),
                longest == null ? 0 : longest.millis(), longest == null ? 0 : longest.startMillis(),
                longest == null ? 0 : longest.endMillis());
        if (valued == 0) {
            return new CriterionResult(c.text(), c.location(), c.tier(), c.scope().phase(), label, null, threshold, unit,
                    Outcome.FAIL, "no rows to measure over time" + where(c), null, figures);
        }
        if (Double.isNaN(level)) {
            return new CriterionResult(c.text(), c.location(), c.tier(), c.scope().phase(), label, null, threshold, unit,
                    Outcome.PASS, "the rows" + where(c) + " span " + DurationText.format(span) + ", less than the "
                            + window + " window: the condition cannot hold that long" + steps, null, figures);
        }
        boolean holds = c.comparison().holds(level, threshold);
        String note;
        if (holds) {
            note = "held for " + DurationText.format(longest.millis()) + " from " + Instant.ofEpochMilli(longest.startMillis())
                    + " (window " + window + ")";
        } else if (longest == null) {
            note = "never beyond the threshold";
        } else {
            note = "longest stretch beyond the threshold: " + DurationText.format(longest.millis()) + " from "
                    + Instant.ofEpochMilli(longest.startMillis()) + ", shorter than the " + window + " window";
        }
        return new CriterionResult(c.text(), c.location(), c.tier(), c.scope().phase(), label, level, threshold, unit,
                CriteriaEvaluator.outcome(c, holds), note + steps, null, figures);
    }

    private static String where(Criterion c) {
        return c.scope().phase().equals(Scope.WHOLE_RUN) ? "" : " in phase '" + c.scope().phase() + "'";
    }

    /**
     * The stretches of segments a phase covers, as {@code [first, last]} segment indexes: the whole run after
     * the warm-up is one; a fault phase has one per segment (several fault windows make several).
     */
    static List<int[]> ranges(String phase, List<Segment> segments) {
        List<int[]> ranges = new ArrayList<>();
        if (phase.equals(Scope.WHOLE_RUN)) {
            int first = -1;
            for (Segment s : segments) {
                if (s.kind() != Segment.Kind.WARMUP && first < 0) {
                    first = s.index();
                }
            }
            if (first >= 0) {
                ranges.add(new int[] {first, segments.size() - 1});
            }
            return ranges;
        }
        Phase p = Phase.byName(phase).orElseThrow();
        for (Segment s : segments) {
            if (s.kind().phase() == p) {
                ranges.add(new int[] {s.index(), s.index()});
            }
        }
        return ranges;
    }

    /** The criterion's aggregate over one step's rows; NaN when it has none (0 for throughput and counts). */
    static double value(ClientMeasure m, TimeCell cell, long stepMillis) {
        switch (m.metric()) {
            case REQUESTS:
                return cell == null ? 0 : cell.rows();
            case REQUESTS_PER_SEC:
                return (cell == null ? 0 : cell.rows()) * 1000.0 / Math.max(1, stepMillis);
            case ERROR:
                return cell == null ? Double.NaN : cell.errorPct();
            default:
                break;
        }
        CellDistribution d = cell == null ? null : switch (m.metric()) {
            case LATENCY -> cell.latency();
            case CONNECT_TIME_MS -> cell.connect();
            default -> cell;
        };
        if (d == null || d.count() == 0) {
            return Double.NaN;
        }
        return switch (m.aggregate().kind()) {
            case AVG -> d.meanMillis();
            case MIN -> d.minMillis();
            case MAX -> d.maxMillis();
            case PERCENTILE -> d.percentileMillis(m.aggregate().percentile());
            default -> Double.NaN;
        };
    }
}
