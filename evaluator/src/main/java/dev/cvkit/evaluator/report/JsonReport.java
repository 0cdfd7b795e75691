package dev.cvkit.evaluator.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.RelativeFigures;
import dev.cvkit.evaluator.criteria.SustainedFigures;
import dev.cvkit.evaluator.criteria.Tier;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} report of {@code cvkit evaluate}: {@code verdict}, {@code stats} (the whole run after the
 * warm-up), {@code phases} (name, start, end in epoch ms and the phase's stats; empty without a fault window),
 * {@code faultWindows}, {@code warmup}, {@code recovery}, {@code criteria} (text, phase, label, actual,
 * threshold, outcome, and tier, unit, line, note; for criteria relative to a reference run also reference,
 * changePct, pValue and test; for {@code for 30s} criteria windowSeconds and the longest stretch),
 * {@code reference} (the reference run, or null) and the reader's {@code warnings}. See the evaluator output
 * contract.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static ObjectNode of(Evaluation evaluation, RunStats stats, List<String> inputs) {
        return of(evaluation, RunAnalysis.of(stats), List.of(), RecoverySettings.DEFAULTS, inputs);
    }

    public static ObjectNode of(Evaluation evaluation, RunAnalysis stats, List<Recovery.FlowRecovery> recovery,
            RecoverySettings settings, List<String> inputs) {
        ObjectNode root = withoutLabels(evaluation, stats, recovery, settings, inputs);
        root.set("stats", StatsJson.of(stats));
        root.set("phases", PhasesJson.phases(stats));
        return root;
    }

    /**
     * The report with {@code stats} and {@code phases} left empty (they are written label by label, see
     * {@link #write}), in the report's order of fields.
     */
    private static ObjectNode withoutLabels(Evaluation evaluation, RunAnalysis stats,
            List<Recovery.FlowRecovery> recovery, RecoverySettings settings, List<String> inputs) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("verdict", evaluation.verdict().jsonName());
        root.put("criteriaFile", evaluation.criteriaSource());
        ArrayNode results = root.putArray("results");
        inputs.forEach(results::add);
        if (evaluation.reference() != null) {
            ObjectNode reference = root.putObject("reference");
            reference.put("file", evaluation.reference().source());
            reference.put("recordedAt", evaluation.reference().recordedAt().toString());
            ArrayNode sources = reference.putArray("sources");
            evaluation.reference().sources().forEach(sources::add);
        } else {
            root.putNull("reference");
        }
        root.putNull("stats");
        root.putNull("phases");
        root.set("faultWindows", PhasesJson.faultWindows(stats));
        root.set("warmup", PhasesJson.warmup(stats));
        root.set("recovery", PhasesJson.recovery(stats, recovery, settings));
        ArrayNode criteria = root.putArray("criteria");
        for (CriterionResult r : evaluation.results()) {
            ObjectNode c = criteria.addObject();
            c.put("text", r.text());
            c.put("phase", r.phase());
            c.put("label", r.label());
            StatsJson.putNumber(c, "actual", r.actual());
            StatsJson.putNumber(c, "threshold", r.threshold());
            c.put("unit", r.unit());
            // Relative criteria: actual is the current value, threshold a change in percent of the reference.
            c.put("thresholdUnit", r.isRelative() ? "%" : r.unit());
            RelativeFigures f = r.relative();
            StatsJson.putNumber(c, "reference", f == null ? null : f.referenceValue());
            putChange(c, f == null ? null : f.changePct());
            StatsJson.putNumber(c, "pValue", f == null ? null : f.pValue());
            c.put("test", f == null ? null : f.test());
            SustainedFigures w = r.sustained();
            StatsJson.putNumber(c, "windowSeconds", w == null ? null : w.windowMillis() / 1000.0);
            if (w != null) {
                ObjectNode held = c.putObject("longestStretch");
                held.put("seconds", w.longestMillis() / 1000.0);
                if (w.longestMillis() == 0) {
                    held.putNull("start");
                    held.putNull("end");
                } else {
                    held.put("start", w.longestStartMillis());
                    held.put("end", w.longestEndMillis());
                }
                held.put("stepSeconds", w.stepMillis() / 1000.0);
            }
            c.put("outcome", r.outcome().jsonName());
            c.put("tier", r.tier() == Tier.FAIL ? "fail" : "warn");
            c.put("file", r.location().file());
            c.put("line", r.location().line());
            c.put("note", r.note());
        }
        ArrayNode warnings = root.putArray("warnings");
        stats.warnings().forEach(warnings::add);
        return root;
    }

    /** A change in percent; a rise from 0 is infinite, which JSON cannot hold: written as the string "inf". */
    private static void putChange(ObjectNode c, Double changePct) {
        if (changePct != null && changePct.isInfinite()) {
            c.put("changePct", changePct > 0 ? "inf" : "-inf");
        } else {
            StatsJson.putNumber(c, "changePct", changePct);
        }
    }

    public static String toJson(Evaluation evaluation, RunStats stats, List<String> inputs) {
        return toJson(evaluation, RunAnalysis.of(stats), List.of(), RecoverySettings.DEFAULTS, inputs);
    }

    public static String toJson(Evaluation evaluation, RunAnalysis stats, List<Recovery.FlowRecovery> recovery,
            RecoverySettings settings, List<String> inputs) {
        StringWriter text = new StringWriter();
        try {
            write(text, evaluation, stats, recovery, settings, inputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Writes the report as {@link #toJson} gives it, one label's figures at a time: a run with tens of thousands of
     * labels made a tree (and a text) of hundreds of megabytes, beyond the evaluator's heap.
     */
    public static void write(Writer out, Evaluation evaluation, RunAnalysis stats, List<Recovery.FlowRecovery> recovery,
            RecoverySettings settings, List<String> inputs) throws IOException {
        ObjectNode root = withoutLabels(evaluation, stats, recovery, settings, inputs);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the line end below still goes to it
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                g.writeFieldName(field.getKey());
                switch (field.getKey()) {
                    case "stats" -> StatsJson.write(g, stats);
                    case "phases" -> PhasesJson.writePhases(g, stats);
                    default -> MAPPER.writeTree(g, field.getValue());
                }
            }
            g.writeEndObject();
        }
        out.write("\n");
    }
}
