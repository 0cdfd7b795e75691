package dev.cvkit.evaluator.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The nearest rank in whole-number arithmetic agrees with exact decimal arithmetic everywhere. */
class NearestRankTest {

    /** ceil(percentile * count / 100), at least 1, with the percentile read as its decimal form. */
    private static long exact(double percentile, long count) {
        return Math.max(1, BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(count))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact());
    }

    @Test
    void agreesWithDecimalArithmeticForCommonAndAwkwardPercentilesAndCounts() {
        double[] percentiles = {0.07, 0.1, 0.1 + 0.2, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 99.999, 100, 100.0 / 3,
            1e-5, 12.345678901234567, 66.6, Math.nextUp(95.0), Math.nextDown(100.0), Double.MIN_VALUE};
        long[] counts = {0, 1, 2, 7, 99, 100, 101, 1000, 1001, 123_456_789, 1_000_000_000_000L, Long.MAX_VALUE / 100,
            Long.MAX_VALUE / 3, Long.MAX_VALUE};
        for (double p : percentiles) {
            for (long n : counts) {
                if (exact(p, n) <= Long.MAX_VALUE) {
                    assertThat(NearestRank.rank(p, n)).as("p%s of %d", p, n).isEqualTo(exact(p, n));
                }
            }
        }
        assertThat(NearestRank.rank(0.07, 10_000)).isEqualTo(7);
        assertThat(NearestRank.rank(7, 100)).isEqualTo(7);
        assertThat(NearestRank.rank(95, 20)).isEqualTo(19);
        assertThat(NearestRank.rank(95, 21)).isEqualTo(20);
    }

    @Test
    void agreesOnRandomPercentilesAndCountsAskedInTurn() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            double p = random.nextInt(4) == 0 ? random.nextInt(1, 101) : random.nextDouble(1e-6, 100);
            long n = random.nextBoolean() ? random.nextLong(0, 10_000) : random.nextLong(0, Long.MAX_VALUE / 101);
            assertThat(NearestRank.rank(p, n)).as("p%s of %d", p, n).isEqualTo(exact(p, n));
        }
    }

    @Test
    void refusesPercentilesOutsideTheRange() {
        for (double p : new double[] {0, -1, 100.5, Double.NaN}) {
            assertThatThrownBy(() -> NearestRank.rank(p, 10)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
