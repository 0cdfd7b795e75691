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

    /** Runs one command line with the given services (environment, reader), for tests. */
    public static int run(PrintWriter out, PrintWriter err, EvaluatorServices services, String... args) {
        return commandLine(out, err, services).execute(args);
    }

    /** The configured command line, for tests that need more than {@link #run}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, EvaluatorServices.defaults());
    }

    /** The configured command line with the given services. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, EvaluatorServices services) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == EvaluateCommand.class) {
                    return type.cast(new EvaluateCommand(services));
                }
                if (type == BaselineRecordCommand.class) {
                    return type.cast(new BaselineRecordCommand(services));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cl = new CommandLine(new RootCommand(), factory);
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
