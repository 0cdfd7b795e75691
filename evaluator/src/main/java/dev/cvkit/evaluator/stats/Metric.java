package dev.cvkit.evaluator.stats;

/** The per-sample timings a JTL row carries, all in milliseconds. */
public enum Metric {
    /** JMeter's {@code elapsed}: request sent to last byte received. ALT's {@code response_time_ms}. */
    RESPONSE_TIME_MS,
    /** JMeter's {@code Latency}: request sent to first byte received. ALT's {@code latency}. */
    LATENCY_MS,
    /** JMeter's {@code Connect}: time to establish the connection (0 when reused). */
    CONNECT_TIME_MS
}
