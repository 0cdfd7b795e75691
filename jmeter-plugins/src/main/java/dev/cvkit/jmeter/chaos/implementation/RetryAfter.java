package dev.cvkit.jmeter.chaos.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the delay a response asks for before the next try, from the headers azure-core's retry policy
 * honours: {@code retry-after-ms}, {@code x-ms-retry-after-ms} (milliseconds) and {@code Retry-After}
 * (seconds or an HTTP date). Used to decide up front whether a retry still fits the call's deadline.
 */
public final class RetryAfter {

    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

    private RetryAfter() {
    }

    /** The delay asked for, or empty when no header (or no readable one) is present. */
    public static Optional<Duration> of(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        Optional<Duration> millis = millis(headers.getValue(RETRY_AFTER_MS));
        if (millis.isPresent()) {
            return millis;
        }
        millis = millis(headers.getValue(X_MS_RETRY_AFTER_MS));
        if (millis.isPresent()) {
            return millis;
        }
        return secondsOrDate(headers.getValue(HttpHeaderName.RETRY_AFTER));
    }

    private static Optional<Duration> millis(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> secondsOrDate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                OffsetDateTime at = OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(OffsetDateTime.now(), at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
