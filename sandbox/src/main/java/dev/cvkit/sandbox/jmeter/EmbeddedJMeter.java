package dev.cvkit.sandbox.jmeter;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jmeter.JMeter;
import org.apache.jmeter.control.ReplaceableController;
import org.apache.jmeter.engine.JMeterEngineException;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.gui.tree.JMeterTreeModel;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;

/**
 * Runs a JMeter 5.6.3 plan in this JVM with the real engine, the way {@code jmeter -n -t plan.jmx -l out.jtl}
 * does: a JMeter home ({@code bin/*.properties} from the {@code ApacheJMeter_config} artifact, or a given
 * home such as {@code sandbox/target/jmeter-home}), JMeter properties as with {@code -J}, the plan loaded
 * with {@code SaveService}, Include/Module controllers resolved, a {@code ResultCollector} writing a CSV JTL
 * with JMeter's default 17 columns, {@code StandardJMeterEngine}. While it runs, a {@link ProgressListener}
 * gets samples and errors per second; another thread can {@link RunningTest#shutdown()} or
 * {@link RunningTest#stop()} it.
 *
 * <pre>{@code
 * JMeterRunResult result = EmbeddedJMeter.builder()
 *         .plan(Path.of("plan.jmx")).resultsFile(Path.of("out.jtl"))
 *         .property("target.url", shop.frontDoorUrl().toString())
 *         .extraJar(pluginJar)
 *         .progressListener(p -> System.out.println(p.samplesPerSecond()))
 *         .build().run();
 * }</pre>
 *
 * <p>JMeter keeps its configuration in static state, so one test runs at a time per JVM ({@link #start()}
 * refuses a second), and a few settings are fixed by the first run: the JTL format
 * ({@code jmeter.save.saveservice.*}), the functions found ({@code __name} lookup), and the engine's
 * stop settings. This runner always sets {@code jmeterengine.stopfail.system.exit=false} so that a thread
 * that does not stop never exits the JVM — before {@code StandardJMeterEngine} is first loaded.
 *
 * <p>Extra jars (the cvkit plugin jar): best on the JVM's classpath (as {@code ./cvkit} puts it); a jar that
 * is not is loaded by a child class loader set as the context class loader of the loading and engine
 * threads, and added to {@code search_paths} either way.
 */
public final class EmbeddedJMeter {

    /** Held from start() until the test's end is awaited; released by whichever thread awaits it. */
    private static final AtomicBoolean TEST_RUNNING = new AtomicBoolean();

    private final Path plan;
    private final Path resultsFile;
    private final boolean overwriteResults;
    private final Map<String, String> properties;
    private final List<Path> extraJars;
    private final ProgressListener progressListener;
    private final Duration progressInterval;
    private final Path jmeterHome;

