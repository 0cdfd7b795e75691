package dev.cvkit.evaluator.criteria;

import java.util.Objects;

/**
 * Which rows a criterion judges: a phase of the run and, optionally, one label.
 *
 * @param phase the phase name: {@link #WHOLE_RUN} for every row after the warm-up, or a fault phase
 *              ({@code before}, {@code during}, {@code after}; see {@code phases.Phase})
 * @param label the JMeter label (ALT's "request"), or {@code null} for the overall figures
 */
public record Scope(String phase, String label) {

    /** The phase name of criteria that judge the whole run. */
    public static final String WHOLE_RUN = "all";

    public Scope {
        Objects.requireNonNull(phase, "phase");
        if (label != null && label.isBlank()) {
            throw new IllegalArgumentException("label must be null (overall) or not blank");
        }
    }

    public static Scope wholeRun(String label) {
        return new Scope(WHOLE_RUN, label);
    }

    /** Whether the criterion judges the overall figures rather than one label. */
    public boolean overall() {
        return label == null;
    }
}
