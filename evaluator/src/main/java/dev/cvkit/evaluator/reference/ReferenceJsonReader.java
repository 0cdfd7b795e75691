package dev.cvkit.evaluator.reference;

import static dev.cvkit.evaluator.reference.ReferenceJson.F_BUCKETS;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_COUNT;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_ERRORS;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_FIRST_START;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_FORMAT;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_LABELS;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_LAST_END;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_MAX;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_MIN;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_OVERALL;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_PHASES;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_RECORDED_AT;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_RECORDED_BY;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_SOURCES;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_SUM;
import static dev.cvkit.evaluator.reference.ReferenceJson.F_VERSION;
import static dev.cvkit.evaluator.reference.ReferenceJson.OLDEST_READ;
import static dev.cvkit.evaluator.reference.ReferenceJson.FORMAT;
import static dev.cvkit.evaluator.reference.ReferenceJson.VERSION;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.stats.Metric;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of a reference file back into a {@link ReferenceRun}, checking its format, version and
 * shape. Anything else is an {@link InvalidInputException} (exit 3) that names the file, where in it (a
 * path such as {@code phases.all.labels["Home"].responseTimeMs.buckets[3]}, or the line for JSON that does
 * not parse) and what was expected there. Fields the writer adds for people ({@code p95}, {@code mean},
 * {@code errorPct}, {@code requestsPerSecond}) and unknown fields are ignored.
 */
final class ReferenceJsonReader {

    /**
     * The tree is built from the streaming parser here rather than by an {@code ObjectMapper}: in the fresh JVM
     * of each {@code cvkit evaluate}, setting one up and running its deserializers cold cost about half a second
     * of CPU for a reference of a few hundred kilobytes; the parser and the node classes alone cost a fraction.
     */
    private static final JsonFactory JSON = new JsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RECORD_HINT = " (reference files are written by ./cvkit baseline record)";

    private final String source;

    private ReferenceJsonReader(String source) {
        this.source = source;
    }

    static ReferenceRun read(Reader reader, String source) {
        return new ReferenceJsonReader(source).read(() -> JSON.createParser(reader));
    }

    /** Reads JSON held as UTF-8 bytes. */
    static ReferenceRun read(byte[] json, String source) {
        return new ReferenceJsonReader(source).read(() -> JSON.createParser(json));
    }

    private interface ParserSource {
        JsonParser open() throws IOException;
    }

    private ReferenceRun read(ParserSource input) {
        JsonNode root;
        try (JsonParser parser = input.open()) {
            root = tree(parser, new BucketPairs.Parser());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long line = at == null ? 0 : Math.max(0, at.getLineNr());
            throw new InvalidInputException(source, line, "not valid JSON: " + e.getOriginalMessage()
                    + "; expected a cvkit reference run" + RECORD_HINT, e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source, 0, "not a UTF-8 text file: expected a reference run file (JSON)");
        } catch (IOException e) {
            throw new InvalidInputException(source, 0, "cannot read the reference file: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(source, 0, "the file is empty: expected a cvkit reference run" + RECORD_HINT);
        }
        if (!root.isObject() || !FORMAT.equals(root.path(F_FORMAT).asText(null))) {
            throw new InvalidInputException(source, 0, "not a cvkit reference run: expected a JSON object with \""
                    + F_FORMAT + "\": \"" + FORMAT + "\"" + RECORD_HINT);
        }
        JsonNode version = root.get(F_VERSION);
        if (version == null || !version.isIntegralNumber()) {
            throw fail(F_VERSION, "expected the format version, a whole number (this cvkit reads " + versionsRead() + "), found "
                    + describe(version));
        }
        if (version.asLong() < OLDEST_READ || version.asLong() > VERSION) {
            throw fail(F_VERSION, "format version " + version.asText() + " is not one this cvkit reads (it reads "
                    + versionsRead() + ")" + (version.asLong() > VERSION
                            ? ": the file was recorded by a newer cvkit; upgrade cvkit or record the reference again"
                            : ": record the reference again with ./cvkit baseline record"));
        }
        Instant recordedAt = instant(root, F_RECORDED_AT);
        String recordedBy = text(root, F_RECORDED_BY, "");
        List<String> sources = strings(root, F_SOURCES);
        JsonNode phasesNode = object(root, F_PHASES, "");
        Map<String, PhaseSummary> phases = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = phasesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            phases.put(e.getKey(), phase(e.getValue(), F_PHASES + segment(e.getKey())));
        }
        if (!phases.containsKey(ReferenceRun.WHOLE_RUN)) {
            throw fail(F_PHASES, "expected phase \"" + ReferenceRun.WHOLE_RUN + "\" (the whole run), found "
                    + (phases.isEmpty() ? "no phase" : "only " + String.join(", ", phases.keySet())));
        }
        return new ReferenceRun(recordedAt, recordedBy, sources, phases);
    }

