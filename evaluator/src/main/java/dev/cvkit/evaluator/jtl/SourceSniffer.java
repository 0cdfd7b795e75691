package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks at the start of a results file and decides how to read it: XML or CSV, and for CSV the delimiter,
 * whether the first line is a header, and the columns. Rejects what is no results file at all (empty,
 * binary, compressed) with a message that says what it is.
 */
final class SourceSniffer {

    /** How a source is to be read. */
    record Sniffed(boolean xml, CsvLayout layout, long dataOffset, long headerLines) {
    }

    static final int HEAD_BYTES = 64 * 1024;
    private static final char[] DELIMITERS = {',', '\t', ';'};
    private static final int CONTROL_CHARS_TOLERATED = 8;

    private SourceSniffer() {
    }

    /**
     * @param columns {@code --columns} (used for files without a header line), or null for JMeter's default
     */
    static Sniffed sniff(ResultSource source, List<JtlColumn> columns) throws IOException {
        byte[] head;
        try (InputStream in = source.open()) {
            head = in.readNBytes(HEAD_BYTES);
        }
        String name = source.name();
        if (head.length == 0) {
            throw new InvalidInputException(name, 0, "empty file (0 bytes): no header and no samples");
        }
        int bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            throw new InvalidInputException(name, 0, "gzip-compressed data, not a JMeter results file:"
                    + " unpack it first (cvkit reads CSV and XML JTL files, directories and zip archives)");
        }
        checkText(name, head, bom);
        int first = bom;
        while (first < head.length && isXmlSpace(head[first])) {
            first++;
        }
        if (first < head.length && head[first] == '<') {
            return new Sniffed(true, null, 0, 0);
        }
        int lineEnd = bom;
        while (lineEnd < head.length && head[lineEnd] != '\n') {
            lineEnd++;
        }
        String firstLine = new String(head, bom, lineEnd - bom, StandardCharsets.UTF_8);
        if (firstLine.endsWith("\r")) {
            firstLine = firstLine.substring(0, firstLine.length() - 1);
        }
        CsvLayout header = header(name, firstLine);
        if (header != null) {
            long dataOffset = lineEnd < head.length ? lineEnd + 1 : head.length;
            return new Sniffed(false, header, dataOffset, 1);
        }
        List<JtlColumn> assumed = columns != null ? columns : JtlColumn.DEFAULT_17;
        char delimiter = DELIMITERS[0];
        for (char d : DELIMITERS) {
            if (split(firstLine, d).size() == assumed.size()) {
                delimiter = d;
                break;
            }
        }
        List<String> missing = new ArrayList<>();
        CsvLayout layout = CsvLayout.of(delimiter, assumed,
                columns != null ? CsvLayout.Origin.COLUMNS_OPTION : CsvLayout.Origin.DEFAULT, missing);
        if (layout == null) {
            throw new IllegalStateException("--columns lacks " + missing + " although ReadingOptions checked it");
        }
        return new Sniffed(false, layout, bom, 0);
    }

    /** The layout the first line declares when it is a header line; null when it is a data line. */
    private static CsvLayout header(String name, String firstLine) {
        char best = 0;
        int bestKnown = 0;
        for (char d : DELIMITERS) {
            List<String> fields = split(firstLine, d);
            if (JtlColumn.byHeaderName(fields.get(0)) == null) {
                continue;
            }
            int known = 0;
            for (String field : fields) {
                known += JtlColumn.byHeaderName(field) != null ? 1 : 0;
            }
            if (known > bestKnown) {
                best = d;
                bestKnown = known;
            }
        }
        if (best == 0) {
            return null;
        }
        List<JtlColumn> columns = new ArrayList<>();
        for (String field : split(firstLine, best)) {
            // sample_variables columns (JMeter quotes their names) and unknown names are read past.
            columns.add(JtlColumn.byHeaderName(field));
        }
        List<String> missing = new ArrayList<>();
        CsvLayout layout = CsvLayout.of(best, columns, CsvLayout.Origin.HEADER, missing);
        if (layout == null) {
            throw new InvalidInputException(name, 1, "the header names no " + String.join(", ", missing)
                    + (missing.size() == 1 ? " column" : " columns") + "; cvkit needs " + CsvLayout.requiredNames()
                    + " (JMeter's jmeter.save.saveservice.timestamp, .time, .label and .success settings)");
        }
        return layout;
    }

    /** Splits one line at {@code delimiter}, undoing {@code "} quoting; enough for a header line. */
    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Rejects binary content: NUL bytes, or more than a few control characters, in the first 64 KB. */
    private static void checkText(String name, byte[] head, int from) {
        int controls = 0;
        for (int i = from; i < head.length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0 || b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && ++controls > CONTROL_CHARS_TOLERATED) {
                throw new InvalidInputException(name, lineAt(head, i), "binary content (byte 0x"
                        + String.format("%02x", b) + " at offset " + i
                        + "): not a JMeter results file (expected a CSV or XML JTL, or a zip archive of them)");
            }
        }
    }

    private static long lineAt(byte[] head, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            line += head[i] == '\n' ? 1 : 0;
        }
        return line;
    }

    private static boolean isXmlSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
