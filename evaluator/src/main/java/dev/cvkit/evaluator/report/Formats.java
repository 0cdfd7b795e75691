package dev.cvkit.evaluator.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers read in every report: at most two decimals, no trailing zeros, the unit after. */
public final class Formats {

    private Formats() {
    }

    /** {@code 350 ms}, {@code 5.45%}, {@code 12.5/s}, {@code 110}; "-" for null or NaN. */
    public static String value(Double value, String unit) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        String number = number(value);
        return switch (unit) {
            case "" -> number;
            case "ms" -> number + " ms";
            default -> number + unit;
        };
    }

    /** A number with at most two decimals and no trailing zeros. */
    public static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
