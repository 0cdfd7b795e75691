package dev.cvkit.evaluator.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.evaluator.stats.Metric;
import java.util.Map;

/**
 * Writes a {@link ReferenceRun} as the versioned JSON of a reference file, and names its fields for
 * {@link ReferenceJsonReader}. Layout (version {@value #VERSION}):
 *
 * <pre>{@code
 * {
 *   "format": "cvkit-reference-run", "version": 2,
 *   "recordedAt": "2026-01-02T03:04:05Z", "recordedBy": "cvkit 0.1.0",
 *   "sources": ["results.jtl"],
 *   "bucketing": "<how the histogram buckets read>",
 *   "phases": {
 *     "all": {
 *       "overall": <summary>,
 *       "labels": {"Home": <summary>, ...}
 *     }
 *   }
 * }
 * <summary> = {"count", "errors", "firstStartMillis", "lastEndMillis", "errorPct"*, "requestsPerSecond"*,
 *              "responseTimeMs"|"latencyMs"|"connectTimeMs": <histogram> (each only when the rows carry it)}
 * <histogram> = {"count", "sumMillis", "minMillis", "maxMillis", "mean"*, "p50"*, "p90"*, "p95"*, "p99"*,
 *                "buckets": "<largest value of the bucket in ms>:<values in it> ..."}
 * }</pre>
 *
 * Fields marked * are written for people reading the file; they are derived from the others and ignored
 * when the file is read. A histogram's buckets are one string of {@code ms:count} pairs separated by spaces
 * (version 1 wrote a JSON list of {@code [ms, count]} pairs, still read): a fresh JVM parses some 50,000
 * numbers of a reference as JSON tokens in about 0.2 s of a core, the same pairs in a string in a few
 * milliseconds, and a gate reads its reference in every run.
 */
public final class ReferenceJson {

    /** The value of {@code format}: what this file is. */
    public static final String FORMAT = "cvkit-reference-run";
    /** The version of the layout this cvkit writes. */
    public static final int VERSION = 2;
    /** The oldest version this cvkit reads (1: buckets as a JSON list of pairs). */
    public static final int OLDEST_READ = 1;

    static final String F_FORMAT = "format";
    static final String F_VERSION = "version";
    static final String F_RECORDED_AT = "recordedAt";
    static final String F_RECORDED_BY = "recordedBy";
    static final String F_SOURCES = "sources";
    static final String F_BUCKETS_NOTE = "bucketing";
    static final String F_PHASES = "phases";
    static final String F_OVERALL = "overall";
    static final String F_LABELS = "labels";
    static final String F_COUNT = "count";
    static final String F_ERRORS = "errors";
    static final String F_FIRST_START = "firstStartMillis";
    static final String F_LAST_END = "lastEndMillis";
    static final String F_SUM = "sumMillis";
    static final String F_MIN = "minMillis";
    static final String F_MAX = "maxMillis";
    static final String F_BUCKETS = "buckets";

    static final String BUCKETS_NOTE = "each histogram's buckets are \"largest value it holds in ms:values in it\""
            + " pairs separated by spaces; one bucket per ms below " + TimingHistogram.EXACT_BELOW_MILLIS + " ms, then 128 per power of two";

    /**
     * Made when a reference is first written: reading one must not pay for an {@code ObjectMapper} (a few
     * hundred milliseconds of class loading and set-up in a fresh JVM).
     */
    private static final class Writer {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final double[] SHOWN_PERCENTILES = {50, 90, 95, 99};

    private ReferenceJson() {
    }

    /** The field holding a timing's histogram. */
    static String fieldOf(Metric metric) {
        return switch (metric) {
            case RESPONSE_TIME_MS -> "responseTimeMs";
            case LATENCY_MS -> "latencyMs";
            case CONNECT_TIME_MS -> "connectTimeMs";
        };
    }

    /** The reference run as the text of a reference file, ending with a line break. */
    public static String toJson(ReferenceRun run) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put(F_FORMAT, FORMAT);
        root.put(F_VERSION, VERSION);
        root.put(F_RECORDED_AT, run.recordedAt().toString());
        root.put(F_RECORDED_BY, run.recordedBy());
        ArrayNode sources = root.putArray(F_SOURCES);
        run.sources().forEach(sources::add);
        root.put(F_BUCKETS_NOTE, BUCKETS_NOTE);
        ObjectNode phases = root.putObject(F_PHASES);
        for (Map.Entry<String, PhaseSummary> p : run.phases().entrySet()) {
            ObjectNode phase = phases.putObject(p.getKey());
            phase.set(F_OVERALL, summary(p.getValue().overall()));
            ObjectNode labels = phase.putObject(F_LABELS);
            p.getValue().labels().forEach((label, s) -> labels.set(label, summary(s)));
        }
        try {
            return Writer.MAPPER.writer(new CompactArrays()).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    private static ObjectNode summary(LabelSummary s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put(F_COUNT, s.count());
        n.put(F_ERRORS, s.errors());
        n.put(F_FIRST_START, s.firstStartMillis());
        n.put(F_LAST_END, s.lastEndMillis());
        putDerived(n, "errorPct", s.errorPct());
        putDerived(n, "requestsPerSecond", s.requestsPerSecond());
        for (Metric metric : Metric.values()) {
            s.timing(metric).ifPresent(h -> n.set(fieldOf(metric), histogram(h)));
        }
        return n;
    }

    private static ObjectNode histogram(TimingHistogram h) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put(F_COUNT, h.count());
        n.put(F_SUM, h.sumMillis());
        n.put(F_MIN, h.minMillis());
        n.put(F_MAX, h.maxMillis());
        putDerived(n, "mean", h.meanMillis());
        for (double p : SHOWN_PERCENTILES) {
            n.put("p" + (int) p, h.percentileMillis(p));
        }
        StringBuilder buckets = new StringBuilder();
        h.forEachBucket((bucket, count) -> {
            if (buckets.length() > 0) {
                buckets.append(' ');
            }
            buckets.append(bucket).append(':').append(count);
        });
        n.put(F_BUCKETS, buckets.toString());
        return n;
    }

    private static void putDerived(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, Math.round(value * 1000) / 1000.0);
        } else {
            n.putNull(field);
        }
    }

    /** Indented objects, arrays on one line: a histogram is one line, not two thousand. */
    private static final class CompactArrays extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        CompactArrays() {
            _arrayIndenter = NopIndenter.instance;
            _objectFieldValueSeparatorWithSpaces = ": ";
        }

        @Override
        public CompactArrays createInstance() {
            return new CompactArrays();
        }

        @Override
        public void writeArrayValueSeparator(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
            g.writeRaw(", ");
        }
    }
}
