package dev.cvkit.jmeter.chaos;

/**
 * A Chaos Studio call that did not succeed: the service answered with an error status, gave no answer in
 * time, could not be reached, or no token could be had. The message says which call, what happened and,
 * where the service said so, its error code and message. It never contains a token or other credential.
 */
public class ChaosStudioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@link #errorCode()} when the call got no answer within its time budget. */
    public static final String TIMEOUT = "Timeout";
    /** {@link #errorCode()} when the service could not be reached (DNS, TCP, TLS). */
    public static final String UNREACHABLE = "Unreachable";
    /** {@link #errorCode()} when no access token could be obtained from the credential. */
    public static final String NO_TOKEN = "NoToken";
    /** {@link #errorCode()} when the calling thread was interrupted (JMeter's Stop). */
    public static final String INTERRUPTED = "Interrupted";
    /** {@link #errorCode()} when the answer could not be read. */
    public static final String BAD_RESPONSE = "BadResponse";

    private final int statusCode;
    private final String errorCode;

    public ChaosStudioException(String message, int statusCode, String errorCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the failing answer, or 0 when there was no answer. */
    public int statusCode() {
        return statusCode;
    }

    /** ARM's error code (e.g. {@code AuthorizationFailed}) or one of this class's constants; may be null. */
    public String errorCode() {
        return errorCode;
    }

    /** True when the call ran out of time. */
    public boolean isTimeout() {
        return TIMEOUT.equals(errorCode);
    }

    /** True when the calling thread was interrupted. */
    public boolean isInterrupted() {
        return INTERRUPTED.equals(errorCode);
    }
}
