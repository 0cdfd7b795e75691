package dev.cvkit.acceptance.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The rows of a CSV JTL as JMeter writes it by default (with its header line). */
public final class Jtl {

    /** One sample row. */
    public record Row(long timeStamp, long elapsed, String label, String responseCode, String responseMessage,
            String threadName, boolean success, String failureMessage, int allThreads) {

        public boolean isMarker() {
            return label.startsWith("cvkit:");
        }

        /** A Transaction Controller's row (its message counts the samples inside). */
        public boolean isTransaction() {
            return responseMessage.startsWith("Number of samples in transaction");
        }

        /** The instant a marker stands for: when its state was confirmed. */
        public long instant() {
            return timeStamp + elapsed;
        }
    }

    private Jtl() {
    }

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                rows.add(new Row(Long.parseLong(r.get("timeStamp")), Long.parseLong(r.get("elapsed")), r.get("label"),
                        r.get("responseCode"), r.get("responseMessage"), r.get("threadName"),
                        Boolean.parseBoolean(r.get("success")), r.get("failureMessage"), Integer.parseInt(r.get("allThreads"))));
            }
        }
        return rows;
    }
}
