package dev.cvkit.evaluator.phases;

/**
 * A stretch of the timeline that belongs wholly to one phase: rows with {@code startMillis <= timeStamp <
 * endMillis}. The segments of a {@link PhasePlan} cover all time, in order.
 *
 * @param index       position in {@link PhasePlan#segments()}
 * @param kind        what the rows of the segment are
 * @param startMillis first instant, {@link Long#MIN_VALUE} for the first segment
 * @param endMillis   first instant after it, {@link Long#MAX_VALUE} for the last segment
 * @param window      for {@link Kind#DURING}: the fault window; else null
 */
public record Segment(int index, Kind kind, long startMillis, long endMillis, FaultWindow window) {

    /** What the rows of a segment are. */
    public enum Kind {
        /** The warm-up: left out of every figure. */
        WARMUP,
        /** The whole run after the warm-up, when the run has no fault window. */
        WHOLE,
        BEFORE,
        DURING,
        AFTER;

        /** The fault phase, or null for WARMUP and WHOLE. */
        public Phase phase() {
            return switch (this) {
                case BEFORE -> Phase.BEFORE;
                case DURING -> Phase.DURING;
                case AFTER -> Phase.AFTER;
                default -> null;
            };
        }
    }

    public boolean contains(long timeStampMillis) {
        return startMillis <= timeStampMillis && timeStampMillis < endMillis;
    }
}
