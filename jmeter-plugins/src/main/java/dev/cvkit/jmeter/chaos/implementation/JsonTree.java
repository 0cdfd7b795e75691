package dev.cvkit.jmeter.chaos.implementation;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into plain maps and lists (azure-json's untyped reading) and picks fields out of
 * them. The models are read this way, not bound field by field, so that fields Chaos Studio adds later, and
 * the quirks of its published examples, never break the client.
 */
public final class JsonTree {

    private JsonTree() {
    }

    /**
     * Parses a JSON object.
     *
     * @throws IOException when the text is not JSON or its top level is not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] json, String what) throws IOException {
        if (json == null || json.length == 0) {
            throw new IOException(what + ": empty response body, expected a JSON object");
        }
        try (JsonReader reader = JsonProviders.createReader(json)) {
            reader.nextToken();
            Object value = reader.readUntyped();
            if (!(value instanceof Map)) {
                throw new IOException(what + ": expected a JSON object, got " + kind(value));
            }
            return (Map<String, Object>) value;
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IOException(what + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** The object under {@code key}, or an empty map when it is absent or not an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
    }

    /** The objects in the array under {@code key}; entries that are not objects are skipped. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        if (!(value instanceof List)) {
            return Collections.emptyList();
        }
        return ((List<Object>) value).stream()
                .filter(Map.class::isInstance)
                .map(item -> (Map<String, Object>) item)
                .toList();
    }

    /** The string under {@code key}; numbers and booleans as their text; null when absent or JSON null. */
    public static String string(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value == null || value instanceof Map || value instanceof List ? null : String.valueOf(value);
    }

    /**
     * The timestamp under {@code key}, or null when absent or unreadable (an unreadable timestamp must not
     * make a whole listing unreadable; callers treat a missing start time explicitly).
     */
    public static OffsetDateTime timestamp(Map<String, Object> parent, String key) {
        String text = string(parent, key);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof List ? "an array" : "a " + value.getClass().getSimpleName();
    }
}
