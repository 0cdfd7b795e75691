package dev.cvkit.evaluator.significance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cvkit.evaluator.reference.TimingHistogram;
import dev.cvkit.evaluator.stats.MillisDistribution;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** The tests against p-values computed independently (scipy.stats 1.17). */
class SignificanceTestsTest {

    private static TimingHistogram histogram(long[] values) {
        MillisDistribution d = new MillisDistribution();
        for (long v : values) {
            d.record(v);
        }
        return TimingHistogram.of(d);
    }

    private static long[] values(int n, LongUnaryOperator valueAt) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = valueAt.applyAsLong(i);
        }
        return v;
    }

    @Test
    void twoProportionsUseFishersExactTestForSmallCounts() {
        // scipy.stats.fisher_exact([[3, 1], [1, 3]], alternative='greater') = 0.242857
        assertThat(TwoProportionTest.pValue(3, 4, 1, 4, Direction.INCREASE)).isCloseTo(0.242857, within(1e-6));
        assertThat(TwoProportionTest.pValue(1, 4, 3, 4, Direction.DECREASE)).isCloseTo(0.242857, within(1e-6));
        // 2 errors of 1000 against 1 of 1000: hypergeom.sf(1, 2000, 3, 1000) = 0.5
        assertThat(TwoProportionTest.pValue(2, 1000, 1, 1000, Direction.INCREASE)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void twoProportionsUseTheNormalApproximationForLargeCounts() {
        // 60/1000 against 40/1000: pooled z = 2.0520, norm.sf = 0.0200869
        assertThat(TwoProportionTest.pValue(60, 1000, 40, 1000, Direction.INCREASE)).isCloseTo(0.0200869, within(1e-6));
        assertThat(TwoProportionTest.pValue(60, 1000, 40, 1000, Direction.DECREASE)).isCloseTo(1 - 0.0200869, within(1e-6));
        assertThat(TwoProportionTest.pValue(0, 1000, 0, 1000, Direction.INCREASE)).isEqualTo(1.0);
        assertThat(TwoProportionTest.pValue(1000, 1000, 1000, 1000, Direction.INCREASE)).isEqualTo(1.0);
        assertThatThrownBy(() -> TwoProportionTest.pValue(5, 4, 1, 4, Direction.INCREASE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateTestConditionsOnTheTotal() {
        // binom.cdf(90, 210, 0.5) = 0.0225570; binom.cdf(90, 210, 10/22) = 0.246553
        assertThat(RateTest.pValue(90, 10, 120, 10, Direction.DECREASE)).isCloseTo(0.0225570, within(1e-6));
        assertThat(RateTest.pValue(90, 10, 120, 12, Direction.DECREASE)).isCloseTo(0.246553, within(1e-6));
        assertThat(RateTest.pValue(120, 10, 90, 10, Direction.INCREASE)).isCloseTo(0.0225570, within(1e-6));
        assertThat(RateTest.pValue(0, 1, 0, 1, Direction.INCREASE)).isEqualTo(1.0);
    }

    @Test
    void welchTestOfMeans() {
        // a = [100, 110, ..., 190] * 5, b = a + 12:
        // scipy.stats.ttest_ind(b, a, equal_var=False, alternative='greater').pvalue = 0.0206402
        TimingHistogram a = histogram(values(50, i -> 100 + 10 * (i % 10)));
        TimingHistogram b = histogram(values(50, i -> 112 + 10 * (i % 10)));
        assertThat(MeanTest.pValue(a, b, Direction.INCREASE)).isCloseTo(0.0206402, within(1e-6));
        assertThat(MeanTest.pValue(b, a, Direction.DECREASE)).isCloseTo(0.0206402, within(1e-6));
        assertThat(MeanTest.pValue(a, b, Direction.DECREASE)).isCloseTo(1 - 0.0206402, within(1e-6));
        // No spread at all: any difference is certain, none is not.
        TimingHistogram flat = histogram(values(40, i -> 100));
        TimingHistogram flatter = histogram(values(40, i -> 101));
        assertThat(MeanTest.pValue(flat, flatter, Direction.INCREASE)).isZero();
        assertThat(MeanTest.pValue(flat, flat, Direction.INCREASE)).isEqualTo(1.0);
    }

    @Test
    void quantileTestLooksAtThePercentileNotTheMedian() {
        // The slowest 10% three times as slow, the rest unchanged: p95 moved, the median did not.
        TimingHistogram reference = histogram(values(2000, i -> 100 + i % 100));
        TimingHistogram slowTail = histogram(values(2000, i -> i % 100 >= 90 ? 400 + i % 100 : 100 + i % 100));
        assertThat(QuantileTest.pValue(reference, slowTail, 95, Direction.INCREASE)).isLessThan(1e-6);
        assertThat(QuantileTest.pValue(reference, slowTail, 50, Direction.INCREASE)).isGreaterThan(0.4);
        // A faster body does not hide a slower tail (a rank test of the whole distribution would see a
        // faster run), and a faster body alone does not raise p95.
        TimingHistogram fastBodySlowTail = histogram(values(2000, i -> i % 100 >= 90 ? 400 + i % 100 : 50 + i % 100));
        assertThat(QuantileTest.pValue(reference, fastBodySlowTail, 95, Direction.INCREASE)).isLessThan(1e-6);
        assertThat(QuantileTest.pValue(reference, fastBodySlowTail, 50, Direction.DECREASE)).isLessThan(1e-6);
        TimingHistogram fastBody = histogram(values(2000, i -> i % 100 >= 90 ? 100 + i % 100 : 50 + i % 100));
        assertThat(QuantileTest.pValue(reference, fastBody, 95, Direction.INCREASE)).isGreaterThan(0.4);
        // Identical runs: nothing to see.
        assertThat(QuantileTest.pValue(reference, reference, 95, Direction.INCREASE)).isGreaterThan(0.4);
    }

    @Test
    void minimumSamplesLeaveTenValuesBeyondThePercentile() {
        assertThat(QuantileTest.minimumSamples(95)).isEqualTo(200);
        assertThat(QuantileTest.minimumSamples(99)).isEqualTo(1000);
        assertThat(QuantileTest.minimumSamples(99.9)).isEqualTo(10_000);
        assertThat(QuantileTest.minimumSamples(50)).isEqualTo(Significance.MIN_SAMPLES);
        assertThat(QuantileTest.minimumSamples(1)).isEqualTo(1000);
        assertThatThrownBy(() -> QuantileTest.minimumSamples(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
