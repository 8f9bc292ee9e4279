package io.github.reselleroffboarding.schemaregistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.http.routing.RouteTable;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** Maps Confluent's Schema Registry REST API onto the {@link SchemaStore}. */
final class RegistryHttpApi {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_BODY_TYPES = Set.of(
            "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json", "application/json",
            "application/octet-stream");
    private static final Logger log = LoggerFactory.getLogger(RegistryHttpApi.class);

    /** One request as the handlers see it: path variables by name, query parameters and the body. */
    private record Call(Map<String, String> path, Map<String, List<String>> query, String body,
            HttpServerRequest request) {

        String var(String name) {
            return path.get(name);
        }

        boolean flag(String name) {
            List<String> values = query.get(name);
            return values != null && !values.isEmpty() && Boolean.parseBoolean(values.get(0));
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Call call);
    }

    private record Reply(int status, String route, Object body) {
    }

    private final SchemaStore store;
    private final Optional<byte[]> expectedAuthorization;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();
    private final RouteTable<Handler> routes = new RouteTable<Handler>()
            .add("GET", "/", call -> Map.of())
            .add("GET", "/schemas/types", call -> List.of("AVRO"))
            .add("GET", "/schemas/ids/{id}",
                    call -> Map.of("schema", store().schemaById(schemaId(call.var("id")))))
            .add("GET", "/schemas/ids/{id}/schema",
                    call -> parseJson(store().schemaById(schemaId(call.var("id")))))
            .add("GET", "/subjects", call -> store().subjects())
            .add("POST", "/subjects/{subject}",
                    call -> versionBody(store().lookup(call.var("subject"), schemaOf(call))))
            .add("GET", "/subjects/{subject}/versions", call -> store().versions(call.var("subject")))
            .add("POST", "/subjects/{subject}/versions",
                    call -> Map.of("id", store().register(call.var("subject"), schemaOf(call))))
            .add("GET", "/subjects/{subject}/versions/{version}",
                    call -> versionBody(store().version(call.var("subject"), call.var("version"))))
            .add("GET", "/subjects/{subject}/versions/{version}/schema",
                    call -> parseJson(store().version(call.var("subject"), call.var("version")).schema()))
            .add("POST", "/compatibility/subjects/{subject}/versions/{version}",
                    call -> compatibility(call, store().compatibilityProblems(call.var("subject"),
                            call.var("version"), schemaOf(call))))
            .add("POST", "/compatibility/subjects/{subject}/versions",
                    call -> compatibility(call, store().subjects().contains(call.var("subject"))
                            ? store().compatibilityProblems(call.var("subject"), schemaOf(call))
                            : List.of()))
            .add("GET", "/config",
                    call -> Map.of("compatibilityLevel", store().globalLevel().name()))
            .add("PUT", "/config", call -> {
                CompatibilityLevel level = levelOf(call);
                store().globalLevel(level);
                return Map.of("compatibility", level.name());
            })
            .add("GET", "/config/{subject}", call -> Map.of("compatibilityLevel",
                    store().subjectLevel(call.var("subject"))
                            .or(() -> call.flag("defaultToGlobal") ? Optional.of(store().globalLevel())
                                    : Optional.empty())
                            .orElseThrow(() -> RegistryException.subjectCompatibilityNotConfigured(call.var("subject")))
                            .name()))
            .add("PUT", "/config/{subject}", call -> {
                CompatibilityLevel level = levelOf(call);
                store().subjectLevel(call.var("subject"), level);
                return Map.of("compatibility", level.name());
            })
            .add("DELETE", "/config/{subject}",
                    call -> Map.of("compatibilityLevel", store().clearSubjectLevel(call.var("subject")).name()));

    RegistryHttpApi(SchemaStore store, Optional<String> basicAuthUserInfo) {
        this.store = store;
        this.expectedAuthorization = basicAuthUserInfo.map(userInfo -> ("Basic " + Base64.getEncoder()
                .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII));
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .map(body -> answer(request, body))
                .flatMap(reply -> {
                    requestCounts.computeIfAbsent(request.method().name() + " " + reply.route(), k -> new LongAdder())
                            .increment();
                    if (reply.status() == 401) {
                        response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"SchemaRegistry\"");
                    }
                    return response.status(reply.status())
                            .header(HttpHeaderNames.CONTENT_TYPE, MEDIA_TYPE)
                            .sendString(Mono.just(write(reply.body())), StandardCharsets.UTF_8)
                            .then();
                });
    }

    /** Requests answered so far, by route ({@code "GET /schemas/ids/{id}"}), for tests that count round trips. */
    Map<String, Long> requestCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        requestCounts.forEach((route, count) -> counts.put(route, count.sum()));
        return counts;
    }

    private SchemaStore store() {
        return store;
    }

    private Reply answer(HttpServerRequest request, String body) {
        String route = "(no route)";
        try {
            if (!authorized(request)) {
                throw RegistryException.unauthorized();
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            RouteTable.Match<Handler> match = routes.match(request.method().name(), uri.rawPath());
            if (match instanceof RouteTable.Match.Found<Handler> found) {
                route = found.template();
                return new Reply(200, route, found.handler().handle(new Call(found.variables(), uri.parameters(),
                        body, request)));
            }
            throw match instanceof RouteTable.Match.MethodNotAllowed ? RegistryException.methodNotAllowed()
                    : RegistryException.noSuchResource();
        } catch (RegistryException e) {
            log.debug("{} {} -> {} {}", request.method(), request.uri(), e.httpStatus(), e.getMessage());
            return new Reply(e.httpStatus(), route, error(e.errorCode(), e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("{} {} failed", request.method(), request.uri(), e);
            return new Reply(500, route, error(50001, "Error in the backend data store"));
        }
    }

    private static Map<String, Object> compatibility(Call call, List<String> problems) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("is_compatible", problems.isEmpty());
        if (call.flag("verbose")) {
            answer.put("messages", problems);
        }
        return answer;
    }

    private CompatibilityLevel levelOf(Call call) {
        return CompatibilityLevel.forName(jsonBody(call).path("compatibility").asText(null))
                .orElseThrow(RegistryException::invalidCompatibilityLevel);
    }

    private String schemaOf(Call call) {
        JsonNode node = jsonBody(call);
        String type = node.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw RegistryException.invalidSchema("schema type " + type
                    + " is not supported by this development registry (AVRO only)");
        }
        JsonNode references = node.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported by this development registry");
        }
        JsonNode schema = node.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryException.invalidSchema("the request has no \"schema\" string");
        }
        return schema.asText();
    }

    private JsonNode jsonBody(Call call) {
        String contentType = call.request().requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null) {
            String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!ACCEPTED_BODY_TYPES.contains(mediaType)) {
                throw RegistryException.unsupportedMediaType();
            }
        }
        if (call.body().isBlank()) {
            throw RegistryException.badRequest("the request has no body");
        }
        try {
            JsonNode node = json.readTree(call.body());
            if (!node.isObject()) {
                throw RegistryException.badRequest("request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private boolean authorized(HttpServerRequest request) {
        if (expectedAuthorization.isEmpty()) {
            return true;
        }
        String given = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        return given != null && MessageDigest.isEqual(expectedAuthorization.get(),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private static Map<String, Object> versionBody(SchemaStore.SubjectVersion v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", v.subject());
        body.put("version", v.version());
        body.put("id", v.id());
        body.put("schema", v.schema());
        return body;
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return body;
    }

    private static int schemaId(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound();
        }
    }

    private JsonNode parseJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema is not JSON", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response", e);
        }
    }
}
