package dev.cvkit.sandbox.cli;

import dev.cvkit.sandbox.Sandbox;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.InvalidExperimentException;
import dev.cvkit.sandbox.jmeter.EmbeddedJMeter;
import dev.cvkit.sandbox.jmeter.JMeterPlanException;
import dev.cvkit.sandbox.jmeter.JMeterRunResult;
import dev.cvkit.sandbox.jmeter.RunningTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cvkit demo}: the whole continuous-validation cycle on this machine. Starts the sandbox (shop and Chaos
 * Studio emulator), runs a scenario's plan in JMeter 5.6.3 in this JVM with the cvkit plugins (which start and end
 * the fault through the emulator's Chaos Studio API, authenticated by its managed identity), shows progress, then
 * judges the results against the scenario's baseline with the evaluator and prints the verdict and the reports.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs the whole cycle locally: starts the Contoso Shoes shop and the Chaos Studio emulator, runs a scenario's",
            "plan (test-plans/contoso-shoes/NAME.jmx with NAME.local.properties) in JMeter 5.6.3 with the cvkit plugins,",
            "which start and end the fault through the emulator's Chaos Studio API, then judges the results against",
            "baselines/contoso-shoes/NAME.yaml. Prints progress while it runs, then the verdict and the reports, written",
            "to runs/<time>-NAME/. Ctrl-C stops JMeter, ends the fault and stops the sandbox.",
            "",
            "Scenarios: chaos-stamp-failure (default: the eastus stamp fails, the front door must fail over), chaos-latency",
            "(eastus answers 200 ms late), normal, spike. Any NAME.jmx with its local properties and baseline is one.",
            ""
        },
        footer = {"", "Exit codes: the verdict's, as ./cvkit evaluate: 0 pass (warnings allowed), 1 fail; 2 usage (unknown",
            "scenario, not started by ./cvkit); 3 invalid or missing input (plan, experiment, baseline, zero samples);",
            "4 internal error; 130 interrupted (Ctrl-C)."})
final class DemoCommand implements Callable<Integer> {

