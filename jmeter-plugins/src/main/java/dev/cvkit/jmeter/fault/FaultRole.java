package dev.cvkit.jmeter.fault;

import java.util.Locale;

/**
 * How this engine took part in a fault state change; written as {@code role=<key>} in a marker row.
 */
public enum FaultRole {
    /** This engine's call started (or cancelled) the execution. */
    STARTED,
    /** Another engine had already started (or cancelled) it during this test; this engine joined. */
    JOINED,
    /** This engine only saw the status change, e.g. the fault ended by its own duration. */
    OBSERVED;

    /** The stable key written into results. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
