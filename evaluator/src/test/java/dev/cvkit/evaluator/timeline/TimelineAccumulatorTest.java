package dev.cvkit.evaluator.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.testing.TestLabelNames;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimelineAccumulatorTest {

    private static final long T0 = 1_767_225_600_000L;

    @Test
    void overallAddsUpEveryLabelsRequestsWhicheverStretchIsAskedForFirst() {
        TestLabelNames names = new TestLabelNames();
        // Two segments cut at T0 + 10.5 s: the cell of second 10 is shared by both.
        long cut = T0 + 10_500;
        PhasePlan plan = PhasePlan.of(PhasePlan.NO_WARMUP, List.of(new FaultWindow(cut, Long.MAX_VALUE, List.of(),
                List.of(), FaultWindow.Source.OPTION)));
        TimelineAccumulator acc = new TimelineAccumulator(names, plan.segments().size(), false, false, 100_000);
        SplittableRandom random = new SplittableRandom(9);
        String[] labels = {"A", "B", "C"};
        // What overall's steps must hold: every label's requests of each second (all of A and B, some of C's rows).
        TimeCell[] whole = new TimeCell[20];
        TimeCell[] before = new TimeCell[11];
        for (int k = 0; k < whole.length; k++) {
            whole[k] = new TimeCell();
            before[Math.min(k, 10)] = new TimeCell();
        }
        for (int i = 0; i < 3000; i++) {
            int l = random.nextInt(3);
            long start = T0 + random.nextLong(0, 20_000);
            boolean request = l != 2 || random.nextBoolean();
            boolean ok = random.nextInt(10) != 0;
            long elapsed = 10 + random.nextInt(3000);
            acc.record(plan.segmentOf(start), names.intern(labels[l]), start, elapsed, -1, -1, ok, request);
            if (request) {
                whole[(int) ((start - T0) / 1000)].record(elapsed, -1, -1, ok, false, false);
                if (start < cut) {
                    before[(int) ((start - T0) / 1000)].record(elapsed, -1, -1, ok, false, false);
                }
            }
        }
        Timeline t = acc.build(plan.segments(), T0, T0 + 19_999);
        // Asked in this order, the after segment's sums are made first and then reused.
        Steps after = t.steps(null, 1, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        Steps both = t.steps(null, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        Steps first = t.steps(null, 0, 0, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(both.size()).isEqualTo(20);
        assertThat(first.size()).isEqualTo(11);
        assertThat(after.size()).isEqualTo(10);
        for (int k = 0; k < 20; k++) {
            assertSameRows(both.cell(k), whole[k], "second " + k);
        }
        for (int k = 0; k < 11; k++) {
            assertSameRows(first.cell(k), before[k], "before, second " + k);
        }
        assertThat(first.rows() + after.rows()).isEqualTo(both.rows());
        long labelRows = 0;
        for (String label : labels) {
            labelRows += t.steps(label, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE).rows();
        }
        assertThat(both.rows()).isLessThan(labelRows);
        // Making overall's steps changed no label's cells.
        assertThat(labelRows).isEqualTo(3000);
    }

    /** The recovery figures and the criteria read one timeline from two threads (gate.Gate): same steps as alone. */
    @Test
    void stepsAskedForFromSeveralThreadsAtOnceAreMadeOnceAndHoldTheSameRows() throws Exception {
        TestLabelNames names = new TestLabelNames();
        long cut = T0 + 30_500;
        PhasePlan plan = PhasePlan.of(PhasePlan.NO_WARMUP, List.of(new FaultWindow(cut, Long.MAX_VALUE, List.of(),
                List.of(), FaultWindow.Source.OPTION)));
        String[] labels = {"A", "B", "C", "D"};
        java.util.function.Supplier<Timeline> build = () -> {
            TimelineAccumulator acc = new TimelineAccumulator(names, plan.segments().size(), false, false, 100_000);
            SplittableRandom random = new SplittableRandom(17);
            for (int i = 0; i < 20_000; i++) {
                long start = T0 + random.nextLong(0, 60_000);
                acc.record(plan.segmentOf(start), names.intern(labels[random.nextInt(4)]), start,
                        10 + random.nextInt(2000), -1, -1, random.nextInt(20) != 0, true);
            }
            return acc.build(plan.segments(), T0, T0 + 59_999);
        };
        Timeline alone = build.get();
        Timeline shared = build.get();
        List<String> asked = new java.util.ArrayList<>(java.util.Arrays.asList(labels));
        asked.add(null);
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            List<java.util.concurrent.Future<List<Steps>>> jobs = new java.util.ArrayList<>();
            for (int th = 0; th < threads; th++) {
                jobs.add(pool.submit(() -> {
                    start.await();
                    List<Steps> got = new java.util.ArrayList<>();
                    for (String label : asked) {
                        got.add(shared.steps(label, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE));
                        got.add(shared.steps(label, 1, 1, cut, Long.MAX_VALUE));
                    }
                    return got;
                }));
            }
            List<Steps> first = jobs.get(0).get();
            for (java.util.concurrent.Future<List<Steps>> job : jobs) {
                // Made once: every thread got the very same objects.
                List<Steps> got = job.get();
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i)).isSameAs(first.get(i));
                }
            }
            int i = 0;
            for (String label : asked) {
                for (Steps expected : List.of(alone.steps(label, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE),
                        alone.steps(label, 1, 1, cut, Long.MAX_VALUE))) {
                    Steps actual = first.get(i++);
                    assertThat(actual.size()).isEqualTo(expected.size()).isPositive();
                    for (int k = 0; k < expected.size(); k++) {
                        if (expected.cell(k) == null) {
                            assertThat(actual.cell(k)).isNull();
                        } else {
                            assertSameRows(actual.cell(k), expected.cell(k), label + " step " + k);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void overallOfCellsFarApartAddsUpTheLabelsToo() {
        // Rows hours apart: too few cells for an array spanning their indexes, so overall's cells are summed
        // after a sort (the other path of the sum).
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator acc = new TimelineAccumulator(names, 1, false, false, 100_000);
        SplittableRandom random = new SplittableRandom(4);
        long[] seconds = {0, 3 * 3600, 3 * 3600 + 1, 6 * 3600, 9 * 3600};
        TimeCell[] expected = new TimeCell[seconds.length];
        for (int k = 0; k < seconds.length; k++) {
            expected[k] = new TimeCell();
            // Label A in every second, B in some: an overall cell of one label and of two.
            for (String label : k % 2 == 0 ? new String[] {"A", "B"} : new String[] {"A"}) {
                for (int r = 0; r < 40; r++) {
                    long start = T0 + seconds[k] * 1000 + random.nextInt(1000);
                    long elapsed = 5 + random.nextInt(5000);
                    boolean ok = random.nextInt(8) != 0;
                    acc.record(0, names.intern(label), start, elapsed, -1, -1, ok, true);
                    expected[k].record(elapsed, -1, -1, ok, false, false);
                }
            }
        }
        Timeline t = acc.build(PhasePlan.whole().segments(), T0, T0 + 9 * 3600_000L + 999);
        Steps overall = t.steps(null, 0, 0, Long.MIN_VALUE, Long.MAX_VALUE);
        for (int k = 0; k < seconds.length; k++) {
            int step = (int) seconds[k];
            assertSameRows(overall.cell(step), expected[k], "second " + seconds[k]);
        }
        assertThat(overall.rows()).isEqualTo(40L * 8);
    }

    @Test
    void mergedStepsHoldEveryRowOfTheirParts() {
        SplittableRandom random = new SplittableRandom(6);
        TimeCell[] cells = new TimeCell[10];
        for (int k = 0; k < cells.length; k++) {
            if (k == 3 || k == 6 || k == 7 || k == 8) {
                continue; // steps without rows; steps 6..8 make a merged step of none
            }
            cells[k] = new TimeCell();
            for (int r = 0; r < 1 + random.nextInt(300); r++) {
                cells[k].record(1 + random.nextInt(9000), -1, -1, random.nextInt(5) != 0, false, false);
            }
        }
        Steps steps = Cells.steps(T0, 1000, cells);
        Steps merged = steps.merged(3);
        assertThat(merged.size()).isEqualTo(4);
        for (int i = 0; i < merged.size(); i++) {
            TimeCell sum = null;
            for (int k = 3 * i; k < Math.min(cells.length, 3 * i + 3); k++) {
                sum = cells[k] == null ? sum : TimeCell.sum(sum, cells[k]);
            }
            assertThat(merged.start(i)).isEqualTo(T0 + 3000L * i);
            assertThat(merged.end(i)).isEqualTo(Math.min(T0 + 10_000, T0 + 3000L * (i + 1)));
            if (sum == null) {
                assertThat(merged.cell(i)).as("step %d", i).isNull();
            } else {
                assertSameRows(merged.cell(i), sum, "merged step " + i);
            }
        }
        assertThat(merged.rows()).isEqualTo(steps.rows());
    }

    private static void assertSameRows(TimeCell actual, TimeCell expected, String what) {
        assertThat(actual.rows()).as(what).isEqualTo(expected.rows()).isPositive();
        assertThat(actual.errors()).as(what).isEqualTo(expected.errors());
        assertThat(actual.minMillis()).as(what).isEqualTo(expected.minMillis());
        assertThat(actual.maxMillis()).as(what).isEqualTo(expected.maxMillis());
        assertThat(actual.meanMillis()).as(what).isEqualTo(expected.meanMillis());
        for (double p : new double[] {50, 95, 99}) {
            assertThat(actual.percentileMillis(p)).as(what + " p" + p).isEqualTo(expected.percentileMillis(p));
        }
    }

    @Test
    void cellsStayWithinTheBudgetByDoublingTheirWidth() {
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator acc = new TimelineAccumulator(names, 1, false, false, 1000);
        int a = names.intern("A");
        // 3600 seconds with a row each: 3600 cells at 1 s, 900 at 4 s.
        for (int s = 0; s < 3600; s++) {
            acc.record(0, a, T0 + s * 1000L + 500, 100 + s % 10, -1, -1, s % 100 != 0, true);
        }
        assertThat(acc.cells()).isLessThanOrEqualTo(1000);
        assertThat(acc.widthMillis()).isEqualTo(4000);
        Timeline t = acc.build(PhasePlan.whole().segments(), T0 + 500, T0 + 3_599_500);
        Steps steps = t.steps("A", 0, 0, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(steps.rows()).isEqualTo(3600);
        int errors = 0;
        for (int i = 0; i < steps.size(); i++) {
            errors += steps.cell(i) == null ? 0 : steps.cell(i).errors();
        }
        assertThat(errors).isEqualTo(36);
        assertThat(t.steps(null, 0, 0, Long.MIN_VALUE, Long.MAX_VALUE).rows()).isEqualTo(3600);
    }

    @Test
    void theBytesKeptCountOfAreTheBytesCountedCellByCell() {
        java.util.Random random = new java.util.Random(3);
        TestLabelNames n1 = new TestLabelNames();
        TestLabelNames n2 = new TestLabelNames();
        TimelineAccumulator p1 = new TimelineAccumulator(n1, 2, true, true, 3000);
        TimelineAccumulator p2 = new TimelineAccumulator(n2, 2, true, false, 3000);
        for (int i = 0; i < 200_000; i++) {
            TimelineAccumulator acc = i % 3 == 0 ? p2 : p1;
            TestLabelNames names = acc == p2 ? n2 : n1;
            int label = names.intern("L" + random.nextInt(9));
            // Mostly in time order; one row in fifty far older than the rings hold; response times from 1 ms to
            // a minute, so that lists turn into counters and counters widen.
            long at = T0 + i * 20L + (i % 50 == 0 ? -random.nextInt(2_000_000) : random.nextInt(3_000));
            long elapsed = (long) Math.exp(random.nextDouble() * 11);
            acc.record(at < T0 + 2_000_000 ? 0 : 1, label, at, elapsed, elapsed / 2, random.nextInt(5) - 1,
                    random.nextInt(20) != 0, i % 7 != 0);
            if (i % 20_000 == 0) {
                assertThat(acc.footprint()).as("row %d", i).isEqualTo(acc.countedFootprint());
            }
        }
        assertThat(p1.widthMillis()).as("the cell budget made cells wider").isGreaterThan(1000);
        assertThat(p1.footprint()).isEqualTo(p1.countedFootprint());
        assertThat(p2.footprint()).isEqualTo(p2.countedFootprint());
        p1.add(p2);
        assertThat(p1.footprint()).isEqualTo(p1.countedFootprint());
        p1.coarsen();
        assertThat(p1.footprint()).isEqualTo(p1.countedFootprint());
    }

    @Test
    void fewButWideCellsAreCoarsenedByTheirBytes() {
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator acc = new TimelineAccumulator(names, 1, false, false, 1 << 20);
        java.util.Random random = new java.util.Random(5);
        // 80 labels for 100 s, 1,100 rows per label and second spread from 1 ms to 100 s: 8,000 cells, far below
        // the cell budget, but each with counters over most of the range (more values than a list holds): more
        // than the byte budget.
        int[] labels = new int[80];
        for (int l = 0; l < labels.length; l++) {
            labels[l] = names.intern("L" + l);
        }
        for (int second = 0; second < 100; second++) {
            for (int k = 0; k < 1_100 * 80; k++) {
                acc.record(0, labels[k % 80], T0 + second * 1000L + k % 1000,
                        (long) Math.exp(random.nextDouble() * 11.5), -1, -1, true, true);
            }
        }
        assertThat(acc.widthMillis()).isGreaterThan(1000);
        assertThat(acc.cells()).isLessThan(1 << 20);
        assertThat(acc.footprint()).isEqualTo(acc.countedFootprint())
                .isLessThanOrEqualTo(TimelineAccumulator.BYTE_BUDGET);
    }

    @Test
    void partsReadTogetherShareTheByteBudgetUntilMerged() {
        // The wide cells of fewButWideCellsAreCoarsenedByTheirBytes, the first 50 s in one part and the rest in
        // another, each holding half the budget; and the same rows in one accumulator holding all of it.
        TestLabelNames n1 = new TestLabelNames();
        TestLabelNames n2 = new TestLabelNames();
        TestLabelNames whole = new TestLabelNames();
        TimelineAccumulator p1 = new TimelineAccumulator(n1, 1, false, false, 1 << 20).shareOf(2);
        TimelineAccumulator p2 = new TimelineAccumulator(n2, 1, false, false, 1 << 20).shareOf(2);
        TimelineAccumulator all = new TimelineAccumulator(whole, 1, false, false, 1 << 20);
        java.util.Random random = new java.util.Random(5);
        for (int second = 0; second < 100; second++) {
            TimelineAccumulator part = second < 50 ? p1 : p2;
            TestLabelNames names = second < 50 ? n1 : n2;
            for (int k = 0; k < 1_100 * 80; k++) {
                long start = T0 + second * 1000L + k % 1000;
                long elapsed = (long) Math.exp(random.nextDouble() * 11.5);
                part.record(0, names.intern("L" + k % 80), start, elapsed, -1, -1, true, true);
                all.record(0, whole.intern("L" + k % 80), start, elapsed, -1, -1, true, true);
            }
        }
        assertThat(p1.footprint()).isLessThanOrEqualTo(TimelineAccumulator.BYTE_BUDGET / 2);
        assertThat(p2.footprint()).isLessThanOrEqualTo(TimelineAccumulator.BYTE_BUDGET / 2);
        assertThat(p1.widthMillis()).isGreaterThan(1000);
        p1.add(p2);
        // Merged, the shares add up: no coarser than one accumulator that held every row within the whole budget.
        assertThat(p1.footprint()).isEqualTo(p1.countedFootprint())
                .isLessThanOrEqualTo(TimelineAccumulator.BYTE_BUDGET);
        assertThat(p1.widthMillis()).isEqualTo(all.widthMillis());
        assertThat(p1.cells()).isEqualTo(all.cells());
    }

    @Test
    void aMergedPartGivesItsShareBackButNeverMoreThanTheWholeBudget() {
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator total = new TimelineAccumulator(names, 1, false, false, 400);
        TestLabelNames partNames = new TestLabelNames();
        TimelineAccumulator part = new TimelineAccumulator(partNames, 1, false, false, 400).shareOf(4);
        int a = names.intern("A");
        // 300 one-second cells: within the whole cell budget (400), beyond a quarter of it (100).
        for (int s = 0; s < 300; s++) {
            part.record(0, partNames.intern("A"), T0 + s * 1000L, 10, -1, -1, true, true);
        }
        assertThat(part.widthMillis()).isEqualTo(4000);
        total.add(part);
        for (int s = 300; s < 600; s++) {
            total.record(0, a, T0 + s * 1000L, 10, -1, -1, true, true);
        }
        // 600 s at 4 s: 150 cells, within 400 (the share and the whole together would allow more than 400).
        assertThat(total.widthMillis()).isEqualTo(4000);
        for (int s = 600; s < 2000; s++) {
            total.record(0, a, T0 + s * 1000L, 10, -1, -1, true, true);
        }
        assertThat(total.cells()).isLessThanOrEqualTo(400);
        assertThat(total.widthMillis()).isEqualTo(8000);
    }

    @Test
    void aFirstWidthThatIsNotOneSecondTimesAPowerOfTwoIsRefused() {
        for (long width : new long[] {0, -1000, 1500, 3000, 999}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> new TimelineAccumulator(new TestLabelNames(), 1, false, false, 400, width))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("widthMillis")
                    .hasMessageContaining(Long.toString(width));
        }
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator wide = new TimelineAccumulator(names, 1, false, false, 400, 8000);
        int a = names.intern("A");
        // A row's cell follows the width it was given: rows 8 s apart, and before the epoch, fall in cells of 8 s.
        wide.record(0, a, -1, 5, -1, -1, true, true);
        wide.record(0, a, -8000, 5, -1, -1, true, true);
        wide.record(0, a, 0, 5, -1, -1, true, true);
        wide.record(0, a, 7999, 5, -1, -1, true, true);
        wide.record(0, a, 8000, 5, -1, -1, true, true);
        assertThat(wide.widthMillis()).isEqualTo(8000);
        assertThat(wide.cells()).isEqualTo(3);
    }

    @Test
    void aShareOfNoPartsIsRefused() {
        TimelineAccumulator acc = new TimelineAccumulator(new TestLabelNames(), 1, false, false, 400);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> acc.shareOf(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parts");
    }

    @Test
    void mergingPartsEqualsRecordingEverythingInOne() {
        TestLabelNames n1 = new TestLabelNames();
        TestLabelNames n2 = new TestLabelNames();
        TestLabelNames whole = new TestLabelNames();
        TimelineAccumulator p1 = new TimelineAccumulator(n1, 2, true, false, 500);
        TimelineAccumulator p2 = new TimelineAccumulator(n2, 2, true, false, 500);
        TimelineAccumulator all = new TimelineAccumulator(whole, 2, true, false, 500);
        for (int i = 0; i < 2000; i++) {
            String label = i % 3 == 0 ? "B" : "A";
            long start = T0 + i * 250L;
            int segment = start < T0 + 300_000 ? 0 : 1;
            TimelineAccumulator part = i < 1200 ? p1 : p2;
            TestLabelNames names = i < 1200 ? n1 : n2;
            part.record(segment, names.intern(label), start, i % 50, i % 40, -1, i % 7 != 0, true);
            all.record(segment, whole.intern(label), start, i % 50, i % 40, -1, i % 7 != 0, true);
        }
        p1.add(p2);
        assertThat(p1.widthMillis()).isEqualTo(all.widthMillis());
        PhasePlan plan = PhasePlan.of(PhasePlan.NO_WARMUP, List.of(new dev.cvkit.evaluator.phases.FaultWindow(
                T0 + 300_000, T0 + 400_000, List.of("x"), List.of(), dev.cvkit.evaluator.phases.FaultWindow.Source.OPTION)));
        Timeline merged = p1.build(plan.segments().subList(0, 2), T0, T0 + 1999 * 250L);
        Timeline single = all.build(plan.segments().subList(0, 2), T0, T0 + 1999 * 250L);
        for (String label : new String[] {"A", "B", null}) {
            Steps m = merged.steps(label, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE);
            Steps s = single.steps(label, 0, 1, Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(m.size()).isEqualTo(s.size());
            for (int i = 0; i < m.size(); i++) {
                TimeCell a = m.cell(i);
                TimeCell b = s.cell(i);
                assertThat(a == null).isEqualTo(b == null);
                if (a != null) {
                    assertThat(a.rows()).isEqualTo(b.rows());
                    assertThat(a.errors()).isEqualTo(b.errors());
                    assertThat(a.percentileMillis(95)).isEqualTo(b.percentileMillis(95));
                    assertThat(a.latency().percentileMillis(50)).isEqualTo(b.latency().percentileMillis(50));
                }
            }
        }
        assertThat(merged.labels()).containsExactly("B", "A");
    }

    @Test
    void aSecondCutByAPhaseBoundaryIsOneStepOfTheWholeRunAndTwoCutSteps() {
        TestLabelNames names = new TestLabelNames();
        TimelineAccumulator acc = new TimelineAccumulator(names, 2, false, false, 1000);
        int a = names.intern("A");
        acc.record(0, a, T0 + 1_200, 10, -1, -1, true, true);
        acc.record(1, a, T0 + 1_700, 20, -1, -1, true, true);
        PhasePlan plan = PhasePlan.of(PhasePlan.NO_WARMUP, List.of(new dev.cvkit.evaluator.phases.FaultWindow(
                T0 + 1_500, Long.MAX_VALUE, List.of("x"), List.of(), dev.cvkit.evaluator.phases.FaultWindow.Source.OPTION)));
        Timeline t = acc.build(plan.segments(), T0 + 1_200, T0 + 1_700);
        Steps whole = t.steps("A", 0, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(whole.size()).isEqualTo(1);
        assertThat(whole.cell(0).rows()).isEqualTo(2);
        Steps before = t.steps("A", 0, 0, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(before.size()).isEqualTo(1);
        assertThat(before.start(0)).isEqualTo(T0 + 1_200);
        assertThat(before.end(0)).isEqualTo(T0 + 1_500);
        assertThat(before.cell(0).maxMillis()).isEqualTo(10);
        Steps during = t.steps("A", 1, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(during.start(0)).isEqualTo(T0 + 1_500);
        assertThat(during.cell(0).maxMillis()).isEqualTo(20);
    }
}
