package dev.cvkit.evaluator.timeline;

import static dev.cvkit.evaluator.timeline.Cells.cell;
import static dev.cvkit.evaluator.timeline.Cells.steps;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SustainedLevelTest {

    private static final double NAN = Double.NaN;

    private static Steps seconds(int n) {
        return steps(0, 1000, new TimeCell[n]);
    }

    @Test
    void theLevelIsTheBestMinimumOverStretchesOfTheWindow() {
        double[] v = {1, 5, 6, 7, 2, 9, 9, 9, 9, 1};
        // 3 s stretches: [5,6,7] -> 5, [9,9,9] -> 9: the best is 9.
        assertThat(SustainedLevel.scan(seconds(10), v, true, 3000).level()).isEqualTo(9);
        // 4 s stretches: [5,6,7,2] -> 2, [9,9,9,9] -> 9, [2,9,9,9] -> 2.
        assertThat(SustainedLevel.scan(seconds(10), v, true, 4000).level()).isEqualTo(9);
        // 5 s: [9,9,9,9,1] -> 1, [2,9,9,9,9] -> 2.
        assertThat(SustainedLevel.scan(seconds(10), v, true, 5000).level()).isEqualTo(2);
        // Falling: the smallest maximum over 3 s stretches: [1,5,6] -> 6, [6,7,2] -> 7, [7,2,9] -> 9 ... so 6.
        assertThat(SustainedLevel.scan(seconds(10), v, false, 3000).level()).isEqualTo(6);
    }

    @Test
    void aSpikeShorterThanTheWindowIsNotSustained() {
        double[] v = new double[60];
        java.util.Arrays.fill(v, 100);
        for (int i = 20; i < 40; i++) {
            v[i] = 900; // 20 s at 900 ms
        }
        assertThat(SustainedLevel.scan(seconds(60), v, true, 30_000).level()).isEqualTo(100);
        assertThat(SustainedLevel.scan(seconds(60), v, true, 20_000).level()).isEqualTo(900);
        SustainedLevel.Stretch s = SustainedLevel.longest(seconds(60), v, x -> x > 500);
        assertThat(s.startMillis()).isEqualTo(20_000);
        assertThat(s.endMillis()).isEqualTo(40_000);
    }

    @Test
    void stepsWithoutRowsNeitherBreakNorEndAStretch() {
        double[] v = {NAN, 800, NAN, NAN, 900, NAN, 850, NAN, NAN, 100};
        // From the start of second 1 to the end of second 6: 6 s over 800.
        SustainedLevel.Stretch s = SustainedLevel.longest(seconds(10), v, x -> x > 500);
        assertThat(s.millis()).isEqualTo(6000);
        assertThat(SustainedLevel.scan(seconds(10), v, true, 6000).level()).isEqualTo(800);
        assertThat(SustainedLevel.scan(seconds(10), v, true, 7000).level()).isEqualTo(100);
        SustainedLevel.Result r = SustainedLevel.scan(seconds(10), v, true, 20_000);
        assertThat(r.level()).isNaN();
        assertThat(r.valuedSpanMillis()).isEqualTo(9000);
        assertThat(r.stepsWithValue()).isEqualTo(4);
    }

    @Test
    void cutStepsCountTheirRealLength() {
        // A phase that starts 0.4 s into a second: the first step is 0.6 s long.
        Steps steps = new Steps(new long[] {400, 1000, 2000}, new long[] {1000, 2000, 3000}, new TimeCell[3]);
        double[] v = {10, 10, 10};
        assertThat(SustainedLevel.scan(steps, v, true, 2600).level()).isEqualTo(10);
        assertThat(SustainedLevel.scan(steps, v, true, 2700).level()).isNaN();
    }

    @Test
    void noValuesNoLevel() {
        assertThat(SustainedLevel.scan(seconds(3), new double[] {NAN, NAN, NAN}, true, 1000).stepsWithValue()).isZero();
        assertThat(SustainedLevel.longest(seconds(3), new double[] {1, 2, 3}, x -> x > 5)).isNull();
        assertThat(cell(0, 5).rows()).isEqualTo(1);
    }
}
