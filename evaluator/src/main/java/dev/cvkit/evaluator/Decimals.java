package dev.cvkit.evaluator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as every message and report writes them: at most two decimals, no trailing zeros. */
public final class Decimals {

    private Decimals() {
    }

    /**
     * {@code 3}, {@code 12.5}, {@code 0.07}: rounded half up to two decimals (from the shortest decimal that
     * reads back as {@code value}), without trailing zeros; {@code inf}, {@code -inf} and {@code NaN} as such.
     */
    public static String twoPlaces(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
