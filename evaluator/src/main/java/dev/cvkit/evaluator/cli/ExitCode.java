package dev.cvkit.evaluator.cli;

/**
 * The documented exit codes of every {@code cvkit} evaluator command. Pipelines depend on these numbers.
 */
public enum ExitCode {
    /** Every failure criterion holds its baseline (warnings allowed). */
    PASS(0),
    /** At least one failure criterion is met: the release leaves its baseline. */
    FAIL(1),
    /** The command line is wrong: unknown option, missing argument. */
    USAGE(2),
    /** Results or criteria cannot be read, or there is nothing to judge (zero counted samples). */
    INVALID_INPUT(3),
    /** A bug in cvkit: the message asks for a report; {@code --debug} shows the stack trace. */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
