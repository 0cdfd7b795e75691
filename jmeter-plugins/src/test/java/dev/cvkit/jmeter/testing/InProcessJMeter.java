package dev.cvkit.jmeter.testing;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;

/**
 * Runs a plan in the real JMeter 5.6.3 engine in this JVM and writes its results to a CSV JTL, as
 * {@code jmeter -n -l} does (a Results Collector appended under the Test Plan).
 */
public final class InProcessJMeter {

    private InProcessJMeter() {
    }

    /** Makes JMeter usable here: home, properties, and function classes found on the test classpath. */
    public static void init() {
        JMeterTestHome.init();
        // JMeter finds functions (__P, __env, ...) in lib/ext and search_paths only: point it at their jar.
        String functions = jarOf("org.apache.jmeter.functions.Property");
        JMeterUtils.setProperty("search_paths", functions);
    }

    private static String jarOf(String className) {
        try {
            return new File(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getAbsolutePath();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the jar of " + className, e);
        }
    }

    /**
     * Runs {@code plan} to its end (or until {@code timeout}, then stops it and fails).
     *
     * @param during called on this thread right after the test started (e.g. to stop it mid-test); may be null
     */
    public static void run(ListedHashTree plan, Path jtl, Duration timeout, Consumer<StandardJMeterEngine> during)
            throws Exception {
        init();
        HashTree tree = plan;
        ResultCollector results = new ResultCollector();
        results.setFilename(jtl.toString());
        Object testPlan = tree.getArray()[0];
        if (!(testPlan instanceof TestPlan)) {
            throw new IllegalArgumentException("the tree's root is not a TestPlan");
        }
        tree.add(testPlan, results);
        StandardJMeterEngine engine = new StandardJMeterEngine();
        engine.configure(tree);
        engine.runTest();
        if (during != null) {
            during.accept(engine);
        }
        try {
            engine.awaitTermination(timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            engine.stopTest(true);
            engine.awaitTermination(Duration.ofSeconds(30));
            throw new AssertionError("the plan did not end within " + timeout.toMillis() + " ms; stopped it");
        }
        // The engine's run() returns after the test listeners were told; give the results file a moment.
        TimeUnit.MILLISECONDS.sleep(50);
    }
}
