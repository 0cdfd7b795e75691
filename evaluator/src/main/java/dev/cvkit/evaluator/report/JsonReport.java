package dev.cvkit.evaluator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.RelativeFigures;
import dev.cvkit.evaluator.criteria.Tier;
import dev.cvkit.evaluator.stats.RunStats;
import java.util.List;

/**
 * The {@code --json} report of {@code cvkit evaluate}: {@code verdict}, {@code stats}, {@code phases}
 * (empty until fault phases are read), {@code criteria} (text, phase, label, actual, threshold, outcome,
 * and tier, unit, line, note; for criteria relative to a reference run also reference, changePct, pValue
 * and test), {@code reference} (the reference run, or null) and the reader's {@code warnings}. See the
 * evaluator output contract.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static ObjectNode of(Evaluation evaluation, RunStats stats, List<String> inputs) {
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
        root.set("stats", StatsJson.of(stats));
        root.putArray("phases");
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
        try {
            return MAPPER.writeValueAsString(of(evaluation, stats, inputs)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }
}
