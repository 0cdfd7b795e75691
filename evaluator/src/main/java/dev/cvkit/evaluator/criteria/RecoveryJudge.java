package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.timeline.RecoverySettings;

/**
 * Judges {@code recovery_time_s(<metric>) <op> <seconds>} for one flow (a label) or overall, with the
 * file's {@code recovery:} settings (see {@link Recovery}). After several faults the slowest recovery counts.
 * A flow that never recovered (or whose recovery is not proven before the results end) makes the criterion
 * hold whatever its operator, and the note says so; one that cannot be measured (no fault window, a fault
 * without end, no rows before the fault) fails like any criterion that cannot be judged.
 */
final class RecoveryJudge {

    private RecoveryJudge() {
    }

    static CriterionResult judge(Criterion c, RunAnalysis run, RecoverySettings settings) {
        RecoveryMeasure m = (RecoveryMeasure) c.measure();
        String label = c.scope().label();
        double threshold = ((AbsoluteThreshold) c.threshold()).value();
        if (label != null && !run.labels().containsKey(label)) {
            return CriteriaEvaluator.unjudged(c, threshold, "s", CriteriaEvaluator.notInResults(label, run));
        }
        Recovery.FlowRecovery flow = Recovery.measure(run, label, m.signal(), settings);
        boolean measurable = flow.problem() == null && flow.windows().stream().allMatch(w -> w.problem() == null);
        if (!measurable) {
            return CriteriaEvaluator.unjudged(c, threshold, "s", flow.note());
        }
        if (!flow.recovered()) {
            return new CriterionResult(c.text(), c.location(), c.tier(), c.scope().phase(), label, null, threshold, "s",
                    CriteriaEvaluator.outcome(c, true), "never recovered: " + flow.note());
        }
        double seconds = flow.worstSeconds();
        boolean holds = c.comparison().holds(seconds, threshold);
        return new CriterionResult(c.text(), c.location(), c.tier(), c.scope().phase(), label, seconds, threshold, "s",
                CriteriaEvaluator.outcome(c, holds), flow.note());
    }
}
