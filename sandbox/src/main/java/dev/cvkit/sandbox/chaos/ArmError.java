package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.sandbox.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ARM error answer: HTTP status, {@code {"error":{"code","message"}}} body and extra headers. */
final class ArmError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    ArmError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    ArmError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    ObjectNode body() {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        return body;
    }

    static ArmError notFound(String message) {
        return new ArmError(404, "ResourceNotFound", message);
    }

    static ArmError badRequest(String code, String message) {
        return new ArmError(400, code, message);
    }

    static ArmError conflict(String message) {
        return new ArmError(409, "Conflict", message);
    }
}
