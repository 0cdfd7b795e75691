package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.stats.Metric;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client-side metrics a criterion can name, with the aggregates each accepts. The names are Azure
 * Load Testing's ({@code response_time_ms}, {@code latency}, {@code requests_per_sec}, {@code requests},
 * {@code error}); {@code connect_time_ms} is cvkit's addition.
 */
public enum ClientMetric {
    /** JMeter's {@code elapsed}. {@code responseTimeMs} is accepted because ALT's YAML reference shows it. */
    RESPONSE_TIME_MS("response_time_ms", List.of("responsetimems"), Metric.RESPONSE_TIME_MS),
    /** JMeter's {@code Latency}. {@code latency_ms} is accepted because ALT's 2022 documentation used it. */
    LATENCY("latency", List.of("latency_ms"), Metric.LATENCY_MS),
    /** JMeter's {@code Connect}. */
    CONNECT_TIME_MS("connect_time_ms", List.of(), Metric.CONNECT_TIME_MS),
    /** Throughput over the whole span of the rows judged; only {@code avg} applies. */
    REQUESTS_PER_SEC("requests_per_sec", List.of(), null),
    /** Number of rows judged; only {@code count} applies. */
    REQUESTS("requests", List.of(), null),
    /** Failed rows in percent (0-100); only {@code percentage} applies. */
    ERROR("error", List.of(), null);

    private final String yamlName;
    private final List<String> aliases;
    private final Metric timing;

    ClientMetric(String yamlName, List<String> aliases, Metric timing) {
        this.yamlName = yamlName;
        this.aliases = aliases;
        this.timing = timing;
    }

    /** The name as written in a criteria file, e.g. {@code response_time_ms}. */
    public String yamlName() {
        return yamlName;
    }

    /** The per-sample timing this metric aggregates, or empty for throughput, count and errors. */
    public Optional<Metric> timing() {
        return Optional.ofNullable(timing);
    }

    /** Unit of the metric's values as printed after a number ({@code ms}, {@code /s}, {@code %}, or empty). */
    public String unit() {
        return switch (this) {
            case RESPONSE_TIME_MS, LATENCY, CONNECT_TIME_MS -> "ms";
            case REQUESTS_PER_SEC -> "/s";
            case REQUESTS -> "";
            case ERROR -> "%";
        };
    }

    /** Whether {@code aggregate} may be applied to this metric. */
    public boolean accepts(Aggregate aggregate) {
        return switch (this) {
            case RESPONSE_TIME_MS, LATENCY, CONNECT_TIME_MS -> switch (aggregate.kind()) {
                case AVG, MIN, MAX, PERCENTILE -> true;
                default -> false;
            };
            case REQUESTS_PER_SEC -> aggregate.kind() == Aggregate.Kind.AVG;
            case REQUESTS -> aggregate.kind() == Aggregate.Kind.COUNT;
            case ERROR -> aggregate.kind() == Aggregate.Kind.PERCENTAGE;
        };
    }

    /** The aggregates this metric accepts, for error messages. */
    public String acceptedAggregates() {
        return switch (this) {
            case RESPONSE_TIME_MS, LATENCY, CONNECT_TIME_MS -> "avg, min, max, pNN or pNN.N (p50, p90, p95, p99, p999 ...)";
            case REQUESTS_PER_SEC -> "avg";
            case REQUESTS -> "count";
            case ERROR -> "percentage";
        };
    }

    /** Looks a metric up by its name or alias, ignoring letter case. */
    public static Optional<ClientMetric> byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ClientMetric m : values()) {
            if (m.yamlName.equals(wanted) || m.aliases.contains(wanted)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Every accepted name, for error messages. */
    public static String acceptedNames() {
        StringBuilder sb = new StringBuilder();
        for (ClientMetric m : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(m.yamlName);
        }
        return sb.toString();
    }
}
