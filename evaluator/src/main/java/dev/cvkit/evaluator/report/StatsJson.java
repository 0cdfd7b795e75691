package dev.cvkit.evaluator.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.io.IOException;
import java.util.Map;

/**
 * The {@code stats} object of the JSON report: {@code overall} and {@code labels.<label>}, each with
 * count, errors, errorPct, mean, min, max, p50, p90, p95, p99 (milliseconds of {@code elapsed}) and rps.
 * A figure that is undefined (no rows, zero time span) is {@code null}, never NaN.
 */
public final class StatsJson {

    private StatsJson() {
    }

    public static ObjectNode of(RunStats stats) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("overall", summary(stats.overall()));
        ObjectNode labels = node.putObject("labels");
        for (Map.Entry<String, SampleSummary> e : stats.labels().entrySet()) {
            labels.set(e.getKey(), summary(e.getValue()));
        }
        return node;
    }

    /** The same as {@link #of}, written one label at a time (a tree of every label may not fit the heap). */
    static void write(JsonGenerator g, RunStats stats) throws IOException {
        g.writeStartObject();
        g.writeFieldName("overall");
        g.getCodec().writeTree(g, summary(stats.overall()));
        g.writeFieldName("labels");
        g.writeStartObject();
        for (Map.Entry<String, SampleSummary> e : stats.labels().entrySet()) {
            g.writeFieldName(e.getKey());
            g.getCodec().writeTree(g, summary(e.getValue()));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static ObjectNode summary(SampleSummary s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("count", s.count());
        n.put("errors", s.errorCount());
        putNumber(n, "errorPct", s.errorPct());
        Distribution elapsed = s.distribution(Metric.RESPONSE_TIME_MS);
        boolean any = elapsed.count() > 0;
        putNumber(n, "mean", any ? elapsed.meanMillis() : Double.NaN);
        putLong(n, "min", any, elapsed.minMillis());
        putLong(n, "max", any, elapsed.maxMillis());
        putLong(n, "p50", any, any ? elapsed.percentileMillis(50) : 0);
        putLong(n, "p90", any, any ? elapsed.percentileMillis(90) : 0);
        putLong(n, "p95", any, any ? elapsed.percentileMillis(95) : 0);
        putLong(n, "p99", any, any ? elapsed.percentileMillis(99) : 0);
        putNumber(n, "rps", s.requestsPerSecond());
        return n;
    }

    static void putNumber(ObjectNode n, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static void putLong(ObjectNode n, String field, boolean defined, long value) {
        if (defined) {
            n.put(field, value);
        } else {
            n.putNull(field);
        }
    }
}
