package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.stats.LabelNames;
import dev.cvkit.evaluator.stats.LabelStatsSink;
import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.stats.SampleSink;
import dev.cvkit.evaluator.stats.SampleSinkFactory;
import dev.cvkit.evaluator.stats.ThreadCountSink;
import dev.cvkit.evaluator.stats.ThreadPlateau;
import dev.cvkit.evaluator.timeline.TimelineAccumulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files each row, as the reader streams it, by the segment of a {@link PhasePlan} its {@code timeStamp}
 * falls in: into per-label statistics of its phase (one {@link LabelStatsSink} per phase, full resolution;
 * warm-up rows into none) and into the time cells of its segment. Also notes what confirms the plan: the
 * earliest and latest {@code timeStamp}, and each file's thread plateau when {@code warmup: auto} asked.
 */
final class AnalysisSink implements SampleSink, ThreadCountSink {

    /** Makes and merges sinks for one plan. */
    static SampleSinkFactory<AnalysisSink> factory(PhasePlan plan, AnalysisRequest request, long cellWidthMillis) {
        return factory(plan, request, cellWidthMillis, 1);
    }

    /** @param parts the time cells of each sink hold a share of the budget: one of this many read together */
    private static SampleSinkFactory<AnalysisSink> factory(PhasePlan plan, AnalysisRequest request,
            long cellWidthMillis, int parts) {
        return new SampleSinkFactory<>() {
            @Override
            public AnalysisSink create(LabelNames labels) {
                AnalysisSink sink = new AnalysisSink(plan, labels, request, cellWidthMillis);
                if (sink.timeline != null && parts > 1) {
                    sink.timeline.shareOf(parts);
                }
                return sink;
            }

            @Override
            public void merge(AnalysisSink target, AnalysisSink source) {
                target.absorb(source);
            }

            @Override
            public SampleSinkFactory<AnalysisSink> forParts(int count) {
                return factory(plan, request, cellWidthMillis, count);
            }
        };
    }

    final PhasePlan plan;
    final LabelNames labels;
    private final boolean wantsThreads;
    /** The statistics phase of each segment: an index into {@link #phaseStats}, -1 for the warm-up. */
    private final int[] statsOfSegment;
    /** Segment starts after the first: a row's segment is the number of them at or before its timeStamp. */
    private final long[] bounds;
    final LabelStatsSink[] phaseStats;
    /** The time cells, or null when the reading keeps none. */
    final TimelineAccumulator timeline;
    /** Per segment: whether its rows go into the time cells (null when the reading keeps none). */
    final boolean[] timeCellSegments;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    long warmupRows;
    long warmupRequests;
    final Map<String, ThreadPlateau> plateaus = new LinkedHashMap<>();
    private String lastSource;
    private ThreadPlateau lastPlateau;

    AnalysisSink(PhasePlan plan, LabelNames labels, AnalysisRequest request, long cellWidthMillis) {
        this.plan = plan;
        this.labels = labels;
        this.wantsThreads = request.warmup().kind() == dev.cvkit.evaluator.phases.Warmup.Kind.AUTO;
        List<Segment> segments = plan.segments();
        this.statsOfSegment = new int[segments.size()];
        this.bounds = new long[segments.size() - 1];
        for (Segment s : segments) {
            statsOfSegment[s.index()] = statsIndex(s.kind());
            if (s.index() > 0) {
                bounds[s.index() - 1] = s.startMillis();
            }
        }
        this.phaseStats = new LabelStatsSink[plan.hasFaultWindows() ? 3 : 1];
        for (int i = 0; i < phaseStats.length; i++) {
            phaseStats[i] = new LabelStatsSink(labels);
        }
        this.timeCellSegments = request.timeCellSegments(plan);
        this.timeline = timeCellSegments == null ? null : new TimelineAccumulator(labels, segments.size(),
                request.keepLatency(), request.keepConnect(), request.cellBudget(), cellWidthMillis,
                request.namedLabels(), TimelineAccumulator.LABELS_KEPT);
    }

    /** Index of a segment kind's statistics: the whole run 0, or before 0, during 1, after 2; warm-up -1. */
    static int statsIndex(Segment.Kind kind) {
        return switch (kind) {
            case WARMUP -> -1;
            case WHOLE, BEFORE -> 0;
            case DURING -> 1;
            case AFTER -> 2;
        };
    }

    @Override
    public void sample(int labelId, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
            boolean success, RowKind kind) {
        if (startMillis < firstMillis) {
            firstMillis = startMillis;
        }
        if (startMillis > lastMillis) {
            lastMillis = startMillis;
        }
        int segment = 0;
        while (segment < bounds.length && startMillis >= bounds[segment]) {
            segment++;
        }
        int stats = statsOfSegment[segment];
        if (stats >= 0) {
            phaseStats[stats].sample(labelId, startMillis, elapsedMillis, latencyMillis, connectMillis, success, kind);
        } else {
            warmupRows++;
            if (kind.countsInOverall()) {
                warmupRequests++;
            }
        }
        if (timeline != null && kind != RowKind.MARKER && timeCellSegments[segment]) {
            timeline.record(segment, labelId, startMillis, elapsedMillis, latencyMillis, connectMillis, success,
                    kind.countsInOverall());
        }
    }

    @Override
    public boolean wantsActiveThreads() {
        return wantsThreads;
    }

    @Override
    public void activeThreads(String source, long startMillis, long threads) {
        if (source != lastSource) {
            lastSource = source;
            lastPlateau = plateaus.computeIfAbsent(source, s -> new ThreadPlateau());
        }
        lastPlateau.record(startMillis, threads);
    }

    /** Adds another part's sink; the other is not to be used afterwards. */
    private void absorb(AnalysisSink other) {
        // Labels first, in the other's order of first appearance, so that merged labels keep the file order.
        for (int id = 0; id < other.labels.size(); id++) {
            labels.intern(other.labels.name(id));
        }
        for (int i = 0; i < phaseStats.length; i++) {
            LabelStatsSink.FACTORY.merge(phaseStats[i], other.phaseStats[i]);
        }
        if (timeline != null) {
            timeline.add(other.timeline);
        }
        firstMillis = Math.min(firstMillis, other.firstMillis);
        lastMillis = Math.max(lastMillis, other.lastMillis);
        warmupRows += other.warmupRows;
        warmupRequests += other.warmupRequests;
        other.plateaus.forEach((source, p) -> plateaus.computeIfAbsent(source, s -> new ThreadPlateau()).add(p));
    }
}
