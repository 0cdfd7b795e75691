package dev.cvkit.evaluator.timeline;

/** What has to be back within its before-fault level for a flow to count as recovered. */
public enum RecoverySignal {
    /** The rolling p95 of response times ({@code elapsed}). */
    RESPONSE_TIME_P95("p95 response time", "ms"),
    /** The rolling p95 of latencies. */
    LATENCY_P95("p95 latency", "ms"),
    /** The rolling p95 of connect times. */
    CONNECT_TIME_P95("p95 connect time", "ms"),
    /** The rolling error percentage. */
    ERROR_PCT("error %", "%");

    private final String description;
    private final String unit;

    RecoverySignal(String description, String unit) {
        this.description = description;
        this.unit = unit;
    }

    public String description() {
        return description;
    }

    public String unit() {
        return unit;
    }

    /** The values a p95 signal reads from a cell; null for the error signal or when not kept. */
    CellDistribution distribution(TimeCell cell) {
        return switch (this) {
            case RESPONSE_TIME_P95 -> cell;
            case LATENCY_P95 -> cell.latency();
            case CONNECT_TIME_P95 -> cell.connect();
            case ERROR_PCT -> null;
        };
    }
}