    /** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", description = "The scenario to run (default ${DEFAULT-VALUE}).")
    String scenarioName = DemoScenario.DEFAULT;

    @Option(names = {"-J", "--jmeter-property"}, paramLabel = "NAME=VALUE",
            description = "Overrides a JMeter property of the scenario's local properties, e.g. -Jload.durationSeconds=60.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--runs", paramLabel = "DIR", description = "Where each run gets its folder (default: runs/ in the checkout).")
    Path runs;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
    int progressSeconds = 5;

    @Option(names = "--chaos-timing", paramLabel = "PROFILE[,NAME=DURATION...]", converter = ChaosTimingConverter.class,
            description = {"How long the emulated Chaos Studio takes: realistic (default: ${DEFAULT-VALUE}) or fast, e.g.",
                "realistic,injectionLag=5s,waitingToStart=20s. Names: preProcessingQueued, waitingToStart, injectionLag,",
                "removalLag, cancelLatency."})
    EmulatorTiming chaosTiming = EmulatorTiming.REALISTIC;

    @Option(names = "--debug", description = "Print stack traces.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant began = Instant.now();
        if (progressSeconds < 1) {
            throw new CliException(ExitCodes.USAGE, "--progress-interval must be at least 1 second, got " + progressSeconds);
        }
        CvkitLayout layout = CvkitLayout.fromSystemProperties();
        DemoScenario scenario = scenario(layout);
        Path pluginsJar = layout.existingPluginsJar();
        if (pluginsJar == null) {
            throw new CliException(ExitCodes.INVALID_INPUT, "the cvkit JMeter plugin jar is not built (jmeter-plugins/target): "
                    + "run 'mvn -B -DskipTests package' (./cvkit builds it when it is missing)");
        }
        layout.builtJmeterHome();
        DemoIdentity identity = DemoIdentity.fromEnvironment(System.getenv());
        Map<String, String> localProperties;
        try {
            localProperties = scenario.readLocalProperties();
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, scenario.localProperties() + ": not a readable properties file: " + e.getMessage(), e);
        }
        Path runDir = createRunDirectory(runs != null ? runs : layout.runs(), scenario.name());
        routeJMeterLog(runDir);

        out.println("cvkit demo: scenario " + scenario.name());
        out.println("  plan      " + layout.root().relativize(scenario.plan()) + " with " + scenario.localProperties().getFileName()
                + (overrides.isEmpty() ? "" : " and " + overrides));
        out.println("  baseline  " + layout.root().relativize(scenario.baseline()));
        out.println("  run       " + runDir);
        out.flush();

        Path results = runDir.resolve("results.jtl");
        JMeterRunResult run = runJMeter(layout, scenario, identity, localProperties, pluginsJar, results, out, err);
        if (run == null) {
            err.println("cvkit demo: interrupted; JMeter stopped, faults ended, sandbox stopped. Partial results: " + results);
            err.flush();
            return INTERRUPTED;
        }
        out.printf("JMeter: %,d samples (requests, transactions, markers), %,d failed, in %ds%n%n", run.samples(), run.errors(),
                run.elapsed().toSeconds());
        out.flush();

        int verdict;
        try (EvaluatorJar evaluator = EvaluatorJar.open(layout.evaluatorJar())) {
            verdict = evaluate(evaluator, scenario, runDir, results, out, err);
        }
        out.println();
        out.println("Reports in " + runDir + ":");
        for (Map.Entry<String, String> report : reports(runDir).entrySet()) {
            out.printf("  %-10s %s%n", report.getKey(), report.getValue());
        }
        out.printf("cvkit demo: %s (exit %d) in %ds%n", verdictWord(verdict), verdict, Duration.between(began, Instant.now()).toSeconds());
        out.flush();
        return verdict;
    }

    private DemoScenario scenario(CvkitLayout layout) throws CliException, IOException {
        List<DemoScenario> known = DemoScenario.discover(layout);
        if (known.isEmpty()) {
            throw new CliException(ExitCodes.INVALID_INPUT, "no scenario found: expected NAME.jmx with NAME.local.properties in "
                    + layout.testPlans() + " and NAME.yaml in " + layout.baselines());
        }
        for (DemoScenario scenario : known) {
            if (scenario.name().equals(scenarioName)) {
                return scenario;
            }
        }
        List<String> names = known.stream().map(DemoScenario::name).toList();
        throw new CliException(ExitCodes.USAGE, "unknown scenario '" + scenarioName + "'; known scenarios: " + String.join(", ", names));
    }

    /**
     * Starts the sandbox, runs the plan to its end, stops the sandbox. Returns null when Ctrl-C (or a kill)
     * interrupted it: JMeter stopped, the fault ended, the sandbox stopped.
     */
    private JMeterRunResult runJMeter(CvkitLayout layout, DemoScenario scenario, DemoIdentity identity,
            Map<String, String> localProperties, Path pluginsJar, Path results, PrintWriter out, PrintWriter err)
            throws CliException, InterruptedException {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<RunningTest> running = new AtomicReference<>();
        CountDownLatch cleanedUp = new CountDownLatch(1);
        // Stop JMeter (its guard ends the fault it started and writes the end marker), then let this thread clean
        // up: on Ctrl-C from the signal handler, before any shutdown starts; on a kill (SIGTERM) from a shutdown hook.
        Runnable stop = () -> {
            if (interrupted.compareAndSet(false, true)) {
                err.println();
                err.println("cvkit demo: interrupted (Ctrl-C): stopping JMeter, ending the fault, stopping the sandbox ...");
                err.flush();
            }
            RunningTest test = running.get();
            if (test != null) {
                test.stop();
            }
        };
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                while (!cleanedUp.await(200, TimeUnit.MILLISECONDS)) {
                    stop.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cvkit-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        InterruptSignal ctrlC = InterruptSignal.onFirst(stop, INTERRUPTED);

        Sandbox sandbox = startSandbox(layout, identity);
        try {
            Map<String, String> properties = new LinkedHashMap<>(localProperties);
            properties.putAll(sandbox.jmeterProperties());
            properties.putAll(overrides);
            out.println("  sandbox   front door " + sandbox.shop().frontDoorUrl() + ", Chaos Studio emulator " + sandbox.chaos().endpoint()
                    + " (experiments " + String.join(", ", sandbox.experimentNames()) + ")");
            out.println("  identity  " + (identity.route() == DemoIdentity.Route.IMDS
                    ? "managed identity from the emulated IMDS " + sandbox.chaos().imdsEndpoint() + ", as on Azure Load Testing"
                    : "managed identity by App Service's protocol, " + sandbox.chaos().identityEndpoint()));
            out.println();
            DemoProgress progress = new DemoProgress(out, sandbox.chaos(), Instant.now());
            progress.header();
            if (interrupted.get()) {
                return null;
            }
            RunningTest test;
            try {
                test = EmbeddedJMeter.builder().plan(scenario.plan()).resultsFile(results).jmeterHome(layout.jmeterHome())
                        .properties(properties).extraJar(pluginsJar).progressListener(progress)
                        .progressInterval(Duration.ofSeconds(progressSeconds)).build().start();
            } catch (JMeterPlanException e) {
                throw new CliException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
            }
            running.set(test);
            if (interrupted.get()) {
                test.stop();
            }
            JMeterRunResult result = test.awaitCompletion();
            return interrupted.get() ? null : result;
        } finally {
            sandbox.close();
            cleanedUp.countDown();
            ctrlC.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Killed: the hook is running and returns now that the sandbox is stopped.
            }
        }
    }

