package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.testing.JtlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-scan's guesses: markers found wherever they are, once each, and nothing else taken for one. */
class PreScanTest {

    @TempDir
    Path dir;

    private static final String ROW_TAIL = ",200,OK,T 1-1,text,true,,10,10,5,5,http://x/cvkit:fault-start:not-a-label,40,0,0\n";

    /** Rows of about 100 bytes until {@code bytes}, with marker rows at the given row numbers. */
    private static String rows(long bytes, int... markerRows) {
        StringBuilder csv = new StringBuilder(JtlWriter.HEADER).append('\n');
        int row = 0;
        int next = 0;
        while (csv.length() < bytes) {
            if (next < markerRows.length && row == markerRows[next]) {
                csv.append(new JtlWriter().marker(next % 2 == 0, "exp" + next, "e" + next, JtlWriter.T0 + row, 10, true,
                        "started").text().split("\n", 2)[1]);
                next++;
            }
            csv.append(JtlWriter.T0 + row).append(",45,Browse").append(ROW_TAIL);
            row++;
        }
        return csv.toString();
    }

    @Test
    void markersAcrossBufferBoundariesAreFoundOnceAndUrlsAreNotMarkers() throws IOException {
        String csv = rows(3L << 20, 5, 9_000, 10_500, 10_501, 20_000, 25_000);
        byte[] data = csv.substring(csv.indexOf('\n') + 1).getBytes(StandardCharsets.US_ASCII);
        List<FaultMarker> found = PreScan.scanBytes(data, CsvLayout.of(',', JtlColumn.DEFAULT_17, CsvLayout.Origin.DEFAULT,
                new java.util.ArrayList<>()));
        assertThat(found).extracting(FaultMarker::experiment).containsExactly("exp0", "exp1", "exp2", "exp3", "exp4", "exp5");
        assertThat(found).extracting(FaultMarker::kind).containsExactly(FaultMarker.Kind.START, FaultMarker.Kind.END,
                FaultMarker.Kind.START, FaultMarker.Kind.END, FaultMarker.Kind.START, FaultMarker.Kind.END);
        assertThat(found.get(3).instantMillis()).isEqualTo(JtlWriter.T0 + 10_501 + 10);
    }

    @Test
    void aLargeFileSearchedInStretchesFindsEveryMarkerOnce() throws IOException {
        Path file = dir.resolve("large.jtl");
        int[] at = new int[40];
        for (int i = 0; i < at.length; i++) {
            at[i] = 1 + i * 2_500;
        }
        Files.writeString(file, rows(12L << 20, at));
        PreScan.Result result = PreScan.scan(List.of(file.toString()), new ReadingOptions(),
                new PreScan.Wanted(true, true, true));
        assertThat(result.markersComplete()).isTrue();
        assertThat(result.markers()).hasSize(40);
        assertThat(result.markers().stream().map(FaultMarker::experiment).distinct().count()).isEqualTo(40);
        assertThat(result.firstSampleMillis()).isEqualTo(JtlWriter.T0);
        // Rows carry 5 active threads, the marker rows (JtlWriter's) 10.
        assertThat(result.threadPlateaus().get(file.toString()).maxThreads()).isEqualTo(10);
        assertThat(result.spanMillis()).isGreaterThan(100_000);
        // Without a head to read the search is cut in other stretches (one per core): the same markers.
        PreScan.Result markersOnly = PreScan.scan(List.of(file.toString()), new ReadingOptions(),
                new PreScan.Wanted(true, false, false));
        assertThat(markersOnly.markers()).containsExactlyElementsOf(result.markers());
        assertThat(markersOnly.threadPlateaus()).isEmpty();
    }
}
