package dev.cvkit.evaluator.timeline;

import java.util.function.DoublePredicate;

/**
 * What a {@code <criterion> for <window>} judges: how far a per-step value stayed beyond a level for at
 * least the window.
 *
 * <p>Each step (one time cell, 1 s unless the run is long) has a value: the criterion's aggregate over the
 * rows of that step, NaN when the step has no rows (throughput and counts are 0 then, never NaN). A
 * <em>stretch</em> is a run of consecutive steps with values, steps without rows between them neither
 * breaking nor ending it; its length is the time from the start of its first step to the end of its last.
 * For a rising criterion ({@code >}, {@code >=}) the <em>sustained level</em> is the largest value {@code L}
 * such that some stretch of at least the window has every value {@code >= L}: the maximum, over stretches
 * of at least the window, of the smallest value in the stretch. For a falling criterion ({@code <},
 * {@code <=}) it is the smallest value such that some stretch of at least the window stays {@code <= L}.
 * So {@code p95(response_time_ms) > 500 for 30s} holds exactly when the sustained level of the per-second
 * p95 is above 500: the p95 was above 500 ms in every second (with rows) of some 30 s stretch.
 */
public final class SustainedLevel {

    /**
     * The result of one scan.
     *
     * @param level          the sustained level; NaN when no stretch is as long as the window
     * @param valuedSpanMillis time from the first step with a value to the end of the last
     * @param stepsWithValue number of steps with a value
     */
    public record Result(double level, long valuedSpanMillis, int stepsWithValue) {
    }

    /**
     * A stretch during which a condition held.
     *
     * @param startMillis start of its first step
     * @param endMillis   end of its last step
     */
    public record Stretch(long startMillis, long endMillis) {
        public long millis() {
            return endMillis - startMillis;
        }
    }

    private SustainedLevel() {
    }

    /**
     * @param values  one per step of {@code steps}; NaN for a step without a value
     * @param rising  true for {@code >}/{@code >=} criteria, false for {@code <}/{@code <=}
     */
    public static Result scan(Steps steps, double[] values, boolean rising, long windowMillis) {
        int[] valued = valued(values);
        int m = valued.length;
        if (m == 0) {
            return new Result(Double.NaN, 0, 0);
        }
        long span = steps.end(valued[m - 1]) - steps.start(valued[0]);
        int[] deque = new int[m];
        int head = 0;
        int tail = 0;
        int j = -1;
        double best = Double.NaN;
        for (int i = 0; i < m; i++) {
            long from = steps.start(valued[i]);
            while (j < i || steps.end(valued[j]) - from < windowMillis) {
                if (j + 1 >= m) {
                    return new Result(best, span, m);
                }
                j++;
                double v = values[valued[j]];
                while (tail > head && (rising ? values[valued[deque[tail - 1]]] >= v : values[valued[deque[tail - 1]]] <= v)) {
                    tail--;
                }
                deque[tail++] = j;
            }
            while (deque[head] < i) {
                head++;
            }
            double extreme = values[valued[deque[head]]];
            if (Double.isNaN(best) || (rising ? extreme > best : extreme < best)) {
                best = extreme;
            }
        }
        return new Result(best, span, m);
    }

    /**
     * The longest stretch (as defined in the class comment) whose every value satisfies {@code holds}; null
     * when no value does.
     */
    public static Stretch longest(Steps steps, double[] values, DoublePredicate holds) {
        Stretch best = null;
        long start = 0;
        long end = 0;
        boolean open = false;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            if (holds.test(values[i])) {
                if (!open) {
                    start = steps.start(i);
                    open = true;
                }
                end = steps.end(i);
                if (best == null || end - start > best.millis()) {
                    best = new Stretch(start, end);
                }
            } else {
                open = false;
            }
        }
        return best;
    }

    private static int[] valued(double[] values) {
        int n = 0;
        for (double v : values) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        int[] result = new int[n];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                result[k++] = i;
            }
        }
        return result;
    }
}
