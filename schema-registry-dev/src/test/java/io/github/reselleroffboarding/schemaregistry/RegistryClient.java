package io.github.reselleroffboarding.schemaregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP client for the tests: sends what Confluent's clients send and returns status, body and headers. */
final class RegistryClient {

    record Answer(int status, JsonNode body, Optional<String> contentType, Optional<String> wwwAuthenticate) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Optional<String> authorization;

    RegistryClient(URI base) {
        this(base, Optional.empty());
    }

    RegistryClient(URI base, Optional<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer post(String path, Object body) {
        return post(path, body, "application/vnd.schemaregistry.v1+json");
    }

    Answer post(String path, Object body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Answer put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    /** Body for register/lookup/compatibility calls: the schema as a JSON string inside a JSON object. */
    static Map<String, Object> schemaBody(String schema) {
        return Map.of("schema", schema);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response.headers().firstValue("Content-Type"),
                    response.headers().firstValue("WWW-Authenticate"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
