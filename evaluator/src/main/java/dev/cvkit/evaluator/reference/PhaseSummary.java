package dev.cvkit.evaluator.reference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a reference run keeps of one phase of a run (the whole run is phase {@code all}): the overall
 * figures (requests only, as in the statistics) and each label's.
 *
 * @param overall the requests counted in overall
 * @param labels  every label's rows, in order of first appearance
 */
public record PhaseSummary(LabelSummary overall, Map<String, LabelSummary> labels) {
    public PhaseSummary {
        Objects.requireNonNull(overall, "overall");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
