package dev.cvkit.jmeter.config;

import dev.cvkit.jmeter.fault.FaultConfigurationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads the text of element fields (already expanded by JMeter: {@code ${__P(..)}} and friends are
 * evaluated before an element reads them) into values, failing with the field's name and what was expected.
 * Fields are text on purpose, so that every one of them can hold an expression.
 */
public final class Fields {

    private Fields() {
    }

    /** Trimmed text, or {@code fallback} when blank. */
    public static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /**
     * A duration given in seconds, decimals allowed ({@code 0.25} is 250 ms).
     *
     * @param field the field's display name, for the message
     * @param minimum the smallest value allowed
     * @throws FaultConfigurationException naming the field
     */
    public static Duration seconds(String value, String fallback, String field, Duration minimum) {
        String text = text(value, fallback);
        try {
            BigDecimal seconds = new BigDecimal(text);
            Duration duration = Duration.ofMillis(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact());
            if (duration.compareTo(minimum) < 0) {
                throw new FaultConfigurationException(field + ": " + text + " s is below the minimum of "
                        + minimum.toMillis() / 1000.0 + " s");
            }
            return duration;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new FaultConfigurationException(field + ": '" + text + "' is not a number of seconds");
        }
    }

    /**
     * A whole number within bounds.
     *
     * @throws FaultConfigurationException naming the field
     */
    public static int integer(String value, String fallback, String field, int minimum, int maximum) {
        String text = text(value, fallback);
        try {
            int number = Integer.parseInt(text);
            if (number < minimum || number > maximum) {
                throw new FaultConfigurationException(field + ": " + number + " is outside " + minimum + ".." + maximum);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new FaultConfigurationException(field + ": '" + text + "' is not a whole number");
        }
    }

    /**
     * A decimal number within bounds.
     *
     * @throws FaultConfigurationException naming the field
     */
    public static double decimal(String value, String fallback, String field, double minimum, double maximum) {
        String text = text(value, fallback);
        try {
            double number = Double.parseDouble(text);
            if (!(number >= minimum && number <= maximum)) {
                throw new FaultConfigurationException(field + ": " + text + " is outside " + minimum + ".." + maximum);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new FaultConfigurationException(field + ": '" + text + "' is not a number");
        }
    }

    /**
     * {@code true} or {@code false}, ignoring case.
     *
     * @throws FaultConfigurationException naming the field
     */
    public static boolean bool(String value, String fallback, String field) {
        String text = text(value, fallback).toLowerCase(Locale.ROOT);
        if ("true".equals(text)) {
            return true;
        }
        if ("false".equals(text)) {
            return false;
        }
        throw new FaultConfigurationException(field + ": '" + text + "' is neither true nor false");
    }
}
