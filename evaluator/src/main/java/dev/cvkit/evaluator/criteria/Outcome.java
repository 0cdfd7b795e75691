package dev.cvkit.evaluator.criteria;

/** What became of one criterion. */
public enum Outcome {
    /** The condition does not hold. */
    PASS("pass"),
    /** A warnCriteria condition holds. */
    WARN("warn"),
    /** A failureCriteria condition holds, or the criterion could not be judged (unknown label, no data). */
    FAIL("fail"),
    /** An ALT server-metric criterion: JMeter results do not carry it, so it is reported, not judged. */
    NOT_EVALUATED("not-evaluated");

    private final String jsonName;

    Outcome(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in JSON and Markdown reports. */
    public String jsonName() {
        return jsonName;
    }
}
