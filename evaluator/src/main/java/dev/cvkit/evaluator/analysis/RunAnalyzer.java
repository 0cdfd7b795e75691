package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.text.LogText;
import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.cli.UsageException;
import dev.cvkit.evaluator.jtl.PreScan;
import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.jtl.ResultsReader;
import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.FaultWindowOption;
import dev.cvkit.evaluator.phases.FaultWindows;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.stats.LabelStatsSink;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.SampleSummary;
import dev.cvkit.evaluator.stats.ThreadPlateau;
import dev.cvkit.evaluator.timeline.TimelineAccumulator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads results once into everything the gate judges: statistics per phase and for the whole run after the
 * warm-up, and the run over time.
 *
 * <p><b>One reading, exact phases.</b> A row's phase depends on fault markers that may sit anywhere in any
 * engine's file, on the first sample (offsets of {@code --fault-window}, a {@code warmup:} duration) and on
 * every file's thread plateau ({@code warmup: auto}). Rather than keep rows (memory) or read twice (time),
 * a {@link PreScan} guesses these cheaply first (a byte search for the markers, the start of each file);
 * the reading then files every row by its exact phase, and checks the guess against what it read in full.
 * Only when the guess was wrong (a case the pre-scan cannot see, such as a marker in an XML file) are the
 * results read a second time, with what the first reading found.
 */
public final class RunAnalyzer {

    private final ResultsReader reader;

    public RunAnalyzer() {
        this(new ResultsReader());
    }

