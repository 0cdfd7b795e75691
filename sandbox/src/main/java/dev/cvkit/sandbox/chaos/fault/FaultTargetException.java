package dev.cvkit.sandbox.chaos.fault;

/**
 * A {@link FaultTarget} could not apply a fault. Its message is shown to Chaos Studio clients in the
 * execution details (the target's {@code error.message}), so it must say what was wrong in user terms.
 */
public class FaultTargetException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code    short error code for the execution details, e.g. {@code TargetNotFound}
     * @param message what went wrong, for the user
     */
    public FaultTargetException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code shown in the execution details. */
    public String code() {
        return code;
    }
}
