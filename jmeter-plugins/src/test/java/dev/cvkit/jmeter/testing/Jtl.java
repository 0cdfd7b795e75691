package dev.cvkit.jmeter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a CSV JTL written with JMeter's default columns (no quoted commas in the rows the tests look at;
 * a row whose field count differs from the header is kept with its text for the assertion message).
 */
public final class Jtl {

    /** One row: the raw line and its fields by column name. */
    public record Row(String line, Map<String, String> fields) {
        public String get(String column) {
            return fields.get(column);
        }

        public String label() {
            return get("label");
        }

        public boolean success() {
            return "true".equals(get("success"));
        }
    }

    private Jtl() {
    }

    public static List<Row> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty()) {
                return List.of();
            }
            String[] header = lines.get(0).split(",");
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split(",", -1);
                Map<String, String> fields = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.length && i < values.length; i++) {
                    fields.put(header[i], values[i]);
                }
                rows.add(new Row(line, fields));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows whose label starts with {@code prefix}. */
    public static List<Row> labelled(List<Row> rows, String prefix) {
        return rows.stream().filter(r -> r.label() != null && r.label().startsWith(prefix)).collect(Collectors.toList());
    }

    /** The {@code key=value} pairs of a marker row's responseMessage, in order. */
    public static Map<String, String> messagePairs(Row row) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (String pair : row.get("responseMessage").split("; ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return pairs;
    }
}
