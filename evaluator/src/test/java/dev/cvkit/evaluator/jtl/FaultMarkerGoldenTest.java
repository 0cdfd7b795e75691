package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.markers.MarkerWindow;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The marker contract's golden JTL ({@code contracts/fault-markers-golden.jtl}), read from the evaluator's side. */
class FaultMarkerGoldenTest {

    @Test
    void markerRowsAreRecognisedAndLeftOutOfOverall() {
        String root = System.getProperty("cvkit.root");
        Path golden = root == null ? null : Path.of(root, "contracts", "fault-markers-golden.jtl");
        // A contract test without its fixture fails: it must never pass by testing nothing.
        assertThat(root).as("the system property cvkit.root (the repository root, set by the build)").isNotNull();
        assertThat(golden).as("the contract's golden file").isRegularFile();
        RunStats stats = Reading.read(golden);

        assertThat(stats.rowCounts()).isEqualTo(new RowCounts(50, 0, 0, 5));
        assertThat(stats.labels()).containsKeys("cvkit:fault-start:contoso-stamp-failure",
                "cvkit:fault-start:contoso-latency", "cvkit:fault-end:contoso-stamp-failure");
        assertThat(stats.markers()).extracting(FaultMarker::kind, FaultMarker::experiment, FaultMarker::executionId,
                FaultMarker::status, FaultMarker::role, FaultMarker::success, FaultMarker::instantMillis,
                FaultMarker::threadName, FaultMarker::line, FaultMarker::format)
                .containsExactly(
                        tuple(FaultMarker.Kind.START, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Running", "started", true, 1767225621500L, "10.1.0.4-Fault control 1-1", 19L, 2),
                        tuple(FaultMarker.Kind.START, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Running", "joined", true, 1767225622500L, "10.1.0.5-Fault control 1-1", 21L, 2),
                        tuple(FaultMarker.Kind.START, "contoso-latency", "none", "Unknown", "started", false,
                                1767225625210L, "10.1.0.4-Fault control 1-1", 26L, 2),
                        tuple(FaultMarker.Kind.END, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Cancelled", "started", true, 1767225643000L, "10.1.0.4-Fault control 1-1", 39L, 2),
                        tuple(FaultMarker.Kind.END, "contoso-stamp-failure", "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c",
                                "Cancelled", "joined", true, 1767225643550L, "10.1.0.5-Fault control 1-1", 41L, 2));
        assertThat(stats.markers()).extracting(FaultMarker::window).containsExactly(
                new MarkerWindow(MarkerWindow.Source.FALLBACK, 1767225620000L, MarkerWindow.ABSENT, true),
                new MarkerWindow(MarkerWindow.Source.FALLBACK, 1767225620100L, MarkerWindow.ABSENT, true),
                null,
                new MarkerWindow(MarkerWindow.Source.SERVICE, 1767225622960L, 1767225641940L, true),
                new MarkerWindow(MarkerWindow.Source.SERVICE, 1767225623770L, 1767225642790L, true));
        assertThat(stats.markers().get(2).failureMessage()).isEqualTo("Chaos Studio refused the start: HTTP 403 AuthorizationFailed");
    }
}
