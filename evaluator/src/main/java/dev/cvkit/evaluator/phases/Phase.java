package dev.cvkit.evaluator.phases;

import java.util.Locale;
import java.util.Optional;

/**
 * The phases of a run with a fault, as criteria files name them. A row belongs to {@link #DURING} when its
 * {@code timeStamp} lies in a fault window ({@code start <= timeStamp < end}), to {@link #BEFORE} when it
 * lies before the first window, and to {@link #AFTER} otherwise (after the last window, or between two);
 * rows of the warm-up belong to none. See {@code contracts/fault-markers.md}.
 */
public enum Phase {
    BEFORE("before"),
    DURING("during"),
    AFTER("after");

    /** The name of the whole run (every row after the warm-up), as criteria and reports write it. */
    public static final String WHOLE_RUN = "all";

    private final String yamlName;

    Phase(String yamlName) {
        this.yamlName = yamlName;
    }

    /** {@code before}, {@code during}, {@code after}. */
    public String yamlName() {
        return yamlName;
    }

    /** The phase of this name (letter case ignored), or empty. */
    public static Optional<Phase> byName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Phase p : values()) {
            if (p.yamlName.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
