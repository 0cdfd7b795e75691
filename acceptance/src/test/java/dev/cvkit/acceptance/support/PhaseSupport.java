package dev.cvkit.acceptance.support;

/**
 * Whether the evaluator of this build judges fault phases, sustained windows and recovery (issue 5). Until it
 * does, it refuses them by name (exit 3) and the chaos baselines cannot be judged: tests then check everything
 * else and report the verdict as skipped, never as passed.
 */
public final class PhaseSupport {

    /** What the evaluator says about a construct it cannot judge yet. */
    private static final String REFUSAL = "are not supported yet by this version of cvkit";

    private PhaseSupport() {
    }

    /** Whether this evaluator output refuses a phase construct. */
    public static boolean refusedIn(String evaluatorOutput) {
        return evaluatorOutput.contains(REFUSAL);
    }

    /** The refusal's line, for the skip message. */
    public static String refusal(String evaluatorOutput) {
        return evaluatorOutput.lines().filter(l -> l.contains(REFUSAL)).findFirst().orElse("").strip();
    }
}
