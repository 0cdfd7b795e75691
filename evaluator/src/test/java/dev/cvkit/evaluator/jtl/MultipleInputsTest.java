package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several inputs merged into one run: files, directories, and ALT results.zip archives read in place. */
class MultipleInputsTest {

    @TempDir
    Path dir;

    /**
     * An ALT engine's CSV: default 17 columns, thread names prefixed with the engine's address. Each engine
     * has a Login parent with one redirect sub-result, a Browse request, and engine 1 a fault-start marker.
     */
    private static String engine(String ip, long offset, boolean withMarker) {
        StringBuilder csv = new StringBuilder(BadInputTest.HEADER);
        String t1 = ip + "-Shoppers 1-1";
        String t2 = ip + "-Shoppers 1-2";
        csv.append(1000 + offset).append(",200,Login,200,OK,").append(t1).append(",text,true,,10,5,2,4,u,150,0,8\n");
        csv.append(2000 + offset).append(",100,Browse,500,Internal Server Error,").append(t2)
                .append(",text,false,\"Test failed: code expected to be 200, but found 500\",10,5,2,4,u,90,0,0\n");
        csv.append(1000 + offset).append(",50,Login-0,302,Found,").append(t1).append(",text,true,,10,5,2,4,u,40,0,8\n");
        if (withMarker) {
            csv.append(3000 + offset).append(",700,cvkit:fault-start:exp,200,execution=ex1; status=Running; role=started; by=sampler,")
                    .append(ip).append("-Fault 1-1,text,true,,0,0,1,4,/subscriptions/s/experiments/exp,700,0,0\n");
        }
        return csv.toString();
    }

    private Path zip(String name, String... entriesAndContents) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(os)) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(entriesAndContents[i]));
                out.write(entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void altResultsZipIsReadInPlaceAndMergedWithOtherInputs() throws IOException {
        Path results = zip("results.zip",
                "testrun/engine1_results.csv", engine("10.1.0.4", 0, true),
                "testrun/engine2_results.csv", engine("10.1.0.5", 37, false),
                "testrun/readme.txt", "not results");
        Path extraDir = Files.createDirectories(dir.resolve("more/nested"));
        Files.writeString(extraDir.resolve("engine3.jtl"), engine("10.1.0.6", 500, false));
        Files.writeString(extraDir.resolve("notes.md"), "ignored");
        Path single = Files.writeString(dir.resolve("local.csv"), engine("127.0.0.1", 1000, false));

        Reading.Outcome outcome = Reading.read(Reading.DEFAULT, new ReadingOptions(), results, dir.resolve("more"), single);
        RunStats stats = outcome.stats();
        assertThat(outcome.progress()).isEmpty();
        assertThat(stats.labels().keySet()).containsExactly("Login", "Browse", "Login-0", "cvkit:fault-start:exp");
        // 4 engines x (Login + Browse) requests; 4 redirect sub-results; 1 marker.
        assertThat(stats.rowCounts()).isEqualTo(new RowCounts(8, 0, 4, 1));
        assertThat(stats.overall().errorCount()).isEqualTo(4);
        assertThat(stats.overall().firstStartMillis()).isEqualTo(1000);
        assertThat(stats.overall().lastEndMillis()).isEqualTo(2000 + 1000 + 100);
        assertThat(stats.overall().distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isEqualTo(150.0);
        assertThat(stats.labels().get("Login-0").distribution(Metric.CONNECT_TIME_MS).meanMillis()).isEqualTo(8.0);
        assertThat(stats.markers()).extracting(FaultMarker::source, FaultMarker::line, FaultMarker::threadName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(results + "!/testrun/engine1_results.csv", 5L,
                        "10.1.0.4-Fault 1-1"));
    }

    @Test
    void sameThreadNamesInTwoFilesDoNotLinkRowsAcrossFiles() throws IOException {
        // In file b, Login-0 is the first row of its thread: no parent directly before it in that file.
        Path a = Files.writeString(dir.resolve("a.jtl"), BadInputTest.HEADER
                + "1000,200,Login,200,OK,T 1-1,text,true,,1,1,1,1,u,1,0,0\n");
        Path b = Files.writeString(dir.resolve("b.jtl"), BadInputTest.HEADER
                + "1000,50,Login-0,200,OK,T 1-1,text,true,,1,1,1,1,u,1,0,0\n");
        assertThat(Reading.read(a, b).rowCounts()).isEqualTo(new RowCounts(2, 0, 0, 0));
    }

    @Test
    void anErrorNamesTheArchiveEntry() throws IOException {
        Path results = zip("results.zip", "engine1.csv", engine("10.0.0.1", 0, false),
                "engine2.csv", BadInputTest.HEADER + "1000,abc,Login,200,OK,T,text,true,,1,1,1,1,u,1,0,0\n");
        assertThatThrownBy(() -> Reading.read(results)).isInstanceOf(InvalidInputException.class)
                .hasMessage(results + "!/engine2.csv:2: elapsed: expected a whole number of milliseconds, found 'abc'");
    }

    @Test
    void containersWithoutResultsAreErrors() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> Reading.read(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessage(empty + ": no *.jtl or *.csv file in this directory");
        Path zip = zip("other.zip", "report/index.html", "<html/>");
        assertThatThrownBy(() -> Reading.read(zip)).isInstanceOf(InvalidInputException.class)
                .hasMessage(zip + ": no *.jtl or *.csv entry in this zip archive");
        Path oneEmpty = zip("one-empty.zip", "engine1.csv", engine("10.0.0.1", 0, false), "engine2.csv", "");
        assertThatThrownBy(() -> Reading.read(oneEmpty)).isInstanceOf(InvalidInputException.class)
                .hasMessage(oneEmpty + "!/engine2.csv: empty file (0 bytes): no header and no samples");
    }
}
