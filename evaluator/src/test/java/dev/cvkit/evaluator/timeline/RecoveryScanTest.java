package dev.cvkit.evaluator.timeline;

import static dev.cvkit.evaluator.timeline.Cells.cell;
import static dev.cvkit.evaluator.timeline.Cells.steps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryScanTest {

    private static final long END = 100_000;
    private static final RecoverySettings SETTINGS = new RecoverySettings(10_000, 30_000, 20, 1);

    /** One cell per second after the fault's end; second {@code s} has ten rows at {@code ms.apply(s)}. */
    private static Steps after(int seconds, java.util.function.IntUnaryOperator ms, java.util.function.IntPredicate failing) {
        List<TimeCell> cells = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            long v = ms.applyAsInt(s);
            cells.add(cell(failing.test(s) ? 5 : 0, v, v, v, v, v, v, v, v, v, v));
        }
        return steps(END, 1000, cells.toArray(TimeCell[]::new));
    }

    @Test
    void aFlowThatIsSlowFor20sRecoversOnceItsRollingWindowIsClean() {
        Steps s = after(120, sec -> sec < 20 ? 900 : 100, sec -> false);
        RecoveryFigure f = RecoveryScan.scan(s, END, 100, RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        // The first 10 s window without a slow second is [20 s, 30 s): recovered 20 s after the fault.
        assertThat(f.recovered()).isTrue();
        assertThat(f.seconds()).isEqualTo(20.0);
        assertThat(f.limit()).isEqualTo(120.0);
        assertThat(f.relapseSeconds()).isNull();
    }

    @Test
    void stepsWiderThanTheWindowAreEachTheirOwnWindow() {
        // A long run's cells of 16 s, a 10 s window: each step's rolling window is the step itself (a step is not
        // cut), never none. Slow for the first three steps, fine after: recovered with the fourth, 48 s after.
        List<TimeCell> cells = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            long v = k < 3 ? 900 : 100;
            cells.add(cell(0, v, v, v, v, v));
        }
        Steps s = steps(END, 16_000, cells.toArray(TimeCell[]::new));
        RecoveryFigure f = RecoveryScan.scan(s, END, 100, RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        assertThat(f.recovered()).isTrue();
        assertThat(f.seconds()).isEqualTo(48.0);
        RecoveryFigure errors = RecoveryScan.scan(s, END, 0, RecoverySignal.ERROR_PCT, SETTINGS);
        assertThat(errors.seconds()).isEqualTo(0.0);
    }

    @Test
    void aHealthyFlowRecoversAtOnce() {
        RecoveryFigure f = RecoveryScan.scan(after(60, sec -> 100, sec -> false), END, 100,
                RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        assertThat(f.seconds()).isEqualTo(0.0);
    }

    @Test
    void aFlowThatStaysSlowNeverRecoversAndSaysSo() {
        RecoveryFigure f = RecoveryScan.scan(after(120, sec -> 400, sec -> false), END, 100,
                RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        assertThat(f.recovered()).isFalse();
        assertThat(f.cutShort()).isFalse();
        assertThat(f.note()).contains("never back within 120 ms (100 ms before the fault + 20%) for 30s in the 120 s after"
                + " the fault").contains("last rolling p95 response time 400 ms");
    }

    @Test
    void aRelapseWithinTheHoldDoesNotCount() {
        // Fine from 10 s to 35 s, slow again from 35 s to 45 s, fine after that.
        Steps s = after(150, sec -> sec < 10 || sec >= 35 && sec < 45 ? 900 : 100, sec -> false);
        RecoveryFigure f = RecoveryScan.scan(s, END, 100, RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        // The first clean window, [10 s, 20 s), is followed by slow windows within 30 s: the flow recovered
        // with the window [45 s, 55 s).
        assertThat(f.seconds()).isEqualTo(45.0);
        assertThat(f.relapseSeconds()).isNull();
    }

    @Test
    void aRelapseAfterTheHoldIsReportedButTheRecoveryStands() {
        Steps s = after(150, sec -> sec < 10 || sec >= 80 && sec < 90 ? 900 : 100, sec -> false);
        RecoveryFigure f = RecoveryScan.scan(s, END, 100, RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        assertThat(f.seconds()).isEqualTo(10.0);
        assertThat(f.relapseSeconds()).isEqualTo(81.0);
        assertThat(f.note()).isEqualTo("left the limit again 81 s after the fault ended");
    }

    @Test
    void errorsRecoverWithinTheirTolerancePoints() {
        // Half the rows fail for 15 s, then none.
        Steps s = after(100, sec -> 100, sec -> sec < 15);
        RecoveryFigure f = RecoveryScan.scan(s, END, 0.5, RecoverySignal.ERROR_PCT, SETTINGS);
        assertThat(f.limit()).isEqualTo(1.5);
        assertThat(f.seconds()).isEqualTo(15.0);
    }

    @Test
    void resultsEndingBeforeTheHoldProveNothing() {
        RecoveryFigure f = RecoveryScan.scan(after(25, sec -> sec < 5 ? 900 : 100, sec -> false), END, 100,
                RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        assertThat(f.recovered()).isFalse();
        assertThat(f.cutShort()).isTrue();
        assertThat(f.note()).contains("but the results end 25 s after the fault, before the 30s hold");
    }

    @Test
    void secondsWithoutRowsAreNoEvidence() {
        List<TimeCell> cells = new ArrayList<>();
        for (int sec = 0; sec < 100; sec++) {
            cells.add(sec < 20 ? cell(0, 900) : sec % 5 == 0 ? cell(0, 100) : null);
        }
        RecoveryFigure f = RecoveryScan.scan(steps(END, 1000, cells.toArray(TimeCell[]::new)), END, 100,
                RecoverySignal.RESPONSE_TIME_P95, SETTINGS);
        assertThat(f.seconds()).isEqualTo(20.0);
    }
}
