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
        BigDecimal exact = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(count))
                .divide(HUNDRED, 0, RoundingMode.CEILING);
        return Math.max(1, exact.longValueExact());
    }
}
