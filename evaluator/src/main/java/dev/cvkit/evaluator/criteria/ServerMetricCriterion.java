package dev.cvkit.evaluator.criteria;

import java.util.Objects;

/**
 * An ALT {@code serverMetrics} criterion (an Azure Monitor metric of an app component). JMeter results do
 * not carry these metrics, so cvkit cannot judge them locally: they are read so that a user's ALT file is
 * accepted as it is, and reported as "not evaluated" rather than silently dropped.
 *
 * @param text     a one-line description (metric, aggregation, condition, value, resource)
 * @param location where it was written
 * @param tier     fail or warn
 */
public record ServerMetricCriterion(String text, SourceLocation location, Tier tier) {
    public ServerMetricCriterion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(tier, "tier");
    }
}
