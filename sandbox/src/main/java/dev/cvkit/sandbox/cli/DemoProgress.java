package dev.cvkit.sandbox.cli;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import dev.cvkit.sandbox.chaos.fault.CpuPressure;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.NetworkDelay;
import dev.cvkit.sandbox.chaos.fault.PodFailure;
import dev.cvkit.sandbox.jmeter.Progress;
import dev.cvkit.sandbox.jmeter.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints one line per progress report of the demo's JMeter run: time, threads, requests per second over the last
 * interval, failed requests so far (and their share), and the state of the faults as the Chaos Studio emulator
 * sees them (execution status, the faults applied and where). Requests are counted as the evaluator's overall
 * figures count them: without the flows' transaction rows and cvkit's marker rows.
 */
final class DemoProgress implements ProgressListener {

    private static final Pattern CLUSTER = Pattern.compile("/managedClusters/([^/]+)/", Pattern.CASE_INSENSITIVE);

    private final PrintWriter out;
    private final ChaosStudioEmulator chaos;
    private final Instant since;

    /**
     * @param since executions started before this (earlier runs) are not shown
     */
    DemoProgress(PrintWriter out, ChaosStudioEmulator chaos, Instant since) {
        this.out = out;
        this.chaos = chaos;
        this.since = since;
    }

    void header() {
        out.printf("  %7s %7s %7s %7s %7s  %s%n", "elapsed", "threads", "req/s", "errors", "error%", "fault");
        out.flush();
    }

    @Override
    public void onProgress(Progress progress) {
        double errorPercent = progress.requests() == 0 ? 0 : 100.0 * progress.requestErrors() / progress.requests();
        out.printf(Locale.ROOT, "  %6ds %7d %7.1f %7d %6.2f%%  %s%n", progress.elapsed().toSeconds(), progress.activeThreads(),
                progress.requestsPerSecond(), progress.requestErrors(), errorPercent, faultState());
        out.flush();
    }

    /** e.g. {@code contoso-stamp-failure Running 12s: pod failure on aks-contoso-eastus}, or {@code none}. */
    String faultState() {
        List<String> parts = new ArrayList<>();
        for (String experiment : chaos.experimentNames()) {
            for (ExecutionSnapshot execution : chaos.executions(experiment)) {
                if (execution.startedAt() == null || execution.startedAt().isBefore(since)) {
                    continue;
                }
                Instant end = execution.stoppedAt() == null ? Instant.now() : execution.stoppedAt();
                parts.add(experiment + " " + execution.status() + " " + Duration.between(execution.startedAt(), end).toSeconds() + "s"
                        + (execution.isTerminal() ? " (ended)" : ""));
                break; // newest first: the latest execution of this experiment
            }
        }
        List<String> faults = new ArrayList<>();
        for (FaultRequest fault : chaos.activeFaults()) {
            faults.add(describe(fault));
        }
        if (parts.isEmpty()) {
            return faults.isEmpty() ? "none" : String.join(", ", faults);
        }
        return String.join("; ", parts) + (faults.isEmpty() ? "" : ": " + String.join(", ", faults));
    }

    static String describe(FaultRequest request) {
        Matcher cluster = CLUSTER.matcher(request.targetResourceId());
        String where = cluster.find() ? cluster.group(1) : request.targetResourceId();
        String what;
        if (request.fault() instanceof NetworkDelay delay) {
            what = "network delay " + delay.latency().toMillis() + " ms";
        } else if (request.fault() instanceof CpuPressure cpu) {
            what = "CPU pressure " + cpu.workers() + "x" + cpu.loadPercent() + "%";
        } else if (request.fault() instanceof PodFailure) {
            what = "pod failure";
        } else {
            what = request.fault().getClass().getSimpleName();
        }
        return what + " on " + where;
    }
}
