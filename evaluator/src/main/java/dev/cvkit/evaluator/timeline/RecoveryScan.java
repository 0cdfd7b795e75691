package dev.cvkit.evaluator.timeline;

import dev.cvkit.evaluator.Decimals;
import dev.cvkit.evaluator.phases.DurationText;

/**
 * Measures recovery after a fault on a flow's steps from the fault's end onwards (see
 * {@link RecoverySettings}): at each step, the rolling value of the signal over the rows of the last
 * {@code window} after the fault's end (whole steps: at least the step itself, when a long run's steps are wider
 * than the window); the flow is <em>back</em> at a step when that window has rows and
 * the value is at most the limit (before-fault p95 plus {@code tolerance} percent, or before-fault error %
 * plus {@code errorTolerance} points). It has <em>recovered</em> at the first step that is back and after
 * which no step with rows is out of the limit for {@code hold}; the recovery time is the time from the
 * fault's end to the start of that step's rolling window. When the results end before a hold is complete,
 * or no such step exists, the flow never recovered.
 */
public final class RecoveryScan {

    private RecoveryScan() {
    }

    /**
     * @param steps         the flow's steps from the fault's end to the end of the after phase (the next fault
     *                      or the end of the results)
     * @param faultEndMillis the fault window's end
     * @param beforeLevel   the flow's before-fault p95 (ms) or error % for {@link RecoverySignal#ERROR_PCT}
     */
    public static RecoveryFigure scan(Steps steps, long faultEndMillis, double beforeLevel, RecoverySignal signal,
            RecoverySettings settings) {
        boolean errors = signal == RecoverySignal.ERROR_PCT;
        double limit = errors ? beforeLevel + settings.errorTolerancePts()
                : beforeLevel * (1 + settings.tolerancePct() / 100);
        int m = steps.size();
        if (m == 0) {
            return new RecoveryFigure(null, beforeLevel, limit, null, false, "no results after the fault ended");
        }
        boolean[] back = new boolean[m];
        boolean[] valued = new boolean[m];
        long[] windowStart = new long[m];
        double lastValue = Double.NaN;
        long[] full = new long[CellDistribution.MAX_INDEX + 1];
        long rows = 0;
        long errorRows = 0;
        long values = 0;
        int oldest = 0;
        for (int k = 0; k < m; k++) {
            TimeCell c = steps.cell(k);
            if (c != null) {
                rows += c.rows();
                errorRows += c.errors();
                CellDistribution d = signal.distribution(c);
                if (d != null) {
                    d.addTo(full, 1);
                    values += d.count();
                }
            }
            // The window keeps the current step at least: a step wider than the window (a long run's coarse cells)
            // is not cut, and is then its own window.
            while (oldest < k && steps.start(oldest) < steps.end(k) - settings.windowMillis()) {
                TimeCell gone = steps.cell(oldest);
                if (gone != null) {
                    rows -= gone.rows();
                    errorRows -= gone.errors();
                    CellDistribution d = signal.distribution(gone);
                    if (d != null) {
                        d.addTo(full, -1);
                        values -= d.count();
                    }
                }
                oldest++;
            }
            windowStart[k] = Math.max(faultEndMillis, steps.start(oldest));
            double value;
            if (errors) {
                value = rows == 0 ? Double.NaN : 100.0 * errorRows / rows;
            } else {
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = oldest; i <= k; i++) {
                    CellDistribution d = steps.cell(i) == null ? null : signal.distribution(steps.cell(i));
                    if (d != null && d.count() > 0) {
                        min = Math.min(min, d.minMillis());
                        max = Math.max(max, d.maxMillis());
                    }
                }
                value = CellDistribution.percentileOf(full, values, 95, min, max);
            }
            valued[k] = !Double.isNaN(value);
            back[k] = valued[k] && value <= limit;
            if (valued[k]) {
                lastValue = value;
            }
        }
        int[] nextOut = new int[m + 1];
        nextOut[m] = m;
        for (int k = m - 1; k >= 0; k--) {
            nextOut[k] = valued[k] && !back[k] ? k : nextOut[k + 1];
        }
        long lastEnd = steps.end(m - 1);
        boolean holdCutShort = false;
        for (int k = 0; k < m; k++) {
            if (!back[k]) {
                continue;
            }
            long holdEnd = steps.end(k) + settings.holdMillis();
            int out = nextOut[k + 1];
            if (out < m && steps.end(out) <= holdEnd) {
                continue;
            }
            if (lastEnd < holdEnd) {
                holdCutShort = true;
                break;
            }
            double seconds = (windowStart[k] - faultEndMillis) / 1000.0;
            Double relapse = out < m ? (steps.end(out) - faultEndMillis) / 1000.0 : null;
            String note = relapse == null ? ""
                    : "left the limit again " + Decimals.twoPlaces(relapse) + " s after the fault ended";
            return new RecoveryFigure(seconds, beforeLevel, limit, relapse, false, note);
        }
        String observed = Decimals.twoPlaces((lastEnd - faultEndMillis) / 1000.0);
        String unit = errors ? "%" : " ms";
        String tolerance = errors ? Decimals.twoPlaces(settings.errorTolerancePts()) + " point(s)"
                : Decimals.twoPlaces(settings.tolerancePct()) + "%";
        String level = Decimals.twoPlaces(limit) + unit + " (" + Decimals.twoPlaces(beforeLevel) + unit
                + " before the fault + " + tolerance + ")";
        String hold = DurationText.format(settings.holdMillis());
        String last = Double.isNaN(lastValue) ? ""
                : "; last rolling " + signal.description() + " " + Decimals.twoPlaces(lastValue) + unit;
        String note = holdCutShort
                ? "back within " + level + ", but the results end " + observed + " s after the fault, before the " + hold
                        + " hold"
                : "never back within " + level + " for " + hold + " in the " + observed + " s after the fault" + last;
        return new RecoveryFigure(null, beforeLevel, limit, null, holdCutShort, note);
    }
}
