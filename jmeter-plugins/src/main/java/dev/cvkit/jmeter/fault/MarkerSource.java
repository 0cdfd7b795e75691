package dev.cvkit.jmeter.fault;

import java.util.Locale;

/** Which element recorded a marker; written as {@code by=<key>}. */
public enum MarkerSource {
    /** The Start Fault or Stop Fault sampler. */
    SAMPLER,
    /** The Fault Schedule. */
    SCHEDULE,
    /** The fault guard: end of test, JVM shutdown, or the blast-radius stop. */
    GUARD;

    /** The stable key written into results. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
