package dev.cvkit.evaluator.reference;

import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns statistics into the summaries a reference run keeps. {@code cvkit baseline record} summarizes the
 * run it records with it, and {@code cvkit evaluate} summarizes the current run with it before comparing,
 * so both sides of a relative criterion are read the same way.
 */
public final class ReferenceSummarizer {

    private ReferenceSummarizer() {
    }

    /** Overall and every label of {@code stats}. */
    public static PhaseSummary summarize(RunStats stats) {
        Map<String, LabelSummary> labels = new LinkedHashMap<>();
        stats.labels().forEach((label, summary) -> labels.put(label, summarize(summary)));
        return new PhaseSummary(summarize(stats.overall()), labels);
    }

    /** One set of rows. */
    public static LabelSummary summarize(SampleSummary rows) {
        Map<Metric, TimingHistogram> timings = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            Distribution d = rows.distribution(metric);
            if (d.count() > 0) {
                timings.put(metric, TimingHistogram.of(d));
            }
        }
        boolean any = rows.count() > 0;
        return new LabelSummary(rows.count(), rows.errorCount(), any ? rows.firstStartMillis() : 0,
                any ? rows.lastEndMillis() : 0, timings);
    }
}
