package dev.cvkit.jmeter.testing;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One example file of the Chaos Studio REST spec ({@code ../shared/corpus/chaos/*.json}): its responses by
 * status code, each with a body (as JSON text, or null) and headers.
 */
public final class SpecExample {

    /** One example response. */
    public record Answer(int status, String body, Map<String, String> headers) {
    }

    private final Map<Integer, Answer> answers = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    private SpecExample(String json) {
        try (JsonReader reader = JsonProviders.createReader(json)) {
            reader.nextToken();
            Map<String, Object> root = (Map<String, Object>) reader.readUntyped();
            Map<String, Object> responses = (Map<String, Object>) root.get("responses");
            for (Map.Entry<String, Object> entry : responses.entrySet()) {
                Map<String, Object> response = (Map<String, Object>) entry.getValue();
                Object body = response.get("body");
                Map<String, String> headers = new LinkedHashMap<>();
                Object rawHeaders = response.get("headers");
                if (rawHeaders instanceof Map) {
                    ((Map<String, Object>) rawHeaders).forEach((k, v) -> headers.put(k, String.valueOf(v)));
                }
                answers.put(Integer.parseInt(entry.getKey()),
                        new Answer(Integer.parseInt(entry.getKey()), body == null ? null : write(body), headers));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SpecExample read(Path file) {
        return new SpecExample(Corpus.read(file));
    }

    public Answer answer(int status) {
        Answer answer = answers.get(status);
        if (answer == null) {
            throw new IllegalArgumentException("the example has no " + status + " response; it has " + answers.keySet());
        }
        return answer;
    }

    private static String write(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = JsonProviders.createWriter(out)) {
            writer.writeUntyped(value);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
