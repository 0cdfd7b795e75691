package dev.cvkit.evaluator.criteria;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads one ALT {@code serverMetrics} entry ({@code resourceId}, {@code metricNamespace},
 * {@code metricName}, {@code aggregation}, {@code condition}, {@code value}) into a description that the
 * reports show as "not evaluated locally".
 */
final class ServerMetrics {

    private ServerMetrics() {
    }

    static ServerMetricCriterion read(Node item, Tier tier, String source) {
        SourceLocation at = CriteriaFileLoader.location(source, item);
        if (!(item instanceof MappingNode map)) {
            throw CriteriaErrors.at(at, "a serverMetrics entry is a map (resourceId, metricNamespace, metricName,"
                    + " aggregation, condition, value), found " + CriteriaFileLoader.describe(item));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = CriteriaFileLoader.scalarText(t.getKeyNode());
            String value = CriteriaFileLoader.scalarText(t.getValueNode());
            if (key != null && value != null) {
                fields.put(key, value);
            }
        }
        String metric = fields.getOrDefault("metricName", "?");
        String text = "server metric " + fields.getOrDefault("aggregation", "?") + "(" + metric + ") "
                + fields.getOrDefault("condition", "?") + " " + fields.getOrDefault("value", "?")
                + " on " + lastSegment(fields.getOrDefault("resourceId", "?"));
        return new ServerMetricCriterion(text, at, tier);
    }

    private static String lastSegment(String resourceId) {
        String trimmed = resourceId.endsWith("/") ? resourceId.substring(0, resourceId.length() - 1) : resourceId;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }
}
