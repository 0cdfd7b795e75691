package dev.cvkit.evaluator.timeline;

/**
 * How long one flow took to recover from one fault.
 *
 * @param seconds         seconds from the end of the fault to the start of the first rolling window that was
 *                        back within the limit and stayed there for the hold time; null when it never was
 * @param beforeLevel     the flow's before-fault level (p95 in ms, or error %)
 * @param limit           the level that counts as back (before level plus tolerance)
 * @param relapseSeconds  when the flow left the limit again after recovering: seconds after the fault's end;
 *                        else null
 * @param cutShort        it was back at the end, but the results end before the hold time was complete
 * @param note            in words, when it did not recover, or relapsed
 */
public record RecoveryFigure(Double seconds, double beforeLevel, double limit, Double relapseSeconds, boolean cutShort,
        String note) {

    public boolean recovered() {
        return seconds != null;
    }
}
