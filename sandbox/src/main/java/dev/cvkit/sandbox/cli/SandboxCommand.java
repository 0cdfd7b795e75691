package dev.cvkit.sandbox.cli;

import dev.cvkit.sandbox.Sandbox;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.InvalidExperimentException;
import dev.cvkit.sandbox.shop.Stamp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cvkit sandbox}: the shop and the Chaos Studio emulator in the foreground until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {
            "Runs the Contoso Shoes demo shop (two stamps behind a front door) and the Chaos Studio emulator in the",
            "foreground, prints their addresses and what a test plan needs, and stops cleanly on Ctrl-C (running faults",
            "are ended). While it runs, ./cvkit gui points JMeter at it.",
            ""
        },
        footer = {"", "Exit codes: 0 stopped, 2 usage (port in use, already running), 3 invalid experiment file, 4 internal error."})
final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--front-door-port", paramLabel = "PORT", description = "Shop front door port (default ${DEFAULT-VALUE}; 0: any free port).")
    int frontDoorPort = 18080;

    @Option(names = "--stamp-ports", paramLabel = "EAST,WEST", split = ",", description = "Ports of the eastus and westus stamps (default 18081,18082).")
    int[] stampPorts = {18081, 18082};

    @Option(names = "--chaos-port", paramLabel = "PORT", description = "Chaos Studio emulator HTTPS port (default ${DEFAULT-VALUE}).")
    int chaosPort = 18443;

    @Option(names = "--identity-port", paramLabel = "PORT",
            description = "App Service managed-identity endpoint port (default ${DEFAULT-VALUE}).")
    int identityPort = 18444;

    @Option(names = "--imds-port", paramLabel = "PORT",
            description = "Instance Metadata Service (IMDS) port, the managed identity of Azure Load Testing engines (default ${DEFAULT-VALUE}).")
    int imdsPort = 18445;

    @Option(names = "--experiments", paramLabel = "DIR",
            description = "Chaos Studio experiment JSON files to deploy (default test-plans/contoso-shoes/experiments when it exists).")
    Path experiments;

    @Option(names = "--chaos-timing", paramLabel = "PROFILE[,NAME=DURATION...]", converter = ChaosTimingConverter.class,
            description = {"How long the emulated Chaos Studio takes: realistic (default: ${DEFAULT-VALUE}) or fast, e.g.",
                "realistic,injectionLag=5s,waitingToStart=20s. Names: preProcessingQueued, waitingToStart, injectionLag,",
                "removalLag, cancelLatency."})
    EmulatorTiming chaosTiming = EmulatorTiming.REALISTIC;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop by itself after this long (ISO-8601, e.g. PT10M); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--debug", description = "Print stack traces.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stampPorts.length != 2) {
            throw new CliException(ExitCodes.USAGE, "--stamp-ports takes two ports: EAST,WEST");
        }
        CvkitLayout layout = CvkitLayout.fromSystemProperties();
        Optional<SandboxState> running = SandboxState.readLive(layout.runDirectory());
        if (running.isPresent() && running.get().pid() != ProcessHandle.current().pid()) {
            throw new CliException(ExitCodes.USAGE, "a sandbox is already running (process " + running.get().pid()
                    + ", see " + SandboxState.file(layout.runDirectory()) + "); stop it first");
        }
        Path experimentsDir = experiments;
        if (experimentsDir == null && Files.isDirectory(layout.defaultExperiments())) {
            experimentsDir = layout.defaultExperiments();
        }
        if (experimentsDir != null && !Files.isDirectory(experimentsDir)) {
            throw new CliException(ExitCodes.INVALID_INPUT, experimentsDir + ": not a directory of experiment JSON files");
        }
        Sandbox sandbox = start(layout, experimentsDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop(sandbox, layout);
            stopped.countDown();
        }, "cvkit-sandbox-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SandboxState.of(sandbox).write(layout.runDirectory());
            describe(out, sandbox, layout, experimentsDir);
            out.flush();
            if (duration == null) {
                stopped.await();
            } else if (!stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                stop(sandbox, layout);
                out.println("cvkit sandbox: stopped after " + duration);
            }
        } catch (RuntimeException | InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop(sandbox, layout);
            throw e;
        }
        err.flush();
        return ExitCodes.OK;
    }

    private Sandbox start(CvkitLayout layout, Path experimentsDir) throws CliException {
        Sandbox.Builder builder = Sandbox.builder().chaosPort(chaosPort).identityPort(identityPort).imdsPort(imdsPort).tlsDirectory(layout.runDirectory())
                .chaosTiming(chaosTiming);
        builder.shop().frontDoorPort(frontDoorPort).stampPorts(stampPorts[0], stampPorts[1]);
        if (experimentsDir != null) {
            builder.experimentsDirectory(experimentsDir);
        }
        try {
            return builder.build();
        } catch (InvalidExperimentException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "invalid experiment:\n" + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new CliException(ExitCodes.USAGE, "a port is in use (" + e.getMessage() + "); choose others with --front-door-port, "
                        + "--stamp-ports, --chaos-port, --identity-port, --imds-port (0 = any free port)", e);
            }
            throw e;
        }
    }

    /** Stops shop and emulator and deletes what this sandbox wrote to the run directory: state, trust store, certificate. */
    private static void stop(Sandbox sandbox, CvkitLayout layout) {
        sandbox.close();
        SandboxState.delete(layout.runDirectory());
        for (Path file : List.of(sandbox.chaos().trustStorePath(), sandbox.chaos().tls().certificatePemPath())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Public material only (no private key is written): a leftover harms nothing, and the next start replaces it.
            }
        }
    }

    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static void describe(PrintWriter out, Sandbox sandbox, CvkitLayout layout, Path experimentsDir) {
        ChaosStudioEmulator chaos = sandbox.chaos();
        out.println("cvkit sandbox is running. Ctrl-C stops it (running faults are ended first).");
        out.println();
        out.println("Contoso Shoes");
        out.printf("  front door    %s   (GET /api/catalog, /frontdoor/status)%n", sandbox.shop().frontDoorUrl());
        for (Stamp stamp : sandbox.shop().stamps()) {
            out.printf("  %-13s %s   (AKS cluster %s)%n", stamp.region(), stamp.url(), stamp.clusterName());
        }
        out.println();
        out.println("Chaos Studio emulator (Microsoft.Chaos api-version " + ChaosStudioEmulator.API_VERSION + ")");
        out.printf("  ARM endpoint  %s%n", chaos.endpoint());
        out.printf("  trust store   %s (PKCS12, password %s)%n", chaos.trustStorePath(), chaos.trustStorePassword());
        out.printf("  certificate   %s%n", chaos.tls().certificatePemPath());
        EmulatorTiming timing = chaos.timing();
        out.printf("  timing        Running %s after a start, a fault %s after its action starts, gone %s after its end or a"
                + " cancel, Cancelled %s after the cancel (--chaos-timing)%n", seconds(timing.startupLatency()),
                seconds(timing.injectionLag()), seconds(timing.removalLag()), seconds(timing.cancelLatency()));
        if (sandbox.experimentNames().isEmpty()) {
            out.println("  experiments   none" + (experimentsDir == null ? " (no " + layout.defaultExperiments() + "; use --experiments DIR)" : ""));
        } else {
            out.println("  experiments   from " + experimentsDir);
            for (String name : sandbox.experimentNames()) {
                out.printf("    %s%n      %s%n", name, chaos.experimentResourceId(name));
            }
        }
        out.println();
        out.println("Managed identity for the cvkit plugins, from the emulated IMDS as on Azure Load Testing (set in the shell");
        out.println("that starts JMeter; other hosts' identity variables would take precedence, hence the unset):");
        out.printf("  unset %s%n", String.join(" ", ChaosStudioEmulator.OTHER_IDENTITY_VARIABLES));
        for (Map.Entry<String, String> variable : chaos.imdsEnvironment().entrySet()) {
            out.printf("  export %s=%s%n", variable.getKey(), variable.getValue());
        }
        out.printf("  (system-assigned identity, client id %s; the App Service route instead: unset %s and%n",
                chaos.systemAssignedClientId(), ChaosStudioEmulator.IMDS_HOST_VARIABLE);
        out.printf("   export %s)%n", String.join(" ", chaos.identityEnvironment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        out.println();
        out.println("JMeter properties for a plan:");
        for (Map.Entry<String, String> property : sandbox.jmeterProperties().entrySet()) {
            out.printf("  -J%s=%s%n", property.getKey(), property.getValue());
        }
        out.println();
        out.println("./cvkit gui [plan.jmx] uses these while the sandbox runs (" + SandboxState.file(layout.runDirectory()) + ").");
    }
}
