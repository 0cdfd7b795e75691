package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into the documented exit codes and one readable message. Stack traces are printed
 * only when the command line carries {@code --debug}.
 */
final class ExceptionMapper implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("cvkit: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        boolean debug = debugRequested(parseResult);
        ExitCode code = getExitCode(ex) == ExitCode.INTERNAL.code() ? ExitCode.INTERNAL : classify(ex);
        switch (code) {
            case INVALID_INPUT -> err.println("cvkit: invalid input: " + ex.getMessage());
            case USAGE -> err.println("cvkit: " + ex.getMessage());
            default -> err.println("cvkit: internal error: " + ex
                    + (debug ? "" : "\n(run again with --debug for the stack trace, and please report it)"));
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    @Override
    public int getExitCode(Throwable ex) {
        return classify(ex).code();
    }

    static ExitCode classify(Throwable ex) {
        if (ex instanceof InvalidInputException) {
            return ExitCode.INVALID_INPUT;
        }
        if (ex instanceof UsageException || ex instanceof ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.INTERNAL;
    }

    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
