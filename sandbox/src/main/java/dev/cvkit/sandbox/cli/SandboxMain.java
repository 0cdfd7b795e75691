package dev.cvkit.sandbox.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the sandbox verbs ({@code ./cvkit sandbox|gui|demo ...}). Thin: wires the subcommands and
 * maps exceptions to exit codes; tests drive {@link #run} with captured output.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SandboxRootCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(SandboxMain::handleParseException);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug");
            PrintWriter e = commandLine.getErr();
            int code;
            if (ex instanceof CliException cli) {
                e.println("cvkit: " + cli.getMessage());
                code = cli.exitCode();
            } else {
                e.println("cvkit: internal error: " + ex + (debug ? "" : "\n(run again with --debug for the stack trace, and please report it)"));
                code = ExitCodes.INTERNAL;
            }
            if (debug) {
                ex.printStackTrace(e);
            }
            e.flush();
            return code;
        });
        return cl;
    }

    private static int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("cvkit: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }
}
