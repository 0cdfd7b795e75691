package dev.cvkit.evaluator.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.testing.TestLabelNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Time cells of runs with very many labels (ids in URLs): every label holds a cell that no doubling of the width
 * merges, so the width used to double until it overflowed ("/ by zero"). Now the least busy labels are left out
 * of the time cells (their rows kept in overall's), the named ones never.
 */
class TimelineManyLabelsTest {

    private static final long T0 = 1_767_225_600_000L;

    /** 70,000 ids with a row each over 10 minutes, and two flows with ten rows a second; returns rows recorded. */
    private static long record(TimelineAccumulator acc, TestLabelNames names, int segment, long from, int ids) {
        long rows = 0;
        int next = 0;
        for (long t = 0; t < 600_000; t += 100) {
            acc.record(segment, names.intern("Browse"), from + t, 100, -1, -1, true, true);
            acc.record(segment, names.intern("Checkout"), from + t + 10, 300, -1, -1, t % 5000 != 0, true);
            rows += 2;
            for (long due = (t + 100) * ids / 600_000; next < due; next++) {
                acc.record(segment, names.intern("id " + next), from + t + 20, 50, -1, -1, true, true);
                rows++;
            }
        }
        return rows;
    }

    @Test
    void seventyThousandLabelsKeepOverallExactTheBusyFlowsAndTheNamedOnes() {
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator acc = new TimelineAccumulator(names, 1, false, false, TimelineAccumulator.DEFAULT_BUDGET,
                1000, Set.of("id 69999"), TimelineAccumulator.LABELS_KEPT);
        long rows = record(acc, names, 0, T0, 70_000);
        assertThat(acc.widthMillis()).as("cells were not coarsened for labels").isEqualTo(1000);
        assertThat(acc.cells()).isLessThanOrEqualTo(TimelineAccumulator.DEFAULT_BUDGET);
        assertThat(acc.labelsLeftOut()).isGreaterThan(60_000);
        Timeline t = acc.build(PhasePlan.whole().segments(), T0, T0 + 600_000);
        assertThat(t.steps(null, 0, 0, Long.MIN_VALUE, Long.MAX_VALUE).rows()).as("overall").isEqualTo(rows);
        assertThat(t.steps("Browse", 0, 0, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(6000);
        assertThat(t.steps("Checkout", 0, 0, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(6000);
        assertThat(t.steps("id 69999", 0, 0, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(1);
        assertThat(t.labels()).hasSizeLessThanOrEqualTo(TimelineAccumulator.LABELS_KEPT * 5 / 4 + 1)
                .contains("Browse", "Checkout", "id 69999");
        String leftOut = "id 40000"; // equally busy ids: the first seen stay
        assertThat(t.ownSteps(leftOut)).isFalse();
        // Its own steps would miss its rows: asking for them is a mistake, never an empty flow.
        assertThatThrownBy(() -> t.steps(leftOut, 0, 0, Long.MIN_VALUE, Long.MAX_VALUE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not read over time on their own");
    }

    @Test
    void partsLeaveOutTogetherAndOverallStaysExact() {
        TestLabelNames n1 = new TestLabelNames();
        TestLabelNames n2 = new TestLabelNames();
        TimelineAccumulator p1 = new TimelineAccumulator(n1, 2, false, false, TimelineAccumulator.DEFAULT_BUDGET,
                1000, Set.of(), TimelineAccumulator.LABELS_KEPT).shareOf(2);
        TimelineAccumulator p2 = new TimelineAccumulator(n2, 2, false, false, TimelineAccumulator.DEFAULT_BUDGET,
                1000, Set.of(), TimelineAccumulator.LABELS_KEPT).shareOf(2);
        long rows = record(p1, n1, 0, T0, 40_000) + record(p2, n2, 1, T0 + 600_000, 40_000);
        p1.add(p2);
        PhasePlan plan = PhasePlan.of(PhasePlan.NO_WARMUP, List.of(new FaultWindow(T0 + 600_000, Long.MAX_VALUE,
                List.of(), List.of(), FaultWindow.Source.OPTION)));
        Timeline t = p1.build(plan.segments(), T0, T0 + 1_200_000);
        assertThat(t.steps(null, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(rows);
        assertThat(t.steps("Browse", 0, 1, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(12_000);
        // A label kept by one part but left out by the other would miss rows: no label has steps it lacks rows of.
        long own = 0;
        for (String l : t.labels()) {
            own += t.steps(l, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE).rows();
        }
        assertThat(own).isLessThanOrEqualTo(rows);
        for (String l : t.labels()) {
            if (l.startsWith("id ")) {
                assertThat(t.steps(l, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE).rows()).as(l).isEqualTo(2);
            }
        }
    }

    @Test
    void theWidthNeverDoublesPastWhatCanMergeCells() {
        // A thousand fault windows of a second each: 2,001 segments, each with cells of every named label that no
        // width merges (cells never straddle a segment). The budget (1,000 cells) cannot hold them: it gives way.
        List<FaultWindow> windows = new ArrayList<>();
        for (int w = 0; w < 1000; w++) {
            windows.add(new FaultWindow(T0 + w * 2000L + 1000, T0 + w * 2000L + 2000, List.of(), List.of(),
                    FaultWindow.Source.OPTION));
        }
        PhasePlan plan = PhasePlan.of(PhasePlan.NO_WARMUP, windows);
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator acc = new TimelineAccumulator(names, plan.segments().size(), false, false, 1000, 1000,
                Set.of("A", "B"), TimelineAccumulator.LABELS_KEPT);
        long rows = 0;
        for (long t = 0; t < 2_000_000; t += 250) {
            for (String l : new String[] {"A", "B", "C"}) {
                acc.record(plan.segmentOf(T0 + t), names.intern(l), T0 + t, 40, -1, -1, true, true);
                rows++;
            }
        }
        assertThat(acc.widthMillis()).isLessThanOrEqualTo(1L << 22); // about the run's span, not an overflow
        Timeline t = acc.build(plan.segments(), T0, T0 + 2_000_000);
        int last = plan.segments().size() - 1;
        assertThat(t.steps(null, 0, last, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(rows);
        assertThat(t.steps("A", 0, last, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(rows / 3);
        assertThat(t.ownSteps("C")).as("the unnamed label gave way first").isFalse();
    }
}
