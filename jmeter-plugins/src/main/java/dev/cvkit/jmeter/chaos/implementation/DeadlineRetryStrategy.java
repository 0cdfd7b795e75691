package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import com.azure.core.util.logging.ClientLogger;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * azure-core's exponential back-off, with two rules of its own:
 * <ul>
 *   <li>which failures are retried: HTTP 408, 429 and 5xx (not 501/505), and exceptions caused by I/O or a
 *       timeout; never an interruption (JMeter's Stop), a used-up deadline, or a credential failure;</li>
 *   <li>a retry happens only when the delay before it (the response's {@code Retry-After}, or the back-off)
 *       still fits the call's {@link CallDeadline}: a service asking for 30 s when 8 s remain gets its answer
 *       returned at once, not a thread that sleeps past its timeout.</li>
 * </ul>
 * The retry policy itself (azure-core's {@code RetryPolicy}) does the waiting and the retrying.
 */
public final class DeadlineRetryStrategy implements RetryStrategy {

    private static final ClientLogger LOGGER = new ClientLogger(DeadlineRetryStrategy.class);

    private final ExponentialBackoff backoff;

    public DeadlineRetryStrategy(int maxRetries, Duration baseDelay, Duration maxDelay) {
        this.backoff = new ExponentialBackoff(maxRetries, baseDelay, maxDelay);
    }

    @Override
    public int getMaxRetries() {
        return backoff.getMaxRetries();
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return backoff.calculateRetryDelay(retryAttempts);
    }

    @Override
    public boolean shouldRetry(HttpResponse response) {
        int code = response.getStatusCode();
        return code == 408 || code == 429 || (code >= 500 && code != 501 && code != 505);
    }

    @Override
    public boolean shouldRetryException(Throwable throwable) {
        boolean retryable = false;
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof CallDeadlineExceededException
                    || cause instanceof ClientAuthenticationException) {
                return false;
            }
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                retryable = true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return retryable && !Thread.currentThread().isInterrupted();
    }

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        boolean retryable = response != null ? shouldRetry(response) : shouldRetryException(condition.getThrowable());
        if (!retryable) {
            return false;
        }
        Duration delay = response != null
                ? RetryAfter.of(response.getHeaders()).orElseGet(() -> calculateRetryDelay(condition.getTryCount()))
                : calculateRetryDelay(condition.getTryCount());
        CallDeadline deadline = CallDeadline.current().orElse(null);
        if (deadline != null && delay.compareTo(deadline.remaining()) >= 0) {
            LOGGER.atInfo()
                    .addKeyValue("delayMillis", delay.toMillis())
                    .addKeyValue("remainingMillis", Math.max(0, deadline.remaining().toMillis()))
                    .log("Not retrying: the delay before the next try does not fit the call's remaining time.");
            return false;
        }
        return true;
    }
}
