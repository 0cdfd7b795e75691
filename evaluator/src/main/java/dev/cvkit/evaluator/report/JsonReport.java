package dev.cvkit.evaluator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Tier;
import dev.cvkit.evaluator.stats.RunStats;
import java.util.List;

/**
 * The {@code --json} report of {@code cvkit evaluate}: {@code verdict}, {@code stats}, {@code phases}
 * (empty until fault phases are read), {@code criteria} (text, phase, label, actual, threshold, outcome,
 * and tier, unit, line, note) and the reader's {@code warnings}. See the evaluator output contract.
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

    public static String toJson(Evaluation evaluation, RunStats stats, List<String> inputs) {
        try {
            return MAPPER.writeValueAsString(of(evaluation, stats, inputs)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }
}
