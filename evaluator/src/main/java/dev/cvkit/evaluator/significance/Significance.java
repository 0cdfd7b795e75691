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

    /**
     * Runs each test once on made-up counts, so that commons-math's classes (and their tables: a few
     * milliseconds each on a cold JVM) are ready before a gate needs its first p-value.
     */
    public static void prepare() {
        TwoProportionTest.pValue(60, 100, 40, 100, Direction.INCREASE);
        RateTest.pValue(60, 1, 40, 1, Direction.INCREASE);
    }
}
