package dev.cvkit.evaluator.criteria;

/** What it means when a criterion holds: the list it was written under. */
public enum Tier {
    /** Written under {@code failureCriteria:}: when it holds, the verdict is fail (exit 1). */
    FAIL("failureCriteria"),
    /** Written under {@code warnCriteria:}: when it holds, the verdict is at least warn (exit 0). */
    WARN("warnCriteria");

    private final String yamlKey;

    Tier(String yamlKey) {
        this.yamlKey = yamlKey;
    }

    /** The top-level key of the criteria file that holds this tier's list. */
    public String yamlKey() {
        return yamlKey;
    }
}
