package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Test helpers: reading with a given tuning, and a complete textual fingerprint of what was read. */
final class Reading {

    static final double[] PERCENTILES = {1, 10, 50, 75, 90, 95, 99, 99.9, 100};

    /** Sequential, commons-csv for every CSV file: the reference. */
    static final ResultsReader.Tuning REFERENCE = new ResultsReader.Tuning(1, Long.MAX_VALUE, 1 << 16, true, 0);
    /** The fast reader, splitting files into parts of about 64 bytes on 4 threads, with a 64-byte buffer. */
    static final ResultsReader.Tuning TINY_PARTS = new ResultsReader.Tuning(4, 64, 64, false, RowClassifier.MAX_PENDING);
    /** Tiny parts that give up after 2 undecided rows: the sequential read-on path. */
    static final ResultsReader.Tuning IMPATIENT_PARTS = new ResultsReader.Tuning(3, 100, 128, false, 2);
    /** The fast reader as shipped. */
    static final ResultsReader.Tuning DEFAULT = ResultsReader.Tuning.defaults();

    private Reading() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(Reading.class.getResource("/jtl/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a read printed to its progress stream, and what it returned. */
    record Outcome(RunStats stats, String progress) {
    }

    static Outcome read(ResultsReader.Tuning tuning, ReadingOptions options, Object... inputs) {
        StringWriter progress = new StringWriter();
        List<String> names = java.util.Arrays.stream(inputs).map(Object::toString).toList();
        RunStats stats = new ResultsReader(tuning).read(names, options, new PrintWriter(progress, true));
        return new Outcome(stats, progress.toString());
    }

    static RunStats read(Object... inputs) {
        return read(DEFAULT, new ReadingOptions(), inputs).stats();
    }

    /** Every figure, every warning and marker, as text: equal fingerprints mean equal results. */
    static String fingerprint(RunStats stats) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, SampleSummary> e : stats.labels().entrySet()) {
            text.append("label ").append(e.getKey()).append(": ").append(summary(e.getValue())).append('\n');
        }
        text.append("overall: ").append(summary(stats.overall())).append('\n');
        text.append("rows: ").append(stats.rowCounts()).append('\n');
        stats.warnings().forEach(w -> text.append("warning: ").append(w).append('\n'));
        stats.markers().forEach(m -> text.append("marker: ").append(m).append('\n'));
        return text.toString();
    }

    private static String summary(SampleSummary s) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "count=%d errors=%d first=%d last=%d",
                s.count(), s.errorCount(), s.firstStartMillis(), s.lastEndMillis()));
        for (Metric metric : Metric.values()) {
            Distribution d = s.distribution(metric);
            text.append(' ').append(metric).append("[n=").append(d.count());
            if (d.count() > 0) {
                text.append(" min=").append(d.minMillis()).append(" max=").append(d.maxMillis())
                        .append(" mean=").append(d.meanMillis());
                for (double p : PERCENTILES) {
                    text.append(" p").append(p).append('=').append(d.percentileMillis(p));
                }
            }
            text.append(']');
        }
        return text.toString();
    }
}
