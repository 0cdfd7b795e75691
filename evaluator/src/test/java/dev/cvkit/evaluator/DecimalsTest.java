package dev.cvkit.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalsTest {

    @ParameterizedTest
    @CsvSource({"3.0, 3", "12.5, 12.5", "0.07, 0.07", "2.999, 3", "1.005, 1.01", "-4.125, -4.13", "1234567.891, 1234567.89",
            "0.001, 0", "Infinity, inf", "-Infinity, -inf", "NaN, NaN"})
    void atMostTwoDecimalsWithoutTrailingZeros(double value, String written) {
        assertThat(Decimals.twoPlaces(value)).isEqualTo(written);
    }
}
