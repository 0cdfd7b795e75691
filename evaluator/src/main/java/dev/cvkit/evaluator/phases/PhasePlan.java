package dev.cvkit.evaluator.phases;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where each row of a run belongs, known before the rows are read: the end of the warm-up and the fault
 * windows, cut into {@link Segment}s that cover all time. A row belongs to the segment that holds its
 * {@code timeStamp}.
 *
 * <p>Without fault windows the run is one {@link Segment.Kind#WHOLE} segment after the warm-up. With
 * windows: {@code BEFORE} up to the first window, then {@code DURING} and {@code AFTER} alternating (rows
 * between two windows are {@code AFTER}); a window is cut where the warm-up ends, and one that lies wholly
 * in the warm-up leaves an empty {@code DURING}.
 */
public final class PhasePlan {

    /** {@link #warmupEndMillis()} when there is no warm-up. */
    public static final long NO_WARMUP = Long.MIN_VALUE;

    private final long warmupEndMillis;
    private final List<FaultWindow> windows;
    private final List<Segment> segments;
    /** {@code bounds[i]} is the start of segment {@code i + 1}. */
    private final long[] bounds;

    private PhasePlan(long warmupEndMillis, List<FaultWindow> windows) {
        this.warmupEndMillis = warmupEndMillis;
        this.windows = List.copyOf(FaultWindows.merge(windows));
        this.segments = cut(warmupEndMillis, this.windows);
        this.bounds = new long[segments.size() - 1];
        for (int i = 1; i < segments.size(); i++) {
            bounds[i - 1] = segments.get(i).startMillis();
        }
    }

    /**
     * @param warmupEndMillis rows before this instant are the warm-up; {@link #NO_WARMUP} for none
     * @param windows         fault windows, any order (overlapping ones are merged)
     */
    public static PhasePlan of(long warmupEndMillis, List<FaultWindow> windows) {
        return new PhasePlan(warmupEndMillis, Objects.requireNonNull(windows, "windows"));
    }

    /** No warm-up, no fault window: one segment. */
    public static PhasePlan whole() {
        return of(NO_WARMUP, List.of());
    }

    private static List<Segment> cut(long warmupEnd, List<FaultWindow> windows) {
        List<Segment> result = new ArrayList<>();
        long cursor = Long.MIN_VALUE;
        if (warmupEnd != NO_WARMUP) {
            result.add(new Segment(0, Segment.Kind.WARMUP, Long.MIN_VALUE, warmupEnd, null));
            cursor = warmupEnd;
        }
        if (windows.isEmpty()) {
            result.add(new Segment(result.size(), Segment.Kind.WHOLE, cursor, Long.MAX_VALUE, null));
            return result;
        }
        boolean before = true;
        for (FaultWindow w : windows) {
            long start = Math.max(w.startMillis(), cursor);
            long end = Math.max(w.endMillis(), cursor);
            Segment.Kind gap = before ? Segment.Kind.BEFORE : Segment.Kind.AFTER;
            if (start > cursor || before) {
                // The before phase always exists once there is a window, if only empty.
                result.add(new Segment(result.size(), gap, cursor, start, null));
            }
            before = false;
            result.add(new Segment(result.size(), Segment.Kind.DURING, start, end, w));
            cursor = end;
            if (cursor == Long.MAX_VALUE) {
                return result;
            }
        }
        result.add(new Segment(result.size(), Segment.Kind.AFTER, cursor, Long.MAX_VALUE, null));
        return result;
    }

    /** The segment of a row, by its {@code timeStamp}: an index into {@link #segments()}. */
    public int segmentOf(long timeStampMillis) {
        int s = 0;
        while (s < bounds.length && timeStampMillis >= bounds[s]) {
            s++;
        }
        return s;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The fault windows, merged, in time order; empty when the run has none. */
    public List<FaultWindow> windows() {
        return windows;
    }

    public boolean hasFaultWindows() {
        return !windows.isEmpty();
    }

    /** Rows before this instant are the warm-up; {@link #NO_WARMUP} when there is none. */
    public long warmupEndMillis() {
        return warmupEndMillis;
    }

    /** Whether both plans put every row in the same segment. */
    public boolean sameAs(PhasePlan other) {
        if (warmupEndMillis != other.warmupEndMillis || windows.size() != other.windows.size()) {
            return false;
        }
        for (int i = 0; i < windows.size(); i++) {
            FaultWindow a = windows.get(i);
            FaultWindow b = other.windows.get(i);
            if (a.startMillis() != b.startMillis() || a.endMillis() != b.endMillis()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "PhasePlan" + segments;
    }
}