    private Sandbox startSandbox(CvkitLayout layout, DemoIdentity identity) throws CliException {
        Sandbox.Builder builder = Sandbox.builder().chaosTiming(chaosTiming);
        if (identity.route() == DemoIdentity.Route.IMDS) {
            builder.imdsPort(identity.port());
        } else {
            builder.identityPort(identity.port()).identityHeader(identity.header());
        }
        if (Files.isDirectory(layout.defaultExperiments())) {
            builder.experimentsDirectory(layout.defaultExperiments());
        }
        try {
            return builder.build();
        } catch (InvalidExperimentException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "invalid experiment:\n" + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new CliException(ExitCodes.USAGE, "port " + identity.port() + " for the managed-identity endpoint (from "
                        + (identity.route() == DemoIdentity.Route.IMDS ? DemoIdentity.IMDS_HOST_VARIABLE : DemoIdentity.ENDPOINT_VARIABLE)
                        + ") is in use: run ./cvkit demo again (it picks another)", e);
            }
            throw e;
        }
    }

    /** Judges the results with the evaluator, in this JVM, exactly as {@code ./cvkit evaluate} would. */
    private static int evaluate(EvaluatorJar evaluator, DemoScenario scenario, Path runDir, Path results, PrintWriter out,
            PrintWriter err) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--criteria", scenario.baseline().toString(),
                "--json", runDir.resolve("report.json").toString(),
                "--junit", runDir.resolve("junit.xml").toString(),
                "--markdown", runDir.resolve("summary.md").toString()));
        if (evaluator.evaluateHasOption("--html")) {
            args.add("--html");
            args.add(runDir.resolve("report.html").toString());
        }
        args.add(results.toString());
        out.println("./cvkit " + String.join(" ", args));
        out.flush();
        int code = evaluator.run(out, err, args.toArray(String[]::new));
        out.flush();
        err.flush();
        return code;
    }

    private static Map<String, String> reports(Path runDir) {
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("results", "results.jtl (JMeter CSV results)");
        reports.put("JSON", "report.json");
        reports.put("JUnit", "junit.xml");
        reports.put("Markdown", "summary.md");
        if (Files.exists(runDir.resolve("report.html"))) {
            reports.put("HTML", "report.html");
        }
        reports.put("JMeter log", "jmeter.log");
        reports.replaceAll((k, v) -> Files.exists(runDir.resolve(v.split(" ")[0])) ? v : v + " (not written)");
        return reports;
    }

    private static String verdictWord(int code) {
        return switch (code) {
            case 0 -> "PASS";
            case 1 -> "FAIL";
            case 2 -> "usage error";
            case 3 -> "invalid input";
            default -> "internal error";
        };
    }

    private static Path createRunDirectory(Path runs, String scenario) throws CliException {
        String base = LocalDateTime.now().format(RUN_NAME) + "-" + scenario;
        try {
            Files.createDirectories(runs);
            for (int attempt = 1; ; attempt++) {
                Path dir = runs.resolve(attempt == 1 ? base : base + "-" + attempt);
                try {
                    return Files.createDirectory(dir).toAbsolutePath();
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // Two runs in one second: take the next suffix.
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot create a run folder in " + runs + ": " + e.getMessage(), e);
        }
    }

    /**
     * JMeter (and the plugins' azure-core) log through log4j2: to {@code jmeter.log} in the run folder, as
     * {@code jmeter -j} would, and not to the console. Must happen before log4j2 starts.
     */
    private static void routeJMeterLog(Path runDir) {
        System.setProperty("jmeter.logfile", runDir.resolve("jmeter.log").toString());
        if (System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j.configurationFile", "cvkit-demo-log4j2.xml");
        }
    }
}