    /**
     * The whole document as a tree, as {@code ObjectMapper.readTree} makes it (the same node types: int, long or
     * big-integer nodes for whole numbers, double nodes for the others), {@link MissingNode} for no content;
     * anything after the first value is an error.
     */
    private static JsonNode tree(JsonParser parser, BucketPairs.Parser pairs) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return MissingNode.getInstance();
        }
        JsonNode root = value(parser, first, pairs);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after the value");
        }
        return root;
    }

    /** The value that starts with {@code token}; the parser is left on its last token. */
    private static JsonNode value(JsonParser parser, JsonToken token, BucketPairs.Parser pairs) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken(), pairs));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t, pairs));
                }
                return array;
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_STRING -> {
                if (F_BUCKETS.equals(parser.currentName())) {
                    // Parsed where the parser holds it: no string made of the longest values in the file.
                    return NODES.pojoNode(pairs.parse(parser.getTextCharacters(), parser.getTextOffset(),
                            parser.getTextLength()));
                }
                return NODES.textNode(parser.getText());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "Unexpected token " + token);
        }
    }

    private PhaseSummary phase(JsonNode node, String path) {
        if (!node.isObject()) {
            throw fail(path, "expected a phase: an object with \"" + F_OVERALL + "\" and \"" + F_LABELS + "\", found "
                    + describe(node));
        }
        LabelSummary overall = summary(object(node, F_OVERALL, path), path + "." + F_OVERALL);
        JsonNode labelsNode = object(node, F_LABELS, path);
        Map<String, LabelSummary> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + "." + F_LABELS + segment(e.getKey());
            if (!e.getValue().isObject()) {
                throw fail(at, "expected a label's summary (an object with \"" + F_COUNT + "\", \"" + F_ERRORS
                        + "\" ...), found " + describe(e.getValue()));
            }
            labels.put(e.getKey(), summary(e.getValue(), at));
        }
        return new PhaseSummary(overall, labels);
    }

    private LabelSummary summary(JsonNode node, String path) {
        long count = count(node, F_COUNT, path);
        long errors = count(node, F_ERRORS, path);
        if (errors > count) {
            throw fail(path + "." + F_ERRORS, "expected at most " + count + " errors (the count), found " + errors);
        }
        long firstStart = number(node, F_FIRST_START, path);
        long lastEnd = number(node, F_LAST_END, path);
        if (lastEnd < firstStart) {
            throw fail(path + "." + F_LAST_END, "expected the last end (" + lastEnd + ") not before the first start ("
                    + firstStart + ")");
        }
        Map<Metric, TimingHistogram> timings = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            String field = ReferenceJson.fieldOf(metric);
            JsonNode h = node.get(field);
            if (h == null || h.isNull()) {
                continue;
            }
            String at = path + "." + field;
            TimingHistogram histogram = histogram(h, at);
            if (histogram.count() > count) {
                throw fail(at + "." + F_COUNT, "expected at most " + count + " values (the rows), found " + histogram.count());
            }
            timings.put(metric, histogram);
        }
        return new LabelSummary(count, errors, firstStart, lastEnd, timings);
    }

    private TimingHistogram histogram(JsonNode node, String path) {
        if (!node.isObject()) {
            throw fail(path, "expected a histogram: an object with \"" + F_COUNT + "\", \"" + F_SUM + "\", \"" + F_MIN
                    + "\", \"" + F_MAX + "\" and \"" + F_BUCKETS + "\", found " + describe(node));
        }
        long count = count(node, F_COUNT, path);
        long sum = count(node, F_SUM, path);
        long min = count(node, F_MIN, path);
        long max = count(node, F_MAX, path);
        JsonNode buckets = node.get(F_BUCKETS);
        long[][] parts;
        if (buckets != null && buckets.isPojo() && ((POJONode) buckets).getPojo() instanceof BucketPairs pairs) {
            if (pairs.problem() != null) {
                throw fail(path + "." + F_BUCKETS, pairs.problem());
            }
            parts = new long[][] {pairs.bucketMillis(), pairs.counts()};
        } else if (buckets != null && buckets.isArray()) {
            parts = bucketList(buckets, path + "." + F_BUCKETS);
        } else {
            throw fail(path + "." + F_BUCKETS, "expected the buckets as \"ms:count ms:count ...\" (a string), found "
                    + describe(buckets));
        }
        try {
            return TimingHistogram.fromParts(parts[0], parts[1], count, sum, min, max);
        } catch (IllegalArgumentException e) {
            throw fail(path, "the histogram does not hold together: " + e.getMessage());
        }
    }

    /** Version 1's buckets: a list of {@code [ms, count]} pairs. */
    private long[][] bucketList(JsonNode buckets, String path) {
        long[] bucketMillis = new long[buckets.size()];
        long[] counts = new long[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            JsonNode pair = buckets.get(i);
            if (!pair.isArray() || pair.size() != 2 || !whole(pair.get(0)) || !whole(pair.get(1))) {
                throw fail(path + "[" + i + "]",
                        "expected a pair [largest value in ms, count] of whole numbers, found " + describe(pair));
            }
            bucketMillis[i] = pair.get(0).asLong();
            counts[i] = pair.get(1).asLong();
        }
        return new long[][] {bucketMillis, counts};
    }

    private static String versionsRead() {
        return OLDEST_READ == VERSION ? String.valueOf(VERSION) : OLDEST_READ + " to " + VERSION;
    }

    private JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw fail(join(path, field), "expected an object, found " + describe(node));
        }
        return node;
    }

    /** A whole number {@code >= 0}. */
    private long count(JsonNode parent, String field, String path) {
        long value = number(parent, field, path);
        if (value < 0) {
            throw fail(join(path, field), "expected a whole number >= 0, found " + value);
        }
        return value;
    }

    private long number(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (!whole(node)) {
            throw fail(join(path, field), "expected a whole number, found " + describe(node));
        }
        return node.asLong();
    }

    private static boolean whole(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }

    private String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw fail(join(path, field), "expected a string, found " + describe(node));
        }
        return node.asText();
    }

    private Instant instant(JsonNode parent, String field) {
        String text = text(parent, field, "");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw fail(field, "expected an ISO-8601 instant such as 2026-01-02T03:04:05Z, found \"" + text + "\"");
        }
    }

    private List<String> strings(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw fail(field, "expected a list of the results files recorded, found " + describe(node));
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw fail(field + "[" + i + "]", "expected a file name (a string), found " + describe(node.get(i)));
            }
            values.add(node.get(i).asText());
        }
        return values;
    }

    private InvalidInputException fail(String path, String problem) {
        return new InvalidInputException(source, 0, path + ": " + problem + RECORD_HINT);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A key as a path segment: {@code .all} for a simple word, {@code ["GET /a"]} otherwise. */
    private static String segment(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? "." + key : "[" + quote(key) + "]";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isPojo()) {
            return "a string"; // a "buckets" string, read as pairs at once (a label or field named so, misplaced)
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
