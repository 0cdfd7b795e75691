package dev.cvkit.jmeter.fault;

import dev.cvkit.jmeter.chaos.ServiceClock;

/**
 * What one marker says about its fault window, on this engine's clock ({@code contracts/fault-markers.md}):
 * where the fault began ({@code faultFrom}), where it ended ({@code faultTo}), and whether these are the
 * service's record or the element's own conservative instants.
 *
 * @param fromMillis epoch ms at or before which the fault began; null when the row does not say (an end row
 *     with a fallback end)
 * @param toMillis epoch ms by which the fault had ended; null when the row does not say (a start row)
 * @param source where the instants come from
 * @param clockOffset the service-minus-engine clock bounds used to convert the service's instants; null for a
 *     fallback
 */
public record WindowInstants(Long fromMillis, Long toMillis, Source source, ServiceClock.Offset clockOffset) {

    /**
     * False when the service's record says that no fault action ran: the only window with neither instant
     * (every other one says at least where the fault began or ended).
     */
    public boolean faultRan() {
        return fromMillis != null || toMillis != null;
    }

    /** Where the instants of a row come from. */
    public enum Source {
        /** Chaos Studio's record of its fault actions ({@code getExecutionDetails}), on the engine's clock. */
        SERVICE("service"),
        /** The element's own instants: when it began to start the fault, when it saw it ended. */
        FALLBACK("fallback");

        private final String key;

        Source(String key) {
            this.key = key;
        }

        /** The value of {@code window=} in a marker. */
        public String key() {
            return key;
        }
    }

    /** The service's record of the fault actions, converted to the engine's clock. */
    public static WindowInstants service(Long fromMillis, Long toMillis, ServiceClock.Offset clockOffset) {
        return new WindowInstants(fromMillis, toMillis, Source.SERVICE, clockOffset);
    }

    /** The service's record says no fault action of the execution ever started. */
    public static WindowInstants noFaultRan(ServiceClock.Offset clockOffset) {
        return new WindowInstants(null, null, Source.SERVICE, clockOffset);
    }

    /** A start row's own instant: when the element began to act, before it sent the start. */
    public static WindowInstants fallbackFrom(long fromMillis) {
        return new WindowInstants(fromMillis, null, Source.FALLBACK, null);
    }

    /** An end row's own instant: when the element saw the execution in a terminal status. */
    public static WindowInstants fallbackTo(long toMillis) {
        return new WindowInstants(null, toMillis, Source.FALLBACK, null);
    }
}
