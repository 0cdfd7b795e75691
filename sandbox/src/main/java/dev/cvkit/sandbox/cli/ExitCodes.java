package dev.cvkit.sandbox.cli;

/** The exit codes of the sandbox verbs, the same as the evaluator's where they mean the same. */
final class ExitCodes {

    /** Done (for {@code sandbox}: stopped cleanly). */
    static final int OK = 0;
    /** Wrong command line, or a state the user must change (port in use, sandbox already running, no display). */
    static final int USAGE = 2;
    /** Invalid input files: an experiment, a plan. */
    static final int INVALID_INPUT = 3;
    /** A bug. */
    static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
