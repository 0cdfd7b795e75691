package dev.cvkit.jmeter.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.ExperimentJson;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMeter's distributed mode on loopback: a stock JMeter server ({@code -s}) runs the plan, a stock client
 * ({@code -n -R}) controls it and writes the results; both homes have the packaged jar. The fault markers reach
 * the client's results, and their URL column is the experiment's resource ID there too.
 */
class DistributedModeIT {

    @TempDir
    Path directory;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theMarkersReachTheControllersResults() throws Exception {
        StockJMeter jmeter = StockJMeter.withPlugin(directory);
        try (ChaosStudioEmulator emulator = ChaosStudioEmulator.builder().startupLatency(Duration.ofMillis(300))
                .cancelLatency(Duration.ofMillis(100)).retryAfter(Duration.ZERO)
                .experiment(EmulatorFixture.EXPERIMENT, ExperimentJson.podFailure("PT60S")).build()) {
            Path plan = new Plans("distributed").config(EmulatorFixture.configFields())
                    .faultControl(true, 1000, true).load(1, 4, 50).save(directory.resolve("distributed.jmx"));
            int registry = freePort();
            int local = freePort();
            List<String> rmi = List.of("-Jserver.rmi.ssl.disable=true", "-Djava.rmi.server.hostname=127.0.0.1");
            List<String> server = new ArrayList<>(List.of("-s", "-j", directory.resolve("server.log").toString(),
                    "-Jserver_port=" + registry, "-Jserver.rmi.localport=" + local));
            server.addAll(rmi);
            StockJMeter.Run serverRun = jmeter.startWith(server, directory, "server", emulator.identityEnvironment());
            try {
                awaitText(serverRun.console(), "Created remote object", Duration.ofSeconds(60));
                List<String> client = new ArrayList<>(List.of("-n", "-t", plan.toString(), "-R",
                        "127.0.0.1:" + registry, "-X", "-l", directory.resolve("client.jtl").toString(),
                        "-j", directory.resolve("client.log").toString()));
                client.addAll(rmi);
                StockJMeterIT.properties(emulator).forEach((key, value) -> client.add("-G" + key + "=" + value));
                StockJMeter.Run clientRun = jmeter.startWith(client, directory, "client", Map.of());
                assertThat(clientRun.await(Duration.ofSeconds(120))).as(clientRun.consoleText()).isZero();

                List<Jtl.Row> rows = Jtl.read(directory.resolve("client.jtl"));
                String resourceId = emulator.experimentResourceId(EmulatorFixture.EXPERIMENT);
                List<Jtl.Row> markers = Jtl.labelled(rows, "cvkit:fault-");
                assertThat(markers).as(serverRun.logText()).extracting(Jtl.Row::label)
                        .containsExactlyInAnyOrder("cvkit:fault-start:stamp-down", "cvkit:fault-end:stamp-down");
                assertThat(markers).allSatisfy(row -> assertThat(row.success()).isTrue());
                System.out.println("distributed mode: the controller's URL column reads " + markers.get(0).get("URL"));
                // The bare resource ID, as on a single engine (a plain URL would read file:/subscriptions/... here).
                assertThat(markers).allSatisfy(row -> assertThat(row.get("URL")).isEqualTo(resourceId));
                assertThat(emulator.executions(EmulatorFixture.EXPERIMENT)).singleElement()
                        .satisfies(execution -> assertThat(execution.status()).isEqualTo("Cancelled"));
            } finally {
                serverRun.process().destroy();
                serverRun.await(Duration.ofSeconds(30));
            }
        }
    }

    private static void awaitText(Path file, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in " + file + " within " + timeout + ": "
                + (Files.exists(file) ? Files.readString(file) : "(none)"));
    }
}
