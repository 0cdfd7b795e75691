package dev.cvkit.sandbox.cli;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cvkit gui [plan.jmx]}: JMeter 5.6.3's GUI from the assembled home, with the cvkit plugins. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {
            "Opens JMeter 5.6.3's GUI (from sandbox/target/jmeter-home, no JMeter install needed) with the cvkit plugin",
            "jar loaded. While ./cvkit sandbox runs, JMeter gets its properties (target.url, chaos.endpoint, the trust",
            "store) and the managed-identity environment, so plans run against the sandbox from the GUI.",
            ""
        },
        footer = {"", "Exit codes: JMeter's own; 2 usage (no display), 3 plan or JMeter home missing."})
final class GuiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PLAN", description = "A .jmx plan to open.")
    Path plan;

    @Option(names = "--log", paramLabel = "FILE", description = "JMeter's log file (default: jmeter.log in the working directory).")
    Path log;

    @Option(names = "--no-sandbox", description = "Do not point JMeter at a running sandbox.")
    boolean noSandbox;

    @Option(names = "--dry-run", description = "Print the command and environment instead of starting JMeter.")
    boolean dryRun;

    @Option(names = "--debug", description = "Print stack traces.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CvkitLayout layout = CvkitLayout.fromSystemProperties();
        Path home = layout.builtJmeterHome();
        Path launcher = home.resolve("bin/ApacheJMeter.jar");
        if (plan != null && !Files.isRegularFile(plan)) {
            throw new CliException(ExitCodes.INVALID_INPUT, plan + ": no such plan file");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(launcher.toString());
        Path jar = layout.existingPluginsJar();
        if (jar != null) {
            command.add("-Juser.classpath=" + jar);
            command.add("-Jsearch_paths=" + jar);
        } else {
            err.println("cvkit gui: the cvkit plugin jar is not built (jmeter-plugins/target); the GUI opens without the cvkit elements");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Optional<SandboxState> sandbox = noSandbox ? Optional.empty() : SandboxState.readLive(layout.runDirectory());
        if (sandbox.isPresent()) {
            sandbox.get().jmeter().forEach((k, v) -> command.add("-J" + k + "=" + v));
            environment.putAll(sandbox.get().environment());
            out.println("cvkit gui: pointing JMeter at the running sandbox (process " + sandbox.get().pid() + ")");
        }
        if (log != null) {
            command.add("-j");
            command.add(log.toAbsolutePath().toString());
        }
        if (plan != null) {
            command.add("-t");
            command.add(plan.toAbsolutePath().toString());
        }
        if (dryRun) {
            environment.forEach((k, v) -> out.println(k + "=" + v));
            out.println(String.join(" ", command));
            return ExitCodes.OK;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("win") && !os.contains("mac") && (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank())) {
            throw new CliException(ExitCodes.USAGE, "no display: JMeter's GUI needs an X display (DISPLAY is not set); "
                    + "run JMeter without a GUI with ./cvkit demo or java -jar " + launcher + " -n -t plan.jmx");
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (!environment.isEmpty()) {
            // Another host's identity variables would make azure-identity pick that host instead of the sandbox's IMDS.
            ChaosStudioEmulator.OTHER_IDENTITY_VARIABLES.forEach(builder.environment()::remove);
        }
        builder.environment().putAll(environment);
        Process jmeter;
        try {
            jmeter = builder.start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "cannot start JMeter: " + e.getMessage(), e);
        }
        // Ctrl-C or a kill of ./cvkit takes JMeter down with it.
        Thread hook = new Thread(jmeter::destroy, "cvkit-gui-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = jmeter.waitFor();
        Runtime.getRuntime().removeShutdownHook(hook);
        return exit;
    }
}
