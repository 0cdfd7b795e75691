package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares an expected JSON document (a spec example) with an actual one (the emulator's answer) field by
 * field. By default every expected field must exist in the actual document with an equal value, and the
 * actual document must have no other fields. Rules, keyed by path patterns like
 * {@code value[*].properties.status}, loosen this where a value is generated (ids, times) or where the
 * example is known to disagree with the spec — each such deviation carries its reason.
 */
final class JsonFieldComparison {

    /** How one path is compared. */
    enum Kind {
        /** Equal values (the default). */
        EQUAL,
        /** Equal ignoring case. */
        EQUAL_IGNORING_CASE,
        /** Both are date-times (ISO-8601 with offset). */
        DATE_TIME,
        /** Both are GUIDs. */
        GUID,
        /** Both are non-empty strings. */
        STRING,
        /** Both are URLs with the same path shape, GUID segments wildcarded, hosts and queries ignored. */
        URL_PATH_SHAPE,
        /** An extra field the actual document may have (the spec defines it; the example omits it). */
        EXTRA_ALLOWED,
        /** Not compared, for the stated reason. */
        DEVIATION
    }

    record Rule(Kind kind, String reason) {
    }

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Map<Pattern, Rule> rules = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> deviations = new ArrayList<>();

    JsonFieldComparison rule(String pathPattern, Kind kind) {
        return rule(pathPattern, kind, null);
    }

    JsonFieldComparison rule(String pathPattern, Kind kind, String reason) {
        String regex = Pattern.quote(pathPattern).replace("[*]", "\\E\\[\\d+\\]\\Q");
        rules.put(Pattern.compile(regex), new Rule(kind, reason));
        return this;
    }

    private Rule ruleFor(String path) {
        for (Map.Entry<Pattern, Rule> entry : rules.entrySet()) {
            if (entry.getKey().matcher(path).matches()) {
                return entry.getValue();
            }
        }
        return new Rule(Kind.EQUAL, null);
    }

    /** Compares and returns the mismatches (empty when the documents agree under the rules). */
    List<String> compare(JsonNode expected, JsonNode actual) {
        compare("", expected, actual);
        return mismatches;
    }

    /** The deviations that applied, with their reasons (for the test log). */
    List<String> deviations() {
        return deviations;
    }

    private void compare(String path, JsonNode expected, JsonNode actual) {
        Rule rule = ruleFor(path);
        if (rule.kind() == Kind.DEVIATION) {
            deviations.add(path + ": " + rule.reason());
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            mismatches.add(path + ": missing (expected " + expected + ")");
            return;
        }
        switch (rule.kind()) {
            case EQUAL_IGNORING_CASE -> check(path, expected.isTextual() && actual.isTextual()
                    && expected.asText().equalsIgnoreCase(actual.asText()), expected, actual);
            case DATE_TIME -> check(path, isDateTime(expected) && isDateTime(actual), expected, actual);
            case GUID -> check(path, GUID.matcher(expected.asText()).matches() && GUID.matcher(actual.asText()).matches(), expected, actual);
            case STRING -> check(path, expected.isTextual() && actual.isTextual() && !actual.asText().isEmpty(), expected, actual);
            case URL_PATH_SHAPE -> check(path, shape(expected.asText()).equals(shape(actual.asText())), expected, actual);
            default -> compareEqual(path, expected, actual);
        }
    }

    private void compareEqual(String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                mismatches.add(path + ": expected an object, got " + actual);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                compare(join(path, field.getKey()), field.getValue(), actual.path(field.getKey()));
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                String fieldPath = join(path, name);
                if (!expected.has(name) && ruleFor(fieldPath).kind() != Kind.EXTRA_ALLOWED && ruleFor(fieldPath).kind() != Kind.DEVIATION) {
                    mismatches.add(fieldPath + ": not in the example (" + actual.get(name) + ")");
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                mismatches.add(path + ": expected an array of " + expected.size() + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            check(path, expected.equals(actual), expected, actual);
        }
    }

    private void check(String path, boolean ok, JsonNode expected, JsonNode actual) {
        if (!ok) {
            mismatches.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static boolean isDateTime(JsonNode node) {
        try {
            OffsetDateTime.parse(node.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A URL's path with GUIDs replaced by {guid}, scheme, host, port and query dropped. */
    static String shape(String url) {
        String path = url.replaceFirst("^https?://[^/]+", "");
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return GUID.matcher(path).replaceAll("{guid}");
    }
}
