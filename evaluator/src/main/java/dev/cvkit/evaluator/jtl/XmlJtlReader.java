package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.markers.MarkerFormatException;
import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.stats.SampleSink;
import dev.cvkit.evaluator.stats.ThreadCountSink;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML JTL with a streaming (StAX) parser: a {@code <testResults>} root whose children are samples
 * of any element name ({@code sample}, {@code httpSample}, a plugin's class name, ...), each with JMeter's
 * attributes {@code t ts lb s} (required) and {@code lt ct rm tn} (optional), or, as XStream writes a
 * sample class it has no attribute aliases for, with child elements {@code elapsedTime timeStamp label
 * success latency connectTime responseMessage threadName}.
 *
 * <p>A sample element nested inside another sample is a sub-result. Its kind follows the structure: inside
 * a Transaction Controller's sample it is one of the transaction's requests and counts in overall; inside
 * any other sample it is a redirect or embedded resource, {@link RowKind#SUB_RESULT}. A file missing its
 * closing tag (a writer stopped mid-test) is read up to its last complete top-level sample, with a warning.
 */
final class XmlJtlReader {

    private static final String ROOT = "testResults";
    private static final Map<String, String> CHILD_FIELDS = Map.ofEntries(
            Map.entry("elapsedTime", "t"), Map.entry("timeStamp", "ts"), Map.entry("label", "lb"),
            Map.entry("success", "s"), Map.entry("latency", "lt"), Map.entry("connectTime", "ct"),
            Map.entry("responseMessage", "rm"), Map.entry("threadName", "tn"), Map.entry("allThreads", "na"),
            Map.entry("groupThreads", "ng"));
    /** {@code na}/{@code ng}: allThreads/grpThreads, read only for {@code warmup: auto}. */
    private static final List<String> ATTRIBUTES = List.of("t", "ts", "lb", "s", "lt", "ct", "rm", "tn", "na", "ng");

    private final ReadPart<?> part;
    private final AtomicLong bytesRead;

    /** Where thread counts go ({@code warmup: auto}), or null when nobody asked for them. */
    private final ThreadCountSink threadCounts;

    XmlJtlReader(ReadPart<?> part, AtomicLong bytesRead) {
        this.part = part;
        this.bytesRead = bytesRead;
        this.threadCounts = part.sink instanceof ThreadCountSink t && t.wantsActiveThreads() ? t : null;
    }

    /** One sample element while it is open: its fields, and its place in the output order. */
    private static final class Sample {
        final String element;
        final long line;
        final Sample parent;
        final String[] fields = new String[ATTRIBUTES.size()];
        String childField;
        StringBuilder childText;

        Sample(String element, long line, Sample parent) {
            this.element = element;
            this.line = line;
            this.parent = parent;
        }

        String get(String attribute) {
            return fields[ATTRIBUTES.indexOf(attribute)];
        }

        boolean isTransaction() {
            String rm = get("rm");
            return rm != null && Fields.isTransactionMessage(rm);
        }
    }

    void read(InputStream raw) throws IOException {
        EndAwareStream in = new EndAwareStream(raw, bytesRead);
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        List<Sample> group = new ArrayList<>();
        Deque<Sample> open = new ArrayDeque<>();
        long lastCompleteLine = 0;
        int depth = 0;
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    long line = xml.getLocation().getLineNumber();
                    String name = xml.getLocalName();
                    if (depth == 1) {
                        if (!ROOT.equals(name)) {
                            part.fatal(line, "expected the root element <" + ROOT + "> of an XML JTL, found <" + name + ">");
                        }
                    } else if (depth == 2 || open.peek() != null && depth == open.size() + 2 && isSample(xml)) {
                        Sample sample = new Sample(name, line, open.peek());
                        for (int i = 0; i < ATTRIBUTES.size(); i++) {
                            sample.fields[i] = xml.getAttributeValue(null, ATTRIBUTES.get(i));
                        }
                        open.push(sample);
                        group.add(sample);
                    } else if (open.peek() != null && depth == open.size() + 2 && CHILD_FIELDS.containsKey(name)) {
                        open.peek().childField = CHILD_FIELDS.get(name);
                        open.peek().childText = new StringBuilder();
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    Sample current = open.peek();
                    if (current != null && current.childText != null && depth == open.size() + 2) {
                        current.childText.append(xml.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    Sample current = open.peek();
                    if (current != null && depth == open.size() + 2 && current.childText != null) {
                        int i = ATTRIBUTES.indexOf(current.childField);
                        if (current.fields[i] == null) {
                            current.fields[i] = current.childText.toString();
                        }
                        current.childText = null;
                    } else if (current != null && depth == open.size() + 1) {
                        open.pop();
                        if (open.isEmpty()) {
                            for (Sample sample : group) {
                                deliver(sample);
                            }
                            group.clear();
                            lastCompleteLine = xml.getLocation().getLineNumber();
                        }
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            if (in.ended() && line >= in.lastLine()) {
                part.warn(0, "the file ends before its closing </" + ROOT + "> (the writer was probably stopped):"
                        + " read up to the last complete sample" + (lastCompleteLine > 0 ? ", ending at line "
                        + lastCompleteLine : " (there is none)"));
                part.lines = in.lastLine();
                return;
            }
            part.fatal(line, "not well-formed XML" + (e.getLocation() == null ? "" : " (column "
                    + e.getLocation().getColumnNumber() + ")") + ": " + e.getMessage().replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", ""));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // The stream is closed by the caller.
                }
            }
        }
        part.lines = in.lastLine();
    }

    private static boolean isSample(XMLStreamReader xml) {
        return xml.getAttributeValue(null, "lb") != null || xml.getAttributeValue(null, "t") != null
                || xml.getAttributeValue(null, "ts") != null;
    }

    private void deliver(Sample sample) {
        String missing = null;
        for (String required : List.of("t", "ts", "lb", "s")) {
            if (sample.get(required) == null) {
                missing = missing == null ? required : missing + ", " + required;
            }
        }
        if (missing != null) {
            part.malformed(sample.line, "<" + sample.element + "> has no " + missing
                    + " (cvkit needs t, ts, lb and s on every sample: elapsed, timeStamp, label and success)", false);
            return;
        }
        long elapsed = Fields.parseMillis(sample.get("t"));
        if (!Fields.isDuration(elapsed)) {
            part.malformed(sample.line, Fields.millisProblem("t (elapsed)", sample.get("t")), false);
            return;
        }
        long start = Fields.parseMillis(sample.get("ts"));
        if (start < 0) {
            part.malformed(sample.line, "ts (timeStamp): expected epoch milliseconds, found "
                    + Fields.quote(sample.get("ts")), false);
            return;
        }
        int success = Fields.parseSuccess(sample.get("s"));
        if (success < 0) {
            part.malformed(sample.line, "s (success): expected true or false, found " + Fields.quote(sample.get("s")), false);
            return;
        }
        long latency = optional(sample, "lt", "lt (Latency)");
        long connect = optional(sample, "ct", "ct (Connect)");
        if (latency == Long.MIN_VALUE || connect == Long.MIN_VALUE) {
            return;
        }
        String label = sample.get("lb");
        int labelId = part.labels.intern(label);
        RowKind kind;
        if (part.labels.isReserved(labelId)) {
            kind = RowKind.MARKER;
            String tn = sample.get("tn");
            FaultMarker marker;
            try {
                marker = FaultMarker.fromRow(label, sample.get("rm"), start, elapsed, success == 1, tn, "",
                        part.source, sample.line);
            } catch (MarkerFormatException e) {
                // Not skippable with --lenient: a marker left out would move the fault window.
                part.fatal(sample.line, e.getMessage());
                return;
            }
            if (marker != null) {
                part.marker(marker);
            }
        } else if (sample.isTransaction()) {
            kind = RowKind.TRANSACTION;
        } else if (sample.parent != null && !sample.parent.isTransaction()) {
            kind = RowKind.SUB_RESULT;
        } else {
            kind = RowKind.REQUEST;
        }
        if (threadCounts != null) {
            String count = sample.get("na") != null ? sample.get("na") : sample.get("ng");
            long threads = count == null ? -1 : Fields.parseMillis(count);
            if (threads >= 0) {
                threadCounts.activeThreads(part.source, start, threads);
            }
        }
        part.row(labelId, start, elapsed, latency, connect, success == 1, kind);
    }

    private long optional(Sample sample, String attribute, String column) {
        String value = sample.get(attribute);
        if (value == null || value.isEmpty()) {
            return SampleSink.ABSENT;
        }
        long millis = Fields.parseMillis(value);
        if (!Fields.isDuration(millis)) {
            part.malformed(sample.line, Fields.millisProblem(column, value), false);
            return Long.MIN_VALUE;
        }
        return millis;
    }

    /** Counts lines and bytes, and remembers whether the end of the input was reached. */
    private static final class EndAwareStream extends FilterInputStream {
        private final AtomicLong bytesRead;
        private boolean ended;
        private long lines = 1;

        EndAwareStream(InputStream in, AtomicLong bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        boolean ended() {
            return ended;
        }

        /** The number of the input's last line (so far). */
        long lastLine() {
            return lines;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else {
                bytesRead.incrementAndGet();
                lines += b == '\n' ? 1 : 0;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                ended = true;
                return n;
            }
            bytesRead.addAndGet(n);
            for (int i = off; i < off + n; i++) {
                lines += buf[i] == '\n' ? 1 : 0;
            }
            return n;
        }
    }
}
