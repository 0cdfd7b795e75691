package dev.cvkit.jmeter.testing;

import dev.cvkit.sandbox.jmeter.EmbeddedJMeter;
import dev.cvkit.sandbox.jmeter.RunningTest;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a plan built with {@link Plans} in the real JMeter 5.6.3 engine in this JVM, through the sandbox's
 * {@link EmbeddedJMeter} (as {@code jmeter -n -t plan.jmx -l results.jtl}): the plan is saved as a .jmx next
 * to the results first, so what runs is what a user's file would be.
 */
public final class InProcessJMeter {

    private InProcessJMeter() {
    }

    /**
     * Runs {@code plan} to its end (or until {@code timeout}, then stops it and fails).
     *
     * @param properties JMeter properties, as {@code -J}
     * @param during called on this thread right after the test started (e.g. to stop it mid-test); may be null
     */
    public static void run(Plans plan, Path jtl, Duration timeout, Map<String, String> properties,
            Consumer<RunningTest> during) throws Exception {
        Path jmx = plan.save(jtl.resolveSibling(jtl.getFileName().toString().replaceFirst("\\.jtl$", "") + ".jmx"));
        Map<String, String> all = new LinkedHashMap<>(properties);
        // JMeter finds functions (__P, ...) in lib/ext and search_paths only: point it at their jar.
        all.put("search_paths", jarOf("org.apache.jmeter.functions.Property"));
        RunningTest test = EmbeddedJMeter.builder().plan(jmx).resultsFile(jtl).overwriteResults(true)
                .properties(all).build().start();
        if (during != null) {
            during.accept(test);
        }
        try {
            test.awaitCompletion(timeout);
        } catch (TimeoutException e) {
            test.stop();
            test.awaitCompletion(Duration.ofSeconds(30));
            throw new AssertionError("the plan did not end within " + timeout.toMillis() + " ms; stopped it");
        }
    }

    private static String jarOf(String className) {
        try {
            return new File(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getAbsolutePath();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the jar of " + className, e);
        }
    }
}
