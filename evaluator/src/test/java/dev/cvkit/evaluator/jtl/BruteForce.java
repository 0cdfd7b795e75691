package dev.cvkit.evaluator.jtl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Exact figures computed the slow, obvious way, independently of the code under test: every value kept
 * and sorted. For single-line CSV records with a header (no sub-result rule: callers use it on files
 * without sub-results) and for XML via the DOM.
 */
final class BruteForce {

    /** One set of rows' exact figures. */
    static final class Figures {
        final List<Long> elapsed = new ArrayList<>();
        long errors;
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;

        void add(long ts, long elapsedMillis, boolean success) {
            elapsed.add(elapsedMillis);
            errors += success ? 0 : 1;
            firstStart = Math.min(firstStart, ts);
            lastEnd = Math.max(lastEnd, ts + elapsedMillis);
        }

        long count() {
            return elapsed.size();
        }

        double mean() {
            return elapsed.stream().mapToLong(Long::longValue).sum() / (double) elapsed.size();
        }

        /** Nearest rank: the smallest value with at least p% of the values at or below it. */
        long percentile(double p) {
            long[] sorted = elapsed.stream().mapToLong(Long::longValue).sorted().toArray();
            for (long v : sorted) {
                long atOrBelow = Arrays.stream(sorted).filter(x -> x <= v).count();
                if (atOrBelow * 100.0 >= p * sorted.length) { // callers use whole percentages
                    return v;
                }
            }
            throw new AssertionError("no values");
        }

        double rps() {
            return lastEnd == firstStart ? Double.NaN : count() * 1000.0 / (lastEnd - firstStart);
        }
    }

    /** Per label (keys) and "overall" (value under null): overall leaves out transaction rows. */
    static Map<String, Figures> csv(Path file, char delimiter) throws IOException {
        List<String> lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n")));
        List<String> header = split(lines.remove(0).replace("\r", ""), delimiter);
        int ts = header.indexOf("timeStamp");
        int elapsed = header.indexOf("elapsed");
        int label = header.indexOf("label");
        int success = header.indexOf("success");
        int message = header.indexOf("responseMessage");
        Map<String, Figures> result = new LinkedHashMap<>();
        result.put(null, new Figures());
        for (String line : lines) {
            List<String> f = split(line.replace("\r", ""), delimiter);
            long t = Long.parseLong(f.get(ts));
            long e = Long.parseLong(f.get(elapsed));
            boolean ok = f.get(success).equalsIgnoreCase("true");
            result.computeIfAbsent(f.get(label), k -> new Figures()).add(t, e, ok);
            if (message < 0 || !f.get(message).startsWith("Number of samples in transaction")) {
                result.get(null).add(t, e, ok);
            }
        }
        return result;
    }

    private static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"' && (quoted || field.length() == 0)) {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Flat XML of attribute-only samples, by regular expression. */
    static Map<String, Figures> flatXml(Path file) throws IOException {
        Pattern sample = Pattern.compile("<httpSample t=\"(\\d+)\" lt=\"\\d+\" ts=\"(\\d+)\" s=\"(\\w+)\" lb=\"([^\"]*)\"");
        Map<String, Figures> result = new LinkedHashMap<>();
        result.put(null, new Figures());
        Matcher m = sample.matcher(Files.readString(file));
        while (m.find()) {
            long e = Long.parseLong(m.group(1));
            long t = Long.parseLong(m.group(2));
            boolean ok = Boolean.parseBoolean(m.group(3));
            result.computeIfAbsent(m.group(4), k -> new Figures()).add(t, e, ok);
            result.get(null).add(t, e, ok);
        }
        return result;
    }

    /**
     * Nested XML through the DOM: samples are the root's children and, inside them, elements with an lb
     * attribute; a nested sample counts in overall only when its parent is a transaction sample.
     */
    static Map<String, Figures> nestedXml(String xml) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        Map<String, Figures> result = new LinkedHashMap<>();
        result.put(null, new Figures());
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                walk(e, null, result);
            }
        }
        return result;
    }

    private static void walk(Element sample, Element parent, Map<String, Figures> result) {
        long t = Long.parseLong(sample.getAttribute("t"));
        long ts = Long.parseLong(sample.getAttribute("ts"));
        boolean ok = sample.getAttribute("s").equalsIgnoreCase("true");
        result.computeIfAbsent(sample.getAttribute("lb"), k -> new Figures()).add(ts, t, ok);
        boolean transaction = sample.getAttribute("rm").startsWith("Number of samples in transaction");
        boolean subResult = parent != null && !parent.getAttribute("rm").startsWith("Number of samples in transaction");
        if (!transaction && !subResult) {
            result.get(null).add(ts, t, ok);
        }
        for (Node n = sample.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && child.hasAttribute("lb")) {
                walk(child, sample, result);
            }
        }
    }
}
