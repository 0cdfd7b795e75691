package dev.cvkit.evaluator.significance;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * One-sided test that a share is larger (or smaller) in the current run than in the reference run:
 * {@code kCurrent / nCurrent} against {@code kReference / nReference}, e.g. the share of failed rows, or of
 * rows above a pooled percentile.
 *
 * <p>Under the null hypothesis both runs draw from one population, so given the totals the current run's
 * count is hypergeometric: Fisher's exact test. When every expected cell of the 2x2 table holds at least
 * {@value #MIN_EXPECTED_FOR_NORMAL} rows, the pooled two-proportion z-test approximates it well and costs
 * nothing whatever the counts; below that the exact hypergeometric tail is summed.
 */
public final class TwoProportionTest {

    /** Expected count per cell from which the normal approximation is used. */
    static final double MIN_EXPECTED_FOR_NORMAL = 5;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private TwoProportionTest() {
    }

    /**
     * @return the one-sided p-value of a share at least as far from the reference's, in {@code direction},
     *         as the one observed; 1 when the pooled share is 0 or 1 (nothing can differ)
     * @throws IllegalArgumentException when a count is negative, exceeds its total, or a total is 0
     */
    public static double pValue(long kCurrent, long nCurrent, long kReference, long nReference, Direction direction) {
        if (nCurrent <= 0 || nReference <= 0 || kCurrent < 0 || kReference < 0 || kCurrent > nCurrent
                || kReference > nReference) {
            throw new IllegalArgumentException("need 0 <= k <= n and n > 0, got " + kCurrent + "/" + nCurrent + " and "
                    + kReference + "/" + nReference);
        }
        long n = nCurrent + nReference;
        long k = kCurrent + kReference;
        if (k == 0 || k == n) {
            return 1.0;
        }
        double pooled = (double) k / n;
        double smallestExpected = Math.min(nCurrent, nReference) * Math.min(pooled, 1 - pooled);
        if (smallestExpected < MIN_EXPECTED_FOR_NORMAL && n <= Integer.MAX_VALUE) {
            HypergeometricDistribution h = new HypergeometricDistribution(null, (int) n, (int) k, (int) nCurrent);
            return direction == Direction.INCREASE ? h.upperCumulativeProbability((int) kCurrent)
                    : h.cumulativeProbability((int) kCurrent);
        }
        double difference = (double) kCurrent / nCurrent - (double) kReference / nReference;
        double z = difference / Math.sqrt(pooled * (1 - pooled) * (1.0 / nCurrent + 1.0 / nReference));
        return direction == Direction.INCREASE ? STANDARD_NORMAL.cumulativeProbability(-z)
                : STANDARD_NORMAL.cumulativeProbability(z);
    }
}
