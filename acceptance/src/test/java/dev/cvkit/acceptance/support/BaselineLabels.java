package dev.cvkit.acceptance.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The labels a criteria file names ({@code - Browse catalog: p95(response_time_ms) > 50} or
 * {@code - "Browse catalog: p95(...) > 50"}), in its tiers and their phases, read as plain YAML: independent of
 * which constructs the evaluator of the day judges.
 */
public final class BaselineLabels {

    /** The label before an aggregate: everything up to the last ": " that precedes {@code name(}. */
    private static final Pattern LABELLED = Pattern.compile("^(.+?):\\s+[A-Za-z_][A-Za-z0-9_.]*\\s*\\(");
    private static final List<String> TIERS = List.of("failureCriteria", "warnCriteria");

    private BaselineLabels() {
    }

    public static Set<String> of(Path baseline) throws IOException {
        Object root;
        try (Reader in = Files.newBufferedReader(baseline)) {
            root = new Yaml().load(in);
        }
        Set<String> labels = new LinkedHashSet<>();
        if (root instanceof Map<?, ?> top) {
            for (String tier : TIERS) {
                collect(top.get(tier), labels);
            }
        }
        return labels;
    }

    private static void collect(Object node, Set<String> labels) {
        if (node instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String text) {
                    Matcher m = LABELLED.matcher(text.strip());
                    if (m.find()) {
                        labels.add(m.group(1).strip());
                    }
                } else if (item instanceof Map<?, ?> map) {
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        if ("phases".equals(entry.getKey())) {
                            collect(entry.getValue(), labels);
                        } else {
                            labels.add(String.valueOf(entry.getKey()));
                        }
                    }
                }
            }
        } else if (node instanceof Map<?, ?> map) {
            // ALT's map form (clientMetrics, phases) or a phases map (before, during, after).
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!"serverMetrics".equals(entry.getKey())) {
                    collect(entry.getValue(), labels);
                }
            }
        }
    }
}
