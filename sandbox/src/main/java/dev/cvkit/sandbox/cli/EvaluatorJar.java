package dev.cvkit.sandbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The evaluator, run in this JVM from its own self-contained jar ({@code evaluator/target/cvkit-evaluator.jar},
 * the one {@code ./cvkit evaluate} runs), in a class loader of its own whose parent is the platform loader: the
 * evaluator gets exactly the libraries it is built and tested with (its Jackson, commons-csv and commons-io), and
 * the in-process JMeter keeps its own versions of the same libraries.
 */
final class EvaluatorJar implements AutoCloseable {

    private static final String MAIN = "dev.cvkit.evaluator.cli.CvkitMain";

    private final URLClassLoader loader;
    private final Class<?> main;

    private EvaluatorJar(URLClassLoader loader, Class<?> main) {
        this.loader = loader;
        this.main = main;
    }

    /**
     * @throws CliException (invalid input) when the jar is missing or is not the evaluator's
     */
    static EvaluatorJar open(Path jar) throws CliException {
        if (!Files.isRegularFile(jar)) {
            throw new CliException(ExitCodes.INVALID_INPUT, "the evaluator jar is not built (" + jar + "): run "
                    + "'mvn -B -DskipTests package' (./cvkit builds it when it is missing)");
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("cvkit-evaluator", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, jar + ": not a usable jar path", e);
        }
        try {
            return new EvaluatorJar(loader, Class.forName(MAIN, true, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            closeQuietly(loader);
            throw new CliException(ExitCodes.INVALID_INPUT, jar + ": not the cvkit evaluator jar (" + e + ")", e);
        }
    }

    /** {@code CvkitMain.run(out, err, args)}: one evaluator command line; returns its exit code. */
    int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            Method run = main.getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
            return (Integer) run.invoke(null, out, err, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the evaluator failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the evaluator jar has no " + MAIN + ".run(PrintWriter, PrintWriter, String...)", e);
        }
    }

    /** Whether {@code evaluate} has this option (e.g. {@code --html}, which arrives with a later evaluator). */
    boolean evaluateHasOption(String option) {
        StringWriter help = new StringWriter();
        int code = run(new PrintWriter(help, true), new PrintWriter(PrintWriter.nullWriter()), "evaluate", "--help");
        return code == 0 && help.toString().contains(option + "=");
    }

    @Override
    public void close() {
        closeQuietly(loader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Nothing held open that matters.
        }
    }
}
