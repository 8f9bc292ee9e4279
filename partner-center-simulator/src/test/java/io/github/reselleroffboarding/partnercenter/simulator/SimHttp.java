package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the simulator tests. */
final class SimHttp {

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    SimHttp(URI base) {
        this.base = base;
    }

    String token(SimulatorSettings settings) {
        Answer answer = tokenExchange(settings.partnerTenantId(), Map.of("grant_type", "refresh_token",
                "client_id", settings.clientId(), "client_secret", settings.clientSecret(),
                "refresh_token", settings.refreshToken(), "resource", settings.tokenResource()));
        if (answer.status() != 200) {
            throw new IllegalStateException("token exchange failed: " + answer.body());
        }
        return answer.body().get("access_token").asText();
    }

    Answer tokenExchange(String tenant, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve("/" + tenant + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), Duration.ofSeconds(5));
    }

    Answer get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request, Duration.ofSeconds(5));
    }

    Answer get(String path, String token) {
        return get(path, token, Map.of());
    }

    Answer patch(String path, String token, String body, String requestId) {
        return patch(path, token, body, requestId, null);
    }

    Answer patch(String path, String token, String body, String requestId, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("MS-RequestId", requestId);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request, Duration.ofSeconds(5));
    }

    Answer post(String path, String token, String body, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("MS-RequestId", requestId);
        }
        return send(request, Duration.ofSeconds(5));
    }

    Answer admin(String method, String path, Object body) {
        try {
            String json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json)), Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String REMOVE = "{\"relationshipToPartner\":\"none\",\"attributes\":{\"objectType\":\"Customer\"}}";
}
