package dev.cvkit.evaluator.criteria;

import java.util.Objects;

/**
 * An aggregate of a client-side metric over the rows in scope, as in Azure Load Testing:
 * {@code avg(response_time_ms)}, {@code p99(latency)}, {@code percentage(error)}, ...
 */
public record ClientMeasure(Aggregate aggregate, ClientMetric metric) implements Measure {

    public ClientMeasure {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(metric, "metric");
        if (!metric.accepts(aggregate)) {
            throw new IllegalArgumentException(aggregate + " cannot be applied to " + metric.yamlName());
        }
    }

    @Override
    public String text() {
        return aggregate.name() + "(" + metric.yamlName() + ")";
    }

    @Override
    public String unit() {
        return metric.unit();
    }
}