    private EmbeddedJMeter(Builder builder) {
        this.plan = builder.plan.toAbsolutePath().normalize();
        this.resultsFile = builder.resultsFile.toAbsolutePath().normalize();
        this.overwriteResults = builder.overwriteResults;
        this.properties = Map.copyOf(builder.properties);
        this.extraJars = List.copyOf(builder.extraJars);
        this.progressListener = builder.progressListener;
        this.progressInterval = builder.progressInterval;
        this.jmeterHome = builder.jmeterHome;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the test to its end (or until another thread stops it) and returns the outcome. */
    public JMeterRunResult run() throws JMeterPlanException, InterruptedException {
        return start().awaitCompletion();
    }

    /**
     * Loads the plan and starts the engine; returns at once.
     *
     * @throws JMeterPlanException  when the plan cannot be loaded (message names the file and the cause)
     * @throws IllegalStateException when another test runs in this JVM
     */
    public RunningTest start() throws JMeterPlanException {
        if (!TEST_RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("another JMeter test is already running in this JVM (JMeter's configuration is static)");
        }
        boolean started = false;
        ClassLoader previousContext = Thread.currentThread().getContextClassLoader();
        URLClassLoader extraLoader = null;
        try {
            checkFiles();
            Path home = jmeterHome != null ? jmeterHome : TemporaryJMeterHome.get();
            initialiseJMeter(home);
            extraLoader = extraJarLoader(previousContext);
            if (extraLoader != null) {
                Thread.currentThread().setContextClassLoader(extraLoader);
            }
            HashTree tree = loadPlan();
            ResultCollector collector = new ResultCollector();
            collector.setName("cvkit results");
            collector.setFilename(resultsFile.toString());
            ProgressCollector progress = new ProgressCollector();
            Object root = tree.getArray()[0];
            tree.add(root, collector);
            tree.add(root, progress);

            StandardJMeterEngine engine = new StandardJMeterEngine();
            engine.configure(tree);
            Instant startedAt = Instant.now();
            // The engine's threads inherit this thread's context class loader (and with it the extra jars).
            engine.runTest();
            started = true;
            return new RunningTest(engine, progress, resultsFile, startedAt, progressListener, progressInterval, () -> TEST_RUNNING.set(false), extraLoader);
        } catch (JMeterEngineException e) {
            throw new JMeterPlanException(plan + ": the JMeter engine did not start: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previousContext);
            if (!started) {
                closeQuietly(extraLoader);
                TEST_RUNNING.set(false);
            }
        }
    }

    private void checkFiles() throws JMeterPlanException {
        if (!Files.isRegularFile(plan)) {
            throw new JMeterPlanException(plan + ": no such plan file", null);
        }
        for (Path jar : extraJars) {
            if (!Files.isRegularFile(jar)) {
                throw new JMeterPlanException(jar + ": extra jar not found", null);
            }
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                if (file.getManifest() == null) {
                    // JMeter's class scanner dies on such a jar, and with it every __function of the JVM.
                    throw new JMeterPlanException(jar + ": extra jar has no META-INF/MANIFEST.MF, which JMeter's class scanner "
                            + "requires", null);
                }
            } catch (IOException e) {
                throw new JMeterPlanException(jar + ": extra jar is not a readable jar: " + e.getMessage(), e);
            }
        }
        if (Files.exists(resultsFile) && !overwriteResults) {
            throw new JMeterPlanException(resultsFile + ": results file exists; remove it or use overwriteResults(true) "
                    + "(JMeter would append to it)", null);
        }
        try {
            Files.deleteIfExists(resultsFile);
            if (resultsFile.getParent() != null) {
                Files.createDirectories(resultsFile.getParent());
            }
        } catch (IOException e) {
            throw new JMeterPlanException(resultsFile + ": cannot prepare the results file: " + e.getMessage(), e);
        }
    }

    /** Properties as {@code jmeter} sets them at start-up, then the caller's ({@code -J}). */
    private void initialiseJMeter(Path home) {
        Path bin = home.resolve("bin");
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(bin.resolve("jmeter.properties").toString());
        Properties jmeterProperties = JMeterUtils.getJMeterProperties();
        for (String extra : new String[] {"user.properties", "system.properties"}) {
            Path file = bin.resolve(extra);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    Properties loaded = new Properties();
                    loaded.load(in);
                    if (extra.equals("user.properties")) {
                        jmeterProperties.putAll(loaded);
                    } else {
                        loaded.forEach((k, v) -> System.setProperty((String) k, (String) v));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        // Never System.exit the caller's JVM: not when threads refuse to stop, not after the test.
        jmeterProperties.setProperty("jmeterengine.stopfail.system.exit", "false");
        jmeterProperties.setProperty("jmeterengine.force.system.exit", "false");
        jmeterProperties.setProperty("jmeter.save.saveservice.output_format", "csv");
        if (!extraJars.isEmpty()) {
            List<String> paths = new ArrayList<>();
            extraJars.forEach(j -> paths.add(j.toAbsolutePath().toString()));
            String existing = jmeterProperties.getProperty("search_paths");
            if (existing != null && !existing.isBlank()) {
                paths.add(0, existing);
            }
            jmeterProperties.setProperty("search_paths", String.join(";", paths));
        }
        properties.forEach(jmeterProperties::setProperty);
        JMeterUtils.initLocale();
    }

    private URLClassLoader extraJarLoader(ClassLoader parent) {
        List<URL> missing = new ArrayList<>();
        String classPath = System.getProperty("java.class.path", "");
        for (Path jar : extraJars) {
            String absolute = jar.toAbsolutePath().normalize().toString();
            boolean onClassPath = false;
            for (String entry : classPath.split(File.pathSeparator)) {
                if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().toString().equals(absolute)) {
                    onClassPath = true;
                }
            }
            if (!onClassPath) {
                try {
                    missing.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("not a usable jar path: " + jar, e);
                }
            }
        }
        return missing.isEmpty() ? null : new URLClassLoader("cvkit-extra-jars", missing.toArray(URL[]::new), parent);
    }

    private HashTree loadPlan() throws JMeterPlanException {
        HashTree tree;
        try {
            FileServer.getFileServer().setBaseForScript(plan.toFile());
            tree = SaveService.loadTree(plan.toFile());
        } catch (IOException | RuntimeException e) {
            throw new JMeterPlanException(plan + ": not a loadable JMeter plan: " + describe(e), e);
        } catch (LinkageError e) {
            throw new JMeterPlanException(plan + ": a class of the plan cannot be loaded: " + e + " (is its jar given with extraJar?)", e);
        }
        if (tree == null || tree.getArray().length == 0) {
            throw new JMeterPlanException(plan + ": not a loadable JMeter plan (no test plan element)", null);
        }
        // As JMeter's non-GUI mode does: resolve Include/Module controllers, drop disabled elements, clone.
        @SuppressWarnings("deprecation")
        JMeterTreeModel model = new JMeterTreeModel(new Object());
        JMeterTreeNode root = (JMeterTreeNode) model.getRoot();
        try {
            model.addSubTree(tree, root);
        } catch (org.apache.jmeter.exceptions.IllegalUserActionException e) {
            throw new JMeterPlanException(plan + ": not a runnable JMeter plan: " + e.getMessage(), e);
        }
        SearchByClass<ReplaceableController> replaceable = new SearchByClass<>(ReplaceableController.class);
        tree.traverse(replaceable);
        Collection<ReplaceableController> controllers = replaceable.getSearchResults();
        for (ReplaceableController controller : controllers) {
            controller.resolveReplacementSubTree(root);
        }
        return JMeter.convertSubTree(tree, true);
    }

    /** The root cause of a SaveService failure in user terms (XStream's messages are long). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        String firstLine = message.lines().findFirst().orElse(message);
        if (root.getClass().getSimpleName().equals("CannotResolveClassException")) {
            return "class " + firstLine + " is not on the classpath (a plugin element? add its jar with extraJar)";
        }
        return root.getClass().getSimpleName() + ": " + firstLine;
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // Nothing held open that matters.
            }
        }
    }

    /** Configures an {@link EmbeddedJMeter}. */
    public static final class Builder {

        private Path plan;
        private Path resultsFile;
        private boolean overwriteResults;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<Path> extraJars = new ArrayList<>();
        private ProgressListener progressListener;
        private Duration progressInterval = Duration.ofSeconds(1);
        private Path jmeterHome;

        private Builder() {
        }

        /** The {@code .jmx} plan to run (required). Relative paths in it (CSV data) resolve against its directory. */
        public Builder plan(Path plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /** The CSV JTL to write (required); must not exist unless {@link #overwriteResults(boolean)}. */
        public Builder resultsFile(Path resultsFile) {
            this.resultsFile = Objects.requireNonNull(resultsFile, "resultsFile");
            return this;
        }

        /** Whether an existing results file is replaced (default false: refuse, as nothing is lost silently). */
        public Builder overwriteResults(boolean overwriteResults) {
            this.overwriteResults = overwriteResults;
            return this;
        }

        /** A JMeter property, as {@code -Jname=value}. */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** JMeter properties, as {@code -J} options. */
        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** A jar of extra elements (the cvkit plugin jar); may be given several times. */
        public Builder extraJar(Path jar) {
            extraJars.add(Objects.requireNonNull(jar, "jar"));
            return this;
        }

        /** Receives progress every {@link #progressInterval(Duration)} and at the end. */
        public Builder progressListener(ProgressListener progressListener) {
            this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
            return this;
        }

        /** Interval of progress reports; default 1 s. */
        public Builder progressInterval(Duration progressInterval) {
            Objects.requireNonNull(progressInterval, "progressInterval");
            if (progressInterval.isNegative() || progressInterval.isZero()) {
                throw new IllegalArgumentException("progressInterval must be positive, got " + progressInterval);
            }
            this.progressInterval = progressInterval;
            return this;
        }

        /**
         * A JMeter home to use (its {@code bin/jmeter.properties}, {@code user.properties},
         * {@code saveservice.properties}, {@code lib/ext}); default: a temporary one made from ApacheJMeter_config.
         */
        public Builder jmeterHome(Path jmeterHome) {
            Objects.requireNonNull(jmeterHome, "jmeterHome");
            if (!Files.isRegularFile(jmeterHome.resolve("bin").resolve("jmeter.properties"))) {
                throw new IllegalArgumentException(jmeterHome + " is not a JMeter home (no bin/jmeter.properties)");
            }
            this.jmeterHome = jmeterHome.toAbsolutePath();
            return this;
        }

        public EmbeddedJMeter build() {
            if (plan == null) {
                throw new IllegalStateException("plan(...) is required");
            }
            if (resultsFile == null) {
                throw new IllegalStateException("resultsFile(...) is required");
            }
            return new EmbeddedJMeter(this);
        }
    }
}
