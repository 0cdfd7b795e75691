package dev.cvkit.ci.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small JMeter results for the script tests: a CSV JTL with JMeter's default columns and header, two labels over
 * {@code seconds} seconds, and the same packed as ALT's results.zip (one CSV per engine).
 */
public final class TinyRun {

    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";
    private static final long START_MILLIS = 1_790_000_000_000L;

    private TinyRun() {
    }

    /** Rows every 100 ms: "Browse catalog" answering in {@code elapsedMillis}, "View item" in twice that; no errors. */
    public static String csv(int seconds, int elapsedMillis) {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < seconds * 10; i++) {
            long at = START_MILLIS + i * 100L;
            String label = i % 2 == 0 ? "Browse catalog" : "View item";
            int elapsed = i % 2 == 0 ? elapsedMillis : 2 * elapsedMillis;
            rows.append(at).append(',').append(elapsed).append(',').append(label)
                    .append(",200,OK,10.0.0.4-Shoppers 1-1,text,true,,1000,100,1,1,https://shop.example/,")
                    .append(elapsed).append(",0,1\n");
        }
        return rows.toString();
    }

    public static Path writeJtl(Path file, int seconds, int elapsedMillis) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, csv(seconds, elapsedMillis), StandardCharsets.UTF_8);
    }

    /** ALT's layout: results.zip with one engine's CSV. */
    public static Path writeResultsZip(Path zip, int seconds, int elapsedMillis) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("engine1_results.csv"));
            entries.write(csv(seconds, elapsedMillis).getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        return zip;
    }
}
