package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.timeline.RecoverySignal;
import java.util.Objects;

/**
 * {@code recovery_time_s(<metric>)}: seconds from the end of a fault until the flow's rolling p95 of the
 * metric (or its rolling error % for {@code error}) is back within its before-fault level and stays there
 * for the hold time (see {@code timeline.RecoveryScan} and the {@code recovery:} settings). Judged after
 * every fault window; the slowest recovery counts, and a flow that never recovers fails.
 *
 * @param metric {@link ClientMetric#RESPONSE_TIME_MS}, {@link ClientMetric#LATENCY},
 *               {@link ClientMetric#CONNECT_TIME_MS} or {@link ClientMetric#ERROR}
 */
public record RecoveryMeasure(ClientMetric metric) implements Measure {

    /** The aggregate's name as written. */
    public static final String NAME = "recovery_time_s";

    public RecoveryMeasure {
        Objects.requireNonNull(metric, "metric");
        signal(metric);
    }

    /** What must be back for {@code metric}. */
    public static RecoverySignal signal(ClientMetric metric) {
        return switch (metric) {
            case RESPONSE_TIME_MS -> RecoverySignal.RESPONSE_TIME_P95;
            case LATENCY -> RecoverySignal.LATENCY_P95;
            case CONNECT_TIME_MS -> RecoverySignal.CONNECT_TIME_P95;
            case ERROR -> RecoverySignal.ERROR_PCT;
            default -> throw new IllegalArgumentException(NAME + " takes response_time_ms, latency, connect_time_ms"
                    + " or error, not " + metric.yamlName());
        };
    }

    public RecoverySignal signal() {
        return signal(metric);
    }

    @Override
    public String text() {
        return NAME + "(" + metric.yamlName() + ")";
    }

    @Override
    public String unit() {
        return "s";
    }
}
