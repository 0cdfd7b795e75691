package dev.cvkit.jmeter.fault;

/** A cvkit element is configured so that it cannot act; the message says which field and why. */
public class FaultConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FaultConfigurationException(String message) {
        super(message);
    }

    public FaultConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
