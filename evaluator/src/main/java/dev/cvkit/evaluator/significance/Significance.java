package dev.cvkit.evaluator.significance;

/** The significance level and sample floor shared by every relative criterion. */
public final class Significance {

    /**
     * One-sided significance level: a change counts only when a change at least as large would arise by
     * chance less than 5% of the time if the two runs came from one distribution.
     */
    public static final double ALPHA = 0.05;

    /** Values (or rows) each run needs, whatever the test, before a change can be called significant. */
    public static final long MIN_SAMPLES = 30;

    private Significance() {
    }
}
