package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The marker contract's golden JTL ({@code contracts/fault-markers-golden.jtl}), read from the evaluator's side. */
class FaultMarkerGoldenTest {

    @Test
    void markerRowsAreRecognisedAndLeftOutOfOverall() {
        String root = System.getProperty("cvkit.root");
        Path golden = root == null ? null : Path.of(root, "contracts", "fault-markers-golden.jtl");
        Assumptions.assumeTrue(golden != null && Files.isRegularFile(golden),
                "contracts/fault-markers-golden.jtl not found (cvkit.root=" + root + ")");
        RunStats stats = Reading.read(golden);

        assertThat(stats.rowCounts()).isEqualTo(new RowCounts(48, 0, 0, 5));
        assertThat(stats.labels()).containsKeys("cvkit:fault-start:contoso-stamp-failure",
                "cvkit:fault-start:contoso-latency", "cvkit:fault-end:contoso-stamp-failure");
        assertThat(stats.markers()).extracting(FaultMarker::kind, FaultMarker::experiment, FaultMarker::executionId,
                FaultMarker::status, FaultMarker::role, FaultMarker::success, FaultMarker::instantMillis,
                FaultMarker::threadName, FaultMarker::line)
                .containsExactly(
                        tuple(FaultMarker.Kind.START, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Running", "started", true, 1767225621500L, "10.1.0.4-Fault control 1-1", 19L),
                        tuple(FaultMarker.Kind.START, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Running", "joined", true, 1767225622500L, "10.1.0.5-Fault control 1-1", 21L),
                        tuple(FaultMarker.Kind.START, "contoso-latency", "none", "Unknown", "started", false,
                                1767225625210L, "10.1.0.4-Fault control 1-1", 25L),
                        tuple(FaultMarker.Kind.END, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Cancelled", "started", true, 1767225643000L, "10.1.0.4-Fault control 1-1", 38L),
                        tuple(FaultMarker.Kind.END, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Cancelled", "joined", true, 1767225643550L, "10.1.0.5-Fault control 1-1", 40L));
        assertThat(stats.markers().get(2).failureMessage()).isEqualTo("Chaos Studio refused the start: HTTP 403 AuthorizationFailed");
    }
}
