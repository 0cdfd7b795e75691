package dev.cvkit.evaluator.phases;

import dev.cvkit.evaluator.markers.FaultMarker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the fault windows from the cvkit fault-marker rows of every engine's results, as
 * {@code contracts/fault-markers.md} says:
 * <ul>
 *   <li>the instant of a marker is {@code timeStamp + elapsed};</li>
 *   <li>only markers with {@code success=true} count: a failed start is reported and opens no window;</li>
 *   <li>a window belongs to one execution id: from its earliest start instant over all engines to its latest
 *       end instant over all engines; a start without any end lasts to the end of the results, with a
 *       warning;</li>
 *   <li>overlapping windows are merged.</li>
 * </ul>
 */
public final class FaultWindows {

    /**
     * The windows and what the user should know about them.
     *
     * @param windows  merged, in time order
     * @param warnings things that change the windows: a start without end, an end without start
     * @param notes    markers that opened no window: failed starts and ends
     */
    public record Derived(List<FaultWindow> windows, List<String> warnings, List<String> notes) {
        public Derived {
            windows = List.copyOf(windows);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }
    }

    private FaultWindows() {
    }

    /** The windows the markers stand for (input order does not matter). */
    public static Derived fromMarkers(List<FaultMarker> markers) {
        Map<String, List<FaultMarker>> byExecution = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (FaultMarker m : markers) {
            if (!m.success()) {
                notes.add(where(m) + ": failed fault " + (m.kind() == FaultMarker.Kind.START ? "start" : "end")
                        + " of experiment " + m.experiment() + " at " + Instant.ofEpochMilli(m.instantMillis())
                        + (m.failureMessage().isEmpty() ? "" : " (" + m.failureMessage() + ")")
                        + (m.kind() == FaultMarker.Kind.START ? ": opens no fault window" : ": ignored"));
                continue;
            }
            byExecution.computeIfAbsent(executionKey(m), k -> new ArrayList<>()).add(m);
        }
        List<FaultWindow> windows = new ArrayList<>();
        for (List<FaultMarker> group : byExecution.values()) {
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            FaultMarker firstStart = null;
            for (FaultMarker m : group) {
                if (m.kind() == FaultMarker.Kind.START) {
                    if (m.instantMillis() < start) {
                        start = m.instantMillis();
                        firstStart = m;
                    }
                } else {
                    end = Math.max(end, m.instantMillis());
                }
            }
            FaultMarker any = group.get(0);
            String what = describe(any);
            if (firstStart == null) {
                warnings.add(where(any) + ": " + what + " has an end marker but no start marker in any results file:"
                        + " it opens no fault window");
                continue;
            }
            if (end == Long.MIN_VALUE) {
                warnings.add(where(firstStart) + ": " + what + " has no end marker in any results file: its fault"
                        + " window lasts to the end of the results (was the engine stopped before the fault ended?)");
                end = Long.MAX_VALUE;
            } else if (end <= start) {
                warnings.add(where(firstStart) + ": " + what + " ends (" + Instant.ofEpochMilli(end)
                        + ") before it is confirmed started (" + Instant.ofEpochMilli(start) + "): it opens no fault window");
                continue;
            }
            windows.add(new FaultWindow(start, end, List.of(any.experiment()),
                    any.executionId() == null ? List.of() : List.of(any.executionId()), FaultWindow.Source.MARKERS));
        }
        return new Derived(merge(windows), warnings, notes);
    }

    /** Sorts windows by start and merges those that overlap or touch. */
    public static List<FaultWindow> merge(List<FaultWindow> windows) {
        List<FaultWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(FaultWindow::startMillis).thenComparingLong(FaultWindow::endMillis));
        List<FaultWindow> merged = new ArrayList<>();
        for (FaultWindow w : sorted) {
            FaultWindow last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && w.startMillis() <= last.endMillis()) {
                List<String> experiments = union(last.experiments(), w.experiments());
                List<String> executions = union(last.executions(), w.executions());
                merged.set(merged.size() - 1, new FaultWindow(last.startMillis(), Math.max(last.endMillis(), w.endMillis()),
                        experiments, executions, last.source()));
            } else {
                merged.add(w);
            }
        }
        return merged;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        for (String s : b) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        return all;
    }

    /** Markers of one execution share its id; a marker without one is grouped by experiment. */
    private static String executionKey(FaultMarker m) {
        String id = m.executionId();
        return id == null || id.isBlank() || id.equals("none") ? "experiment:" + m.experiment() : "execution:" + id;
    }

    private static String describe(FaultMarker m) {
        String id = m.executionId();
        return id == null || id.isBlank() || id.equals("none") ? "the fault of experiment " + m.experiment()
                : "execution " + id + " of experiment " + m.experiment();
    }

    private static String where(FaultMarker m) {
        return m.source() + ":" + m.line();
    }
}
