package dev.cvkit.sandbox.jmeter;

/** A plan cannot be run: missing or unreadable file, not a JMeter plan, a class of it not on the classpath. */
public final class JMeterPlanException extends Exception {

    private static final long serialVersionUID = 1L;

    public JMeterPlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
