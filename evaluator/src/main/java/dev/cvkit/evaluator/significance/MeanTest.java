package dev.cvkit.evaluator.significance;

import dev.cvkit.evaluator.reference.TimingHistogram;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's t-test of two means with unequal variances, one-sided. Response times are skewed, but with the
 * minimum sample count the means are close to normal (central limit theorem), and the test answers the
 * question an {@code avg(...)} criterion asks, which a rank test does not.
 */
public final class MeanTest {

    private MeanTest() {
    }

    /** One-sided p-value that the current run's mean moved in {@code direction}. */
    public static double pValue(TimingHistogram reference, TimingHistogram current, Direction direction) {
        double difference = current.meanMillis() - reference.meanMillis();
        double vr = reference.varianceMillis2() / reference.count();
        double vc = current.varianceMillis2() / current.count();
        double se2 = vr + vc;
        if (!(se2 > 0)) {
            // Every value equal within each run: any difference of the means is certain.
            boolean moved = direction == Direction.INCREASE ? difference > 0 : difference < 0;
            return moved ? 0.0 : 1.0;
        }
        double t = difference / Math.sqrt(se2);
        double df = se2 * se2 / (vr * vr / (reference.count() - 1) + vc * vc / (current.count() - 1));
        TDistribution distribution = new TDistribution(null, df, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        return direction == Direction.INCREASE ? distribution.cumulativeProbability(-t)
                : distribution.cumulativeProbability(t);
    }
}
