package dev.cvkit.evaluator.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes JTL fixtures in JMeter's default 17-column CSV format (as ALT writes it), with cvkit fault-marker
 * rows as {@code contracts/fault-markers.md} describes them.
 */
public final class JtlWriter {

    public static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";
    /** 2026-01-01T00:00:00Z. */
    public static final long T0 = 1_767_225_600_000L;

    private final StringBuilder text = new StringBuilder();
    private String threadPrefix = "";

    public JtlWriter() {
        text.append(HEADER).append('\n');
    }

    /** Thread names get this prefix, as ALT prefixes them with the engine's address. */
    public JtlWriter engine(String prefix) {
        this.threadPrefix = prefix + "-";
        return this;
    }

    /** A request row: thread {@code Shoppers 1-1}, 10 active threads. */
    public JtlWriter row(long timeStamp, long elapsed, String label, boolean success) {
        return row(timeStamp, elapsed, label, success, "Shoppers 1-1", 10);
    }

    /** A request row with its thread and active-thread count ({@code grpThreads} = {@code allThreads}). */
    public JtlWriter row(long timeStamp, long elapsed, String label, boolean success, String thread, int threads) {
        text.append(timeStamp).append(',').append(elapsed).append(',').append(label).append(',')
                .append(success ? "200,OK," : "500,Internal Server Error,").append(threadPrefix).append(thread)
                .append(",text,").append(success).append(',').append(success ? "" : "Internal Server Error")
                .append(",1520,180,").append(threads).append(',').append(threads)
                .append(",http://shop.contoso.test/api,").append(Math.max(0, elapsed - 5)).append(",0,0\n");
        return this;
    }

    /**
     * A fault marker row.
     *
     * @param start start (true) or end marker
     * @param role  started, joined or observed
     */
    public JtlWriter marker(boolean start, String experiment, String execution, long timeStamp, long elapsed,
            boolean success, String role) {
        text.append(timeStamp).append(',').append(elapsed).append(",cvkit:fault-").append(start ? "start:" : "end:")
                .append(experiment).append(',').append(success ? "200" : "403").append(",execution=").append(execution)
                .append("; status=").append(start ? (success ? "Running" : "Unknown") : "Cancelled").append("; role=")
                .append(role).append("; by=sampler,").append(threadPrefix).append("Fault control 1-1,text,")
                .append(success).append(',').append(success ? "" : "Chaos Studio refused the call")
                .append(",0,0,1,10,/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Chaos/experiments/")
                .append(experiment).append(',').append(elapsed).append(",0,0\n");
        return this;
    }

    /** Any text as it is (a malformed or unusual row). */
    public JtlWriter raw(String line) {
        text.append(line).append('\n');
        return this;
    }

    public String text() {
        return text.toString();
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A zip archive with one entry per writer, as ALT's results.zip holds one CSV per engine. */
    public static Path zip(Path file, Map<String, JtlWriter> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, JtlWriter> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().text().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