    public RunAnalyzer(ResultsReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** What decides the phase plan. */
    private record Facts(List<FaultMarker> markers, long firstSampleMillis, Map<String, ThreadPlateau> plateaus,
            List<String> sources) {
    }

    /**
     * @throws InvalidInputException for unreadable results, results without requests (after the warm-up), or
     *                               a {@code warmup: auto} on results without thread counts
     * @throws UsageException        when a {@code --fault-window} with offsets ends before it starts
     */
    public RunAnalysis analyze(List<String> inputs, ReadingOptions options, AnalysisRequest request,
            PrintWriter progress) {
        boolean markers = request.faultWindows().isEmpty();
        boolean first = request.warmup().kind() == Warmup.Kind.DURATION
                || request.faultWindows().stream().anyMatch(FaultWindowOption::needsFirstSample);
        boolean threads = request.warmup().kind() == Warmup.Kind.AUTO;
        Facts guessed = new Facts(List.of(), Long.MAX_VALUE, Map.of(), List.of());
        long width = TimelineAccumulator.widthFor(-1, request.cellBudget());
        if (markers || first || threads) {
            PreScan.Result pre = PreScan.scan(inputs, options, new PreScan.Wanted(markers, first, threads));
            guessed = new Facts(pre.markers(), pre.firstSampleMillis(), pre.threadPlateaus(), List.of());
            width = TimelineAccumulator.widthFor(pre.spanMillis(), request.cellBudget());
        }
        // Windows given as instants need no guess at all.
        PhasePlan guess = guessPlan(request, guessed);
        ResultsReader.Result<AnalysisSink> read = reader.read(inputs, options, progress,
                AnalysisSink.factory(guess, request, width));
        request.rowsRead().run();
        Facts facts = new Facts(read.markers(), read.sink().firstMillis, read.sink().plateaus, read.sources());
        List<String> phaseWarnings = new ArrayList<>();
        PhasePlan plan = plan(request, facts, phaseWarnings);
        int readings = 1;
        if (!plan.sameAs(guess)) {
            readings = 2;
            // The guess filed some rows in the wrong phase: read again, now knowing the plan (warnings were
            // printed by the first reading).
            read = reader.read(inputs, options, null, AnalysisSink.factory(plan, request, width));
        }
        for (String w : phaseWarnings) {
            if (progress != null) {
                progress.println("cvkit: warning: " + LogText.inline(w));
            }
        }
        if (progress != null) {
            progress.flush();
        }
        List<String> warnings = new ArrayList<>(read.warnings());
        warnings.addAll(phaseWarnings);
        return build(read, plan, request, warnings, readings);
    }

    /** The plan the pre-scan's guesses stand for; never throws (a bad guess only costs a second reading). */
    private static PhasePlan guessPlan(AnalysisRequest request, Facts facts) {
        try {
            return plan(request, facts, new ArrayList<>());
        } catch (RuntimeException e) {
            return PhasePlan.whole();
        }
    }

    private static PhasePlan plan(AnalysisRequest request, Facts facts, List<String> warnings) {
        List<FaultWindow> windows;
        if (request.faultWindows().isEmpty()) {
            FaultWindows.Derived derived = FaultWindows.fromMarkers(facts.markers());
            warnings.addAll(derived.warnings());
            warnings.addAll(derived.notes());
            windows = derived.windows();
        } else {
            windows = new ArrayList<>();
            for (FaultWindowOption option : request.faultWindows()) {
                try {
                    windows.add(option.resolve(facts.firstSampleMillis()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        long warmupEnd = switch (request.warmup().kind()) {
            case NONE -> PhasePlan.NO_WARMUP;
            case DURATION -> facts.firstSampleMillis() + request.warmup().millis();
            case AUTO -> plateauEnd(facts);
        };
        PhasePlan plan = PhasePlan.of(warmupEnd, windows);
        for (FaultWindow w : plan.windows()) {
            if (warmupEnd != PhasePlan.NO_WARMUP && w.startMillis() < warmupEnd) {
                warnings.add("the warm-up (until " + Instant.ofEpochMilli(warmupEnd) + ") covers the start of the"
                        + " fault window from " + Instant.ofEpochMilli(w.startMillis()) + ": rows before "
                        + Instant.ofEpochMilli(warmupEnd) + " are left out of every phase");
            }
        }
        return plan;
    }

    /** {@code warmup: auto}: the latest first-instant-at-plateau over every results file. */
    private static long plateauEnd(Facts facts) {
        long end = Long.MIN_VALUE;
        for (String source : facts.sources()) {
            ThreadPlateau p = facts.plateaus().get(source);
            if (p == null || p.isEmpty()) {
                throw new InvalidInputException(source, 0, "warmup: auto needs the number of active threads of every"
                        + " row, JMeter's allThreads (or grpThreads) column, and this file has none; write the"
                        + " warm-up as a duration instead (warmup: 60s), or save the thread counts"
                        + " (jmeter.save.saveservice.thread_counts=true)");
            }
            end = Math.max(end, p.plateauStartMillis());
        }
        if (facts.sources().isEmpty()) {
            for (ThreadPlateau p : facts.plateaus().values()) {
                end = Math.max(end, p.plateauStartMillis());
            }
        }
        return end == Long.MIN_VALUE ? PhasePlan.NO_WARMUP : end;
    }

    private static RunAnalysis build(ResultsReader.Result<AnalysisSink> read, PhasePlan plan, AnalysisRequest request,
            List<String> warnings, int readings) {
        AnalysisSink sink = read.sink();
        LabelStatsSink[] stats = sink.phaseStats;
        List<Map<String, SampleSummary>> byPhase = new ArrayList<>();
        for (LabelStatsSink s : stats) {
            byPhase.add(s.labels());
        }
        Map<String, SampleSummary> labels = new LinkedHashMap<>();
        for (int id = 0; id < sink.labels.size(); id++) {
            String name = sink.labels.name(id);
            List<SampleSummary> parts = new ArrayList<>();
            for (Map<String, SampleSummary> m : byPhase) {
                SampleSummary s = m.get(name);
                if (s != null) {
                    parts.add(s);
                }
            }
            if (!parts.isEmpty()) {
                labels.put(name, MergedSummary.of(parts));
            }
        }
        List<SampleSummary> overalls = new ArrayList<>();
        long[] counts = new long[4];
        for (LabelStatsSink s : stats) {
            overalls.add(s.overall());
            RowCounts c = s.rowCounts();
            counts[0] += c.requests();
            counts[1] += c.transactions();
            counts[2] += c.subResults();
            counts[3] += c.markers();
        }
        RowCounts rowCounts = new RowCounts(counts[0], counts[1], counts[2], counts[3])
                .withSkipped(read.rowCounts().skipped(), read.rowCounts().firstSkipped());
        long lastEnd = Long.MIN_VALUE;
        for (SampleSummary s : labels.values()) {
            lastEnd = Math.max(lastEnd, s.lastEndMillis());
        }
        if (lastEnd == Long.MIN_VALUE) {
            lastEnd = sink.lastMillis;
        }
        if (rowCounts.requests() == 0) {
            throw new InvalidInputException(String.join(", ", read.sources()), 0, "the warm-up (" + request.warmup()
                    + ", until " + Instant.ofEpochMilli(plan.warmupEndMillis()) + ") leaves no request to count: the "
                    + sink.warmupRows + " rows read all start before it ends");
        }
        long dataStart = Math.max(sink.firstMillis, plan.warmupEndMillis());
        List<PhaseStats> phases = new ArrayList<>();
        if (plan.hasFaultWindows()) {
            for (Phase phase : Phase.values()) {
                int index = AnalysisSink.statsIndex(kindOf(phase));
                long start = Long.MAX_VALUE;
                long end = Long.MIN_VALUE;
                for (Segment s : plan.segments()) {
                    if (s.kind().phase() == phase) {
                        start = Math.min(start, s.startMillis());
                        end = Math.max(end, s.endMillis());
                    }
                }
                start = Math.min(Math.max(start, dataStart), lastEnd);
                end = Math.max(Math.min(end, lastEnd), start);
                LabelStatsSink s = stats[index];
                phases.add(new PhaseStats(phase, start, end, s.overall(), s.labels(), s.rowCounts()));
            }
        }
        RunAnalysis.WindowSource source = !plan.hasFaultWindows() ? RunAnalysis.WindowSource.NONE
                : request.faultWindows().isEmpty() ? RunAnalysis.WindowSource.MARKERS : RunAnalysis.WindowSource.OPTION;
        return new RunAnalysis(MergedSummary.of(overalls), labels, warnings, rowCounts, read.markers(), plan, phases,
                sink.timeline == null ? null
                        : sink.timeline.build(plan.segments(), sink.timeCellSegments, sink.firstMillis, sink.lastMillis),
                request.warmup(),
                sink.warmupRows, sink.firstMillis, lastEnd, source, readings);
    }

    private static Segment.Kind kindOf(Phase phase) {
        return switch (phase) {
            case BEFORE -> Segment.Kind.BEFORE;
            case DURING -> Segment.Kind.DURING;
            case AFTER -> Segment.Kind.AFTER;
        };
    }
}
