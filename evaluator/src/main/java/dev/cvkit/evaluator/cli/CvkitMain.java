package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.text.LogLineWriter;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of {@code cvkit-evaluator.jar}: wires the verb subcommands and maps exceptions to the
 * documented exit codes. Kept thin so that tests drive {@link #commandLine} with captured output.
 */
public final class CvkitMain {

    private CvkitMain() {
    }

    /** Set before any work: with the heap full, even loading the enum's class can fail. */
    private static final int INTERNAL = ExitCode.INTERNAL.code();

    public static void main(String[] args) {
        int code = INTERNAL;
        try {
            code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        } catch (Throwable e) {
            // run() reports every failure; this is one that struck again while it did (the heap still full).
        }
        System.exit(code);
    }

    /** Runs one command line, writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, EvaluatorServices.defaults(), args);
    }

    /** Runs one command line with the given services (environment, reader), for tests. */
    public static int run(PrintWriter out, PrintWriter err, EvaluatorServices services, String... args) {
        // Every line printed goes through the log-line rules: no input text can become a CI command.
        PrintWriter safeOut = LogLineWriter.wrap(out);
        PrintWriter safeErr = LogLineWriter.wrap(err);
        try {
            return commandLine(safeOut, safeErr, services, verbNamed(args.length > 0 ? args[0] : null)).execute(args);
        } catch (Throwable e) {
            // picocli hands only Exceptions to the mapper: an Error (out of memory, stack overflow) would leave main
            // with the JVM's exit code 1, which a pipeline reads as "a criterion failed".
            try {
                safeOut.flush();
                ExceptionMapper.internalError(e, Arrays.asList(args).contains("--debug"), safeErr);
            } catch (Throwable again) {
                // Even the message failed (the heap is still full): the exit code still says what happened.
            }
            return INTERNAL;
        }
    }

    /** The configured command line, for tests that need more than {@link #run}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, EvaluatorServices.defaults());
    }

    /** The configured command line with the given services. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, EvaluatorServices services) {
        return commandLine(out, err, services, null);
    }

    /**
     * The verb subcommand named {@code name}, or null. A command line that starts with a verb only needs that
     * verb: picocli builds each registered command's model by reflection on a cold JVM, and leaving the
     * others out saves a good part of the start (the whole start is counted in a gate's wall time).
     */
    static Class<?> verbNamed(String name) {
        if (name == null) {
            return null;
        }
        for (Class<?> verb : RootCommand.VERBS) {
            if (verb.getAnnotation(CommandLine.Command.class).name().equals(name)) {
                return verb;
            }
        }
        return null;
    }

    /** The configured command line with every verb, or only {@code onlyVerb} when it is not null. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, EvaluatorServices services, Class<?> onlyVerb) {
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
        for (Class<?> verb : RootCommand.VERBS) {
            if (onlyVerb == null || verb == onlyVerb) {
                cl.addSubcommand(verb);
            }
        }
        // Set after the verbs are added: picocli passes these settings down to the subcommands it has.
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
