package dev.cvkit.evaluator.criteria;

import java.util.List;

/** The result of an evaluation as a pipeline sees it. */
public enum Verdict {
    /** No criterion holds. Exit code 0. */
    PASS("pass"),
    /** Only warnCriteria hold. Exit code 0; pipelines show the step as succeeded with issues. */
    WARN("warn"),
    /** At least one failureCriteria holds (or cannot be judged). Exit code 1. */
    FAIL("fail");

    private final String jsonName;

    Verdict(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Fail if any result failed, else warn if any warned, else pass. */
    public static Verdict of(List<CriterionResult> results) {
        boolean warned = false;
        for (CriterionResult r : results) {
            if (r.outcome() == Outcome.FAIL) {
                return FAIL;
            }
            warned |= r.outcome() == Outcome.WARN;
        }
        return warned ? WARN : PASS;
    }
}
