package dev.cvkit.evaluator.significance;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Compares two counts of rows over their time spans as Poisson rates: under the null hypothesis of one
 * rate, the current run's share of all rows is binomial with the current run's share of the time (the
 * exact conditional test). A load generator with a fixed number of threads produces counts less variable
 * than Poisson, so the test errs on the side of "not significant" about the count itself.
 */
public final class RateTest {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private RateTest() {
    }

    /**
     * One-sided p-value that the current rate moved in {@code direction}.
     *
     * @param currentSpan   the current run's exposure (seconds, or 1 to compare plain counts)
     * @param referenceSpan the reference run's exposure, in the same unit
     */
    public static double pValue(long currentCount, double currentSpan, long referenceCount, double referenceSpan,
            Direction direction) {
        if (currentCount < 0 || referenceCount < 0 || !(currentSpan > 0) || !(referenceSpan > 0)) {
            throw new IllegalArgumentException("need counts >= 0 and spans > 0");
        }
        long total = currentCount + referenceCount;
        if (total == 0) {
            return 1.0;
        }
        double share = currentSpan / (currentSpan + referenceSpan);
        if (total <= Integer.MAX_VALUE) {
            BinomialDistribution b = new BinomialDistribution(null, (int) total, share);
            return direction == Direction.INCREASE ? 1 - b.cumulativeProbability((int) currentCount - 1)
                    : b.cumulativeProbability((int) currentCount);
        }
        double z = (currentCount - total * share) / Math.sqrt(total * share * (1 - share));
        return direction == Direction.INCREASE ? STANDARD_NORMAL.cumulativeProbability(-z)
                : STANDARD_NORMAL.cumulativeProbability(z);
    }
}
