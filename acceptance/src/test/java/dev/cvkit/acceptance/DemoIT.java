package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.CvkitProcess;
import dev.cvkit.acceptance.support.Jtl;
import dev.cvkit.acceptance.support.Jtl.Row;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cvkit demo} as a user runs it, end to end: the launcher (with {@code CVKIT_NO_BUILD=1}: the build packaged
 * everything), the sandbox, the chaos-stamp-failure plan in JMeter 5.6.3 with the plugins starting and ending the
 * fault through the emulator's Chaos Studio API, the evaluator against the baseline; and Ctrl-C in the middle of
 * the fault.
 */
class DemoIT {

    private static final Pattern ADDRESS = Pattern.compile("(https?://127\\.0\\.0\\.1:\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theDemoRunsTheStampFailureAndPassesItsBaseline() throws Exception {
        Path runDir;
        int exit;
        String output;
        Duration wall;
        try (CvkitProcess demo = CvkitProcess.start(dir.resolve("demo.out"), "demo")) {
            exit = demo.awaitExit(Duration.ofMinutes(6));
            wall = demo.elapsed();
            output = demo.output();
            assertThat(demo.survivors()).as("processes left by ./cvkit demo").isEmpty();
            runDir = demo.runDirectory().orElseThrow(() -> new AssertionError("no run folder in:\n" + output));
        }
        // The figure the README quotes: wall time of the whole demo on this machine.
        Path figures = Checkout.root().resolve("acceptance/target/demo-wall-time.txt");
        Files.createDirectories(figures.getParent());
        Files.writeString(figures, "./cvkit demo: " + wall.toSeconds() + " s wall, exit " + exit + ", load average "
                + Files.readString(Path.of("/proc/loadavg")).strip() + "\n");

        // The launcher's default route: the plugins' tokens come from the emulated IMDS, as on Azure Load Testing.
        assertThat(output).contains("identity  managed identity from the emulated IMDS http://127.0.0.1:");
        assertThat(output).contains("cvkit demo: scenario chaos-stamp-failure")
                .containsPattern("contoso-stamp-failure Running \\d+s: pod failure on aks-contoso-eastus");
        assertThat(runDir).startsWith(Checkout.root().resolve("runs"));
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("Verdict: PASS").containsPattern("cvkit demo: PASS \\(exit 0\\) in \\d+s");
        for (String report : List.of("results.jtl", "report.json", "junit.xml", "summary.md", "report.html", "jmeter.log")) {
            assertThat(runDir.resolve(report)).as(report).isRegularFile().isNotEmptyFile();
            assertThat(output).contains(report);
        }
        JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("pass");
        assertThat(report.path("phases").size()).as("before, during, after").isEqualTo(3);
        assertThat(report.path("criteria").size()).isGreaterThan(5);
        assertThat(Files.readString(runDir.resolve("junit.xml"))).contains("<testsuite").doesNotContain("<failure");

        List<Row> rows = Jtl.read(runDir.resolve("results.jtl"));
        Row start = single(rows, "cvkit:fault-start:contoso-stamp-failure");
        Row end = single(rows, "cvkit:fault-end:contoso-stamp-failure");
        assertThat(start.responseMessage()).contains("role=started").contains("by=schedule");
        assertThat(end.responseMessage()).contains("status=Cancelled").contains("by=schedule");
        // The stamp failure costs errors while the front door fails over, and the shop serves on from westus.
        // (Requests only: a Comment visible transaction that failed began with its post, before the fault.)
        assertThat(rows).filteredOn(r -> !r.success() && !r.isMarker() && !r.isTransaction()).isNotEmpty()
                .allMatch(r -> r.timeStamp() >= start.timeStamp() - 1_000);
        assertThat(rows).filteredOn(r -> r.timeStamp() > end.instant() + 5_000 && !r.isMarker()).isNotEmpty().allMatch(Row::success);

        assertPortsClosed(output);
        deleteRun(runDir);
    }

    @Test
    void ctrlCDuringTheFaultEndsTheFaultAndStopsEverything() throws Exception {
        assumeFalse(CvkitProcess.sigintIgnored(), "SIGINT is ignored in this process tree (the tests were started in"
                + " the background by a shell without job control): a Ctrl-C cannot reach the demo; run them in the"
                + " foreground to test it");
        try (CvkitProcess demo = CvkitProcess.start(dir.resolve("demo.out"), "demo", "--runs", dir.resolve("runs").toString(),
                "--progress-interval", "1", "-Jfault.startOffsetSeconds=8", "-Jload.rampUpSeconds=2")) {
            assertThat(demo.awaitOutput("contoso-stamp-failure Running", Duration.ofMinutes(2))).as(demo.output()).isTrue();
            demo.interrupt();
            int exit = demo.awaitExit(Duration.ofSeconds(90));
            String output = demo.output();
            assertThat(exit).as(output).isEqualTo(130);
            assertThat(output).contains("Ctrl-C").contains("interrupted").doesNotContain("Verdict:");
            assertThat(demo.survivors()).as("processes left after Ctrl-C").isEmpty();
            assertPortsClosed(output);
            List<Row> rows = Jtl.read(demo.runDirectory().orElseThrow().resolve("results.jtl"));
            single(rows, "cvkit:fault-start:contoso-stamp-failure");
            // JMeter was stopped; the guard of the Chaos Studio Experiment element ended the fault it had started.
            Row end = single(rows, "cvkit:fault-end:contoso-stamp-failure");
            assertThat(end.responseMessage()).contains("status=Cancelled").contains("by=guard");
        }
    }

    @Test
    void anUnknownScenarioListsTheKnownOnesAndHelpExplainsTheDemo() throws Exception {
        try (CvkitProcess unknown = CvkitProcess.start(dir.resolve("unknown.out"), "demo", "--scenario", "stamp-failure")) {
            assertThat(unknown.awaitExit(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(unknown.output()).contains("unknown scenario 'stamp-failure'")
                    .contains("known scenarios: chaos-latency, chaos-stamp-failure, normal, spike");
        }
        try (CvkitProcess help = CvkitProcess.start(dir.resolve("help.out"), "demo", "--help")) {
            assertThat(help.awaitExit(Duration.ofMinutes(1))).isZero();
            assertThat(help.output()).contains("--scenario").contains("chaos-stamp-failure").contains("Ctrl-C")
                    .contains("Exit codes");
        }
    }

    private static Row single(List<Row> rows, String label) {
        List<Row> found = rows.stream().filter(r -> r.label().equals(label)).toList();
        assertThat(found).as(label).hasSize(1);
        assertThat(found.get(0).success()).as(found.get(0).failureMessage()).isTrue();
        return found.get(0);
    }

    /** The shop and the emulator the demo printed no longer accept connections. */
    private static void assertPortsClosed(String output) throws IOException {
        String sandboxLine = output.lines().filter(l -> l.strip().startsWith("sandbox ")).findFirst()
                .orElseThrow(() -> new AssertionError("no sandbox line in:\n" + output));
        Matcher m = ADDRESS.matcher(sandboxLine);
        List<URI> addresses = new ArrayList<>();
        while (m.find()) {
            addresses.add(URI.create(m.group(1)));
        }
        assertThat(addresses).hasSize(2);
        for (URI address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", address.getPort()), 2_000);
                throw new AssertionError(address + " still accepts connections after the demo ended");
            } catch (ConnectException expected) {
                // Closed, as it must be.
            }
        }
    }

    private static void deleteRun(Path runDir) throws IOException {
        try (var files = Files.list(runDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(runDir);
    }
}
