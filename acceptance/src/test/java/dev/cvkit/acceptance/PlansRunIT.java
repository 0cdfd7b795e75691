package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.CvkitProcess;
import dev.cvkit.acceptance.support.JmxPlan;
import dev.cvkit.acceptance.support.Jtl;
import dev.cvkit.acceptance.support.Jtl.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each plan shortened by properties, in JMeter 5.6.3's real engine against the sandbox, with the plugin jar:
 * through {@code ./cvkit demo --scenario NAME -J...}, which loads the plan with SaveService and runs it in-process.
 * The chaos-stamp-failure plan runs at full length in {@link DemoIT}. What is checked is what the engine recorded;
 * the verdicts of shortened runs are not the point here.
 */
class PlansRunIT {

    @TempDir
    Path runs;

    private List<Row> run(String scenario, String... properties) throws Exception {
        List<String> args = new ArrayList<>(List.of("demo", "--scenario", scenario, "--runs", runs.toString(), "--progress-interval", "10"));
        for (String property : properties) {
            args.add("-J" + property);
        }
        try (CvkitProcess demo = CvkitProcess.start(runs.resolve(scenario + ".out"), args.toArray(String[]::new))) {
            int exit = demo.awaitExit(Duration.ofMinutes(4));
            String output = demo.output();
            assertThat(exit).as(output).isIn(0, 1);
            assertThat(output).contains("Verdict: ");
            assertThat(output).contains("JMeter: ");
            assertThat(demo.survivors()).as("processes left by ./cvkit demo").isEmpty();
            Path results = demo.runDirectory().orElseThrow().resolve("results.jtl");
            assertThat(results).isRegularFile();
            return Jtl.read(results);
        }
    }

    private static Set<String> labels(List<Row> rows) {
        return rows.stream().map(Row::label).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void normalRecordsEveryFlowAndNoError() throws Exception {
        List<Row> rows = run("normal", "load.durationSeconds=20", "load.rampUpSeconds=2");
        JmxPlan plan = JmxPlan.read(Checkout.plan("normal"));
        assertThat(labels(rows)).containsAll(plan.transactionNames())
                .contains("GET /api/catalog", "GET /api/catalog/{id}", "POST /api/catalog/{id}/ratings",
                        "POST /api/catalog/{id}/comments", "GET /api/comments/{id}", "GET /health/ready")
                .doesNotContain("Comment not visible in time");
        assertThat(rows).as("normal load has no unexpected error").allMatch(Row::success);
        assertThat(rows.stream().filter(r -> !r.isTransaction()).count()).isGreaterThan(500);
        // Polling ends when the comment is visible: about the shop's 300 ms processing delay, never the poll limit.
        assertThat(rows.stream().filter(r -> r.label().equals("Comment visible")).mapToLong(Row::elapsed).max().orElseThrow())
                .isBetween(250L, 5_000L);
    }

    @Test
    void spikeAddsItsShoppersToTheSameJourney() throws Exception {
        List<Row> rows = run("spike", "load.durationSeconds=30", "load.rampUpSeconds=2", "load.users=10",
                "spike.startSeconds=10", "spike.rampUpSeconds=2", "spike.durationSeconds=10", "spike.users=30");
        List<Row> spike = rows.stream().filter(r -> r.threadName().startsWith("Spike shoppers")).toList();
        assertThat(spike).as("the Spike shoppers ran the Shopper journey (Module Controller)").isNotEmpty();
        assertThat(labels(spike)).contains("Browse catalog", "View item");
        long firstSpike = spike.stream().mapToLong(Row::timeStamp).min().orElseThrow();
        long firstRow = rows.stream().mapToLong(Row::timeStamp).min().orElseThrow();
        assertThat(firstSpike - firstRow).as("the spike starts spike.startSeconds in").isBetween(8_000L, 20_000L);
        assertThat(rows.stream().mapToInt(Row::allThreads).max().orElseThrow()).isGreaterThanOrEqualTo(35);
        assertThat(rows).filteredOn(r -> !r.success()).isEmpty();
    }

    @Test
    void chaosLatencyStartsAndEndsItsFaultWithMarkers() throws Exception {
        // The emulator's realistic timing: Running 8 s after the start, Cancelled 5 s after the cancel; sent at 4 s,
        // the fault's markers lie at about 12 s and 29 s, leaving more than 5 s of load after the end.
        List<Row> rows = run("chaos-latency", "load.durationSeconds=40", "load.rampUpSeconds=2",
                "fault.startOffsetSeconds=4", "fault.durationSeconds=12");
        Row start = marker(rows, "cvkit:fault-start:contoso-stamp-latency");
        Row end = marker(rows, "cvkit:fault-end:contoso-stamp-latency");
        assertThat(start.responseMessage()).contains("status=Running").contains("role=started").contains("by=sampler");
        assertThat(end.responseMessage()).contains("status=Cancelled").contains("role=started").contains("by=sampler");
        assertThat(end.instant() - start.instant()).as("fault.durationSeconds").isBetween(11_000L, 20_000L);
        // 200 ms more on eastus until the front door's latency routing moves the traffic to westus.
        assertThat(rows).filteredOn(r -> !r.isMarker() && !r.isTransaction() && r.timeStamp() >= start.instant()
                && r.timeStamp() < end.instant() && r.elapsed() >= 180).isNotEmpty();
        assertThat(rows).filteredOn(r -> r.timeStamp() > end.instant() + 5_000).isNotEmpty();
    }

    private static Row marker(List<Row> rows, String label) {
        List<Row> markers = rows.stream().filter(r -> r.label().equals(label)).toList();
        assertThat(markers).as(label).hasSize(1);
        assertThat(markers.get(0).success()).as(markers.get(0).failureMessage()).isTrue();
        return markers.get(0);
    }
}
