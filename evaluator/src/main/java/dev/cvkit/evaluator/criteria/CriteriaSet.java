package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a criteria file says, in file order.
 *
 * @param source          the criteria file as the user named it
 * @param criteria        the client-side criteria, judged against the results
 * @param serverCriteria  ALT server-metric criteria, reported as not evaluated locally
 * @param warmup          {@code warmup:}: the start of the run left out of every figure
 * @param recovery        {@code recovery:}: how recovery after a fault is measured
 */
public record CriteriaSet(String source, List<Criterion> criteria, List<ServerMetricCriterion> serverCriteria,
        Warmup warmup, RecoverySettings recovery) {
    public CriteriaSet {
        Objects.requireNonNull(source, "source");
        criteria = List.copyOf(criteria);
        serverCriteria = List.copyOf(serverCriteria);
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(recovery, "recovery");
    }

    /** Criteria without a warm-up, with the default recovery settings. */
    public CriteriaSet(String source, List<Criterion> criteria, List<ServerMetricCriterion> serverCriteria) {
        this(source, criteria, serverCriteria, Warmup.NONE, RecoverySettings.DEFAULTS);
    }

    /** Whether some criterion is judged over time: a sustained ({@code for 30s}) or recovery criterion. */
    public boolean needsTimeCells() {
        return criteria.stream().anyMatch(c -> c.sustained() || c.measure() instanceof RecoveryMeasure);
    }

    /** The labels criteria name (each judged on its own rows: kept over time however many labels a run has). */
    public Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        for (Criterion c : criteria) {
            if (c.scope().label() != null) {
                labels.add(c.scope().label());
            }
        }
        return labels;
    }

    /** Whether some criterion needs latency over time (a sustained or recovery criterion on it). */
    public boolean needsLatencyOverTime() {
        return needsOverTime(ClientMetric.LATENCY);
    }

    /** Whether some criterion needs connect time over time. */
    public boolean needsConnectOverTime() {
        return needsOverTime(ClientMetric.CONNECT_TIME_MS);
    }

    private boolean needsOverTime(ClientMetric metric) {
        for (Criterion c : criteria) {
            if (c.measure() instanceof RecoveryMeasure r && r.metric() == metric) {
                return true;
            }
            if (c.sustained() && c.measure() instanceof ClientMeasure m && m.metric() == metric) {
                return true;
            }
        }
        return false;
    }
}
