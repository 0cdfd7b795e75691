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

    /** Memory given back when the heap ran out, so that the message can still be made and printed. */
    @SuppressWarnings("unused")
    private static volatile byte[] reserve = new byte[1 << 20];

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
            default -> {
                internalError(ex, debug, err);
                return code.code();
            }
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    /**
     * Reports a failure of cvkit itself (exit 4), in one line: what ran out when the JVM did (memory, stack), else the
     * exception; its stack trace only with {@code --debug}.
     */
    static void internalError(Throwable ex, boolean debug, PrintWriter err) {
        Throwable exhausted = exhaustion(ex);
        if (exhausted != null) {
            reserve = null; // room to write the message in
        }
        if (exhausted instanceof OutOfMemoryError) {
            String detail = exhausted.getMessage() == null ? "" : " (" + exhausted.getMessage() + ")";
            err.println("cvkit: internal error: out of memory" + detail + ": the evaluator's heap is"
                    + " too small for these inputs; give it more (CVKIT_EVALUATOR_JAVA_OPTS=-Xmx1g with the launcher,"
                    + " java -Xmx1g -jar ... without)");
        } else if (exhausted instanceof StackOverflowError) {
            err.println("cvkit: internal error: stack overflow: an input nests deeper than the evaluator's stack"
                    + " follows; give it more (CVKIT_EVALUATOR_JAVA_OPTS=-Xss8m with the launcher)");
        } else {
            err.println("cvkit: internal error: " + ex);
        }
        if (debug) {
            ex.printStackTrace(err);
        } else {
            err.println("(run again with --debug for the stack trace, and please report it)");
        }
        err.flush();
    }

    /** The memory or stack exhaustion behind {@code ex} (a reader thread's arrives wrapped), or null. */
    static Throwable exhaustion(Throwable ex) {
        int depth = 0;
        for (Throwable t = ex; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
                return t;
            }
        }
        return null;
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
