package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.Decimals;
import dev.cvkit.evaluator.criteria.CriterionResult;
import java.math.BigDecimal;
import java.math.MathContext;
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
        String number = Decimals.twoPlaces(value);
        return switch (unit) {
            case "" -> number;
            case "ms" -> number + " ms";
            default -> number + unit;
        };
    }

    /** A change in percent with its sign: {@code +8.7%}, {@code -12%}, {@code +0%}, {@code +inf%}; "-" for null or NaN. */
    public static String signedPercent(Double percent) {
        if (percent == null || percent.isNaN()) {
            return "-";
        }
        return (percent >= 0 ? "+" : "") + Decimals.twoPlaces(percent) + "%";
    }

    /** A p-value with two significant digits ({@code 0.031}, {@code 0.52}), {@code <0.0001} below that; "-" for none. */
    public static String pValue(Double p) {
        if (p == null || p.isNaN()) {
            return "-";
        }
        if (p < 0.0001) {
            return "<0.0001";
        }
        return BigDecimal.valueOf(p).round(new MathContext(2, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }

    /** The threshold as written: {@code 300 ms} for an absolute criterion, {@code +10%} for a relative one. */
    public static String threshold(CriterionResult r) {
        return r.isRelative() ? signedPercent(r.threshold()) : value(r.threshold(), r.unit());
    }

    /**
     * What was measured against what, in one phrase for messages: {@code actual 350 ms, threshold 300 ms},
     * or for a relative criterion {@code current 250 ms, reference 230 ms, change +8.7% (p 0.031), threshold +10%}.
     */
    public static String figures(CriterionResult r) {
        if (!r.isRelative()) {
            return "actual " + value(r.actual(), r.unit()) + ", threshold " + threshold(r);
        }
        return "current " + value(r.actual(), r.unit()) + ", reference " + value(r.relative().referenceValue(), r.unit())
                + ", change " + signedPercent(r.relative().changePct()) + " (p " + pValue(r.relative().pValue())
                + "), threshold " + threshold(r);
    }

    /** The criterion as the reports show it: its text, after its phase in brackets when not the whole run. */
    public static String criterion(CriterionResult r) {
        return r.phase().equals(dev.cvkit.evaluator.criteria.Scope.WHOLE_RUN) ? r.text() : "[" + r.phase() + "] " + r.text();
    }
}
