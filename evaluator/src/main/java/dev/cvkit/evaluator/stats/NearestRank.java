package dev.cvkit.evaluator.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The rank of a nearest-rank percentile, computed without floating-point rounding. */
public final class NearestRank {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private NearestRank() {
    }

    /**
     * The 1-based rank {@code ceil(percentile * count / 100)} (at least 1) of the value that is the
     * nearest-rank percentile of {@code count} sorted values. Exact: {@code 0.07 * 100} must give 7, not 8.
     *
     * @throws IllegalArgumentException when {@code percentile} is outside {@code (0, 100]}
     */
    public static long rank(double percentile, long count) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        Decimal d = last;
        if (d.percentile != percentile) {
            d = Decimal.of(percentile);
            last = d;
        }
        // ceil(unscaled * count / (100 * 10^scale)) in whole numbers while the product fits in a long; the same
        // exact quotient as the BigDecimal arithmetic below, which takes over beyond.
        if (d.denominator > 0 && count >= 0 && count <= Long.MAX_VALUE / Math.max(1, d.unscaled)) {
            long product = d.unscaled * count;
            return Math.max(1, product / d.denominator + (product % d.denominator == 0 ? 0 : 1));
        }
        BigDecimal exact = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(count))
                .divide(HUNDRED, 0, RoundingMode.CEILING);
        return Math.max(1, exact.longValueExact());
    }

    /** The last percentile asked for, as a decimal fraction: rank is asked once per time step with the same one. */
    private static volatile Decimal last = new Decimal(Double.NaN, 0, 0);

    /**
     * A percentile as {@code unscaled / 10^scale}, the decimal {@link BigDecimal#valueOf(double)} reads it as
     * (its shortest decimal form: 0.07 is 7/100), with {@code denominator = 100 * 10^scale}; 0 when it does not
     * fit in long arithmetic.
     */
    private record Decimal(double percentile, long unscaled, long denominator) {
        static Decimal of(double percentile) {
            BigDecimal decimal = BigDecimal.valueOf(percentile);
            if (decimal.scale() < 0 || decimal.scale() > 15 || decimal.unscaledValue().bitLength() > 62) {
                return new Decimal(percentile, 0, 0);
            }
            return new Decimal(percentile, decimal.unscaledValue().longValueExact(),
                    100 * BigDecimal.TEN.pow(decimal.scale()).longValueExact());
        }
    }
}
