package dev.cvkit.sandbox.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cvkit.sandbox.http.HttpExchanges;
import dev.cvkit.sandbox.http.Json;
import java.io.IOException;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The shop's HTTP API, as one pod of a stamp serves it:
 * <pre>
 * GET  /api/catalog                      user flow: browse the catalog
 * GET  /api/catalog/{id}                 user flow: view an item (with its rating)
 * POST /api/catalog/{id}/ratings         user flow: rate an item, body {"stars": 1..5}           → 201
 * POST /api/catalog/{id}/comments        user flow: comment, body {"author": "...", "text": "..."} → 202 + Location
 * GET  /api/catalog/{id}/comments        user flow: read the visible comments (?limit=, default 20)
 * GET  /api/comments/{commentId}         system flow: a posted comment's status, queued → visible
 * GET  /health/live                      system flow: liveness probe
 * GET  /health/ready                     system flow: readiness probe (503 when the comment worker is down)
 * </pre>
 * Errors are {@code {"error": "..."}} with 400, 404 or 405.
 */
final class ShopApi {

    private final String region;
    private final ShopDatabase database;
    private final CommentWorker worker;
    private final IntSupplier readyPods;
    private final int podCount;

    ShopApi(String region, ShopDatabase database, CommentWorker worker, IntSupplier readyPods, int podCount) {
        this.region = region;
        this.database = database;
        this.worker = worker;
        this.readyPods = readyPods;
        this.podCount = podCount;
    }

    /** An answer that is not a success: status and message. */
    private static final class ApiError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.length() > 1 ? path.substring(1).split("/") : new String[0];
        int status = 200;
        Object body;
        try {
            if (path.equals("/health/live")) {
                requireMethod(method, "GET");
                body = Map.of("status", "live", "stamp", region);
            } else if (path.equals("/health/ready")) {
                requireMethod(method, "GET");
                ObjectNode ready = Json.object();
                boolean workerUp = worker.alive();
                ready.put("status", workerUp ? "ready" : "not ready");
                ready.put("stamp", region);
                ready.put("readyPods", readyPods.getAsInt());
                ready.put("pods", podCount);
                ready.put("commentBacklog", worker.backlog());
                status = workerUp ? 200 : 503;
                body = ready;
            } else if (parts.length >= 2 && parts[0].equals("api") && parts[1].equals("catalog")) {
                body = catalog(exchange, method, parts);
                if (parts.length == 4 && method.equals("POST")) {
                    status = parts[3].equals("ratings") ? 201 : 202;
                }
            } else if (parts.length == 3 && parts[0].equals("api") && parts[1].equals("comments")) {
                requireMethod(method, "GET");
                ShopDatabase.Comment comment = database.comment(parts[2]);
                if (comment == null) {
                    throw new ApiError(404, "no comment '" + parts[2] + "'");
                }
                body = commentJson(comment);
            } else {
                throw new ApiError(404, "no such resource: " + path);
            }
        } catch (ApiError e) {
            status = e.status;
            body = Map.of("error", e.getMessage());
        }
        HttpExchanges.sendJson(exchange, status, body);
    }

    private Object catalog(HttpExchange exchange, String method, String[] parts) throws ApiError, IOException {
        if (parts.length == 2) {
            requireMethod(method, "GET");
            ObjectNode result = Json.object();
            ArrayNode items = result.putArray("items");
            for (CatalogItem item : database.catalog()) {
                items.add(itemJson(item));
            }
            return result;
        }
        CatalogItem item = database.item(parts[2]);
        if (item == null) {
            throw new ApiError(404, "no catalog item '" + parts[2] + "'");
        }
        if (parts.length == 3) {
            requireMethod(method, "GET");
            return itemJson(item);
        }
        if (parts.length == 4 && parts[3].equals("ratings")) {
            requireMethod(method, "POST");
            JsonNode request = jsonBody(exchange);
            JsonNode stars = request.path("stars");
            if (!stars.isInt() || stars.asInt() < 1 || stars.asInt() > 5) {
                throw new ApiError(400, "stars: expected a whole number 1..5, got " + (stars.isMissingNode() ? "nothing" : stars.toString()));
            }
            ShopDatabase.Rating rating = database.rate(item.id(), stars.asInt());
            ObjectNode result = Json.object();
            result.put("itemId", item.id());
            result.put("count", rating.count());
            result.put("average", round(rating.average()));
            return result;
        }
        if (parts.length == 4 && parts[3].equals("comments")) {
            if (method.equals("GET")) {
                int limit = limit(exchange);
                ObjectNode result = Json.object();
                result.put("itemId", item.id());
                ArrayNode comments = result.putArray("comments");
                database.visibleComments(item.id(), limit).forEach(c -> comments.add(commentJson(c)));
                return result;
            }
            requireMethod(method, "POST");
            JsonNode request = jsonBody(exchange);
            String author = text(request, "author", 80);
            String text = text(request, "text", 2000);
            ShopDatabase.Comment comment = database.addPendingComment(item.id(), author, text, region);
            worker.submit(comment);
            exchange.getResponseHeaders().set("Location", "/api/comments/" + comment.commentId());
            return commentJson(comment);
        }
        throw new ApiError(404, "no such resource: /" + String.join("/", parts));
    }

    private static int limit(HttpExchange exchange) throws ApiError {
        String limit = HttpExchanges.queryParameters(exchange).get("limit");
        if (limit == null) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= ShopDatabase.COMMENTS_PER_ITEM) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ApiError(400, "limit: expected 1.." + ShopDatabase.COMMENTS_PER_ITEM + ", got '" + limit + "'");
    }

    private static JsonNode jsonBody(HttpExchange exchange) throws ApiError, IOException {
        String body = HttpExchanges.readBody(exchange);
        try {
            JsonNode json = Json.parse(body);
            if (json == null || !json.isObject()) {
                throw new ApiError(400, "expected a JSON object body");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode request, String field, int maxLength) throws ApiError {
        JsonNode value = request.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ApiError(400, field + ": expected a non-empty string");
        }
        if (value.asText().length() > maxLength) {
            throw new ApiError(400, field + ": at most " + maxLength + " characters, got " + value.asText().length());
        }
        return value.asText();
    }

    private static void requireMethod(String method, String allowed) throws ApiError {
        if (!method.equals(allowed)) {
            throw new ApiError(405, "method " + method + " not allowed here; use " + allowed);
        }
    }

    private ObjectNode itemJson(CatalogItem item) {
        ObjectNode json = Json.object();
        json.put("id", item.id());
        json.put("name", item.name());
        json.put("brand", item.brand());
        json.put("category", item.category());
        json.put("priceUsd", item.priceUsd());
        ShopDatabase.Rating rating = database.rating(item.id());
        ObjectNode ratingJson = json.putObject("rating");
        ratingJson.put("count", rating.count());
        ratingJson.put("average", round(rating.average()));
        return json;
    }

    private static ObjectNode commentJson(ShopDatabase.Comment comment) {
        ObjectNode json = Json.object();
        json.put("commentId", comment.commentId());
        json.put("itemId", comment.itemId());
        json.put("author", comment.author());
        json.put("text", comment.text());
        json.put("status", comment.visibleAt() == null ? "queued" : "visible");
        json.put("postedAt", comment.postedAt().toString());
        if (comment.visibleAt() != null) {
            json.put("visibleAt", comment.visibleAt().toString());
        }
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
