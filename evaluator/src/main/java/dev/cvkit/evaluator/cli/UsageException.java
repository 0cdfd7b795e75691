package dev.cvkit.evaluator.cli;

/** A command line that parses but makes no sense (e.g. two options that exclude each other): exit code 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
