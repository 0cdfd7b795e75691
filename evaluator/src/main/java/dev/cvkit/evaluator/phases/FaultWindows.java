package dev.cvkit.evaluator.phases;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.markers.MarkerWindow;
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
 *   <li>only markers with {@code success=true} count: a failed start is reported and opens no window;</li>
 *   <li>a window belongs to one execution id: it opens at Chaos Studio's record of the first fault action's
 *       start ({@code window=service; faultFrom}, earliest over all engines), else at the earliest start
 *       marker's own instant ({@code faultFrom}, or {@code timeStamp + elapsed} for a format-1 marker), and
 *       closes likewise at the latest service {@code faultTo}, else the latest end marker's own instant;</li>
 *   <li>a start without any end lasts to the end of the results, with a warning; a record that shows no
 *       fault action ran opens no window, with a note;</li>
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
            Bounds bounds = Bounds.of(group);
            FaultMarker any = group.get(0);
            String what = describe(any);
            if (bounds.start == Long.MAX_VALUE) {
                if (bounds.noFaultRan) {
                    notes.add(where(any) + ": Chaos Studio's record of " + what + " shows that no fault action"
                            + " started (only delays ran, or it ended first): it opens no fault window");
                } else {
                    warnings.add(where(any) + ": " + what + " has an end marker but no start marker in any results"
                            + " file: it opens no fault window");
                }
                continue;
            }
            FaultMarker first = bounds.firstStart != null ? bounds.firstStart : any;
            long end = bounds.end;
            if (end == Long.MIN_VALUE) {
                warnings.add(where(first) + ": " + what + " has no end marker in any results file: its fault"
                        + " window lasts to the end of the results (was the engine stopped before the fault ended?)");
                end = Long.MAX_VALUE;
            } else if (end <= bounds.start) {
                warnings.add(where(first) + ": " + what + " ends (" + Instant.ofEpochMilli(end)
                        + ") before it is confirmed started (" + Instant.ofEpochMilli(bounds.start)
                        + "): it opens no fault window");
                continue;
            }
            if (bounds.formatOne) {
                notes.add(where(first) + ": the markers of " + what + " are of format 1 (no window instants): its"
                        + " window runs from when an element saw it Running to when one saw it end, which can be a"
                        + " poll interval after the fault began and ended");
            } else if (!bounds.serviceStart || !bounds.serviceEnd) {
                notes.add(where(first) + ": Chaos Studio's record of " + what + " gave no "
                        + (bounds.serviceStart ? "end" : bounds.serviceEnd ? "start" : "start or end")
                        + " time: the window uses the engines' own instants there (before the start was sent, when"
                        + " the end was seen), which are wider than the fault");
            }
            windows.add(new FaultWindow(bounds.start, end, List.of(any.experiment()),
                    any.executionId() == null ? List.of() : List.of(any.executionId()), FaultWindow.Source.MARKERS));
        }
        return new Derived(merge(windows), warnings, notes);
    }

    /**
     * The window of one execution's confirmed markers. Chaos Studio's record ({@code window=service}), from
     * any marker of any engine, wins over the engines' own instants: start = the earliest service
     * {@code faultFrom}, else the earliest start marker's {@code faultFrom} (format 2) or {@code timeStamp +
     * elapsed} (format 1); end = the latest service {@code faultTo}, else the latest end marker's
     * {@code faultTo} or {@code timeStamp + elapsed}.
     */
    private static final class Bounds {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        FaultMarker firstStart;
        boolean serviceStart;
        boolean serviceEnd;
        boolean noFaultRan;
        boolean formatOne;

        static Bounds of(List<FaultMarker> group) {
            Bounds b = new Bounds();
            long serviceFrom = Long.MAX_VALUE;
            long serviceTo = Long.MIN_VALUE;
            long ownFrom = Long.MAX_VALUE;
            long ownTo = Long.MIN_VALUE;
            FaultMarker ownFirst = null;
            FaultMarker serviceFirst = null;
            for (FaultMarker m : group) {
                MarkerWindow w = m.window();
                boolean service = w != null && w.source() == MarkerWindow.Source.SERVICE;
                if (service && !w.faultRan()) {
                    b.noFaultRan = true;
                }
                if (service && w.hasFrom() && w.fromMillis() < serviceFrom) {
                    serviceFrom = w.fromMillis();
                    serviceFirst = m;
                }
                if (service && w.hasTo() && m.kind() == FaultMarker.Kind.END) {
                    serviceTo = Math.max(serviceTo, w.toMillis());
                }
                if (m.format() < 2) {
                    b.formatOne = true;
                }
                if (m.kind() == FaultMarker.Kind.START) {
                    long from = w != null && w.hasFrom() ? w.fromMillis() : m.instantMillis();
                    if (from < ownFrom) {
                        ownFrom = from;
                        ownFirst = m;
                    }
                } else if (!service || w.faultRan()) {
                    ownTo = Math.max(ownTo, w != null && w.hasTo() ? w.toMillis() : m.instantMillis());
                }
            }
            b.serviceStart = serviceFrom != Long.MAX_VALUE;
            b.serviceEnd = serviceTo != Long.MIN_VALUE;
            b.start = b.serviceStart ? serviceFrom : ownFrom;
            b.firstStart = b.serviceStart ? serviceFirst : ownFirst;
            b.end = b.serviceEnd ? serviceTo : ownTo;
            if (b.noFaultRan && !b.serviceStart) {
                // The service's record says no fault ran: the engines' instants stand for nothing.
                b.start = Long.MAX_VALUE;
            }
            return b;
        }
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
