package dev.cvkit.jmeter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.InProcessJMeter;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Plans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elements in the real JMeter engine, in dry-run mode (no Chaos Studio needed): samplers record their
 * rows; the Fault Schedule's rows reach the results file through its post-processor relay, with no Results
 * Collector of its own; a wrong configuration gives failed rows that say what is wrong.
 */
class DryRunInJMeterTest {

    @TempDir
    Path directory;

    @Test
    void samplerAndScheduleRowsReachTheResultsAndAreLabelledAsDryRuns() throws Exception {
        Plans plan = new Plans("dry run")
                .config(Map.of("experimentResourceId", "${__P(cvkit.test.experiment)}", "dryRun", "${__P(cvkit.test.dry,true)}"))
                .schedule("0.3", "0.5")
                .faultControl(true, 300, true)
                .load(2, 3, 20);
        Path jtl = directory.resolve("results.jtl");
        InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), Map.of("cvkit.test.experiment",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Chaos/experiments/contoso-latency"), null);

        List<Jtl.Row> rows = Jtl.read(jtl);
        List<Jtl.Row> dry = Jtl.labelled(rows, "cvkit:");
        assertThat(dry).extracting(Jtl.Row::label).containsOnly(
                "cvkit:dry-run:fault-start:contoso-latency", "cvkit:dry-run:fault-end:contoso-latency");
        assertThat(dry).extracting(r -> r.get("responseMessage")).containsExactlyInAnyOrder(
                "execution=none; status=DryRun; role=started; by=sampler; format=2",
                "execution=none; status=DryRun; role=started; by=sampler; format=2",
                "execution=none; status=DryRun; role=started; by=schedule; format=2",
                "execution=none; status=DryRun; role=started; by=schedule; format=2");
        assertThat(dry).allSatisfy(row -> {
            assertThat(row.get("responseCode")).isEqualTo("cvkit-dry-run");
            assertThat(row.get("URL")).isEqualTo(
                    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Chaos/experiments/contoso-latency");
        });
        // The schedule has no thread in the results: its rows were written by whichever sampler thread ran next.
        assertThat(dry).filteredOn(r -> r.get("responseMessage").endsWith("by=schedule; format=2"))
                .allSatisfy(row -> assertThat(row.get("threadName")).matches("(Load|Fault control) \\d+-\\d+"));
        assertThat(Jtl.labelled(rows, "Browse catalog")).isNotEmpty();
    }

    @Test
    void aWrongConfigurationGivesFailedRowsThatSayWhy() throws Exception {
        Plans plan = new Plans("broken").config(Map.of("startTimeoutSeconds", "soon")).faultControl(true, 0, true);
        Path jtl = directory.resolve("broken.jtl");
        InProcessJMeter.run(plan, jtl, Duration.ofSeconds(60), Map.of(), null);

        List<Jtl.Row> rows = Jtl.labelled(Jtl.read(jtl), "cvkit:");
        assertThat(rows).extracting(Jtl.Row::label)
                .containsExactly("cvkit:fault-start:unknown", "cvkit:fault-end:unknown");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.success()).isFalse();
            assertThat(row.get("responseCode")).isEqualTo("cvkit-error");
            assertThat(row.get("failureMessage")).contains("Chaos Studio Experiment 'chaos': no experiment");
        });
    }
}
