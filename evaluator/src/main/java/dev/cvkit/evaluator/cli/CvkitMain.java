package dev.cvkit.evaluator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of {@code cvkit-evaluator.jar}: wires the verb subcommands and maps exceptions to the
 * documented exit codes. Kept thin so that tests drive {@link #commandLine} with captured output.
 */
public final class CvkitMain {

    private CvkitMain() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line, writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /** The configured command line, for tests that need more than {@link #run}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RootCommand());
        cl.setOut(out);
        cl.setErr(err);
        ExceptionMapper mapper = new ExceptionMapper();
        cl.setExecutionExceptionHandler(mapper);
        cl.setParameterExceptionHandler(mapper);
        cl.setExitCodeExceptionMapper(mapper);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
