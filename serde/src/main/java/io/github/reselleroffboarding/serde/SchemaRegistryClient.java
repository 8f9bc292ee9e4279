package io.github.reselleroffboarding.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The calls a serde makes to a Confluent-compatible Schema Registry, each answer cached: a schema is fetched or
 * registered once per client, not once per record. Thread-safe.
 */
public final class SchemaRegistryClient {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = MEDIA_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, "
            + "application/json; qs=0.5";

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record Expiring(RegisteredSchema value, Instant fetchedAt) {
    }

    private final AvroSerdeConfig config;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> lookedUpIds = new ConcurrentHashMap<>();
    private final Map<String, Expiring> latestBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(AvroSerdeConfig config) {
        this(config, Clock.systemUTC());
    }

    SchemaRegistryClient(AvroSerdeConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /** Registers {@code schema} under {@code subject} ({@code POST /subjects/{s}/versions}) and returns its id. */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = registeredIds.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        registeredIds.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The id of {@code schema} under {@code subject} when it is registered there ({@code POST /subjects/{s}}). */
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = lookedUpIds.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = answer.path("id").asInt();
        lookedUpIds.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The schema with this id ({@code GET /schemas/ids/{id}}); ids never change meaning, so it is kept. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(call("GET", "/schemas/ids/" + id, null).path("schema").asText(), "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /** The newest version under {@code subject}, kept for {@code latest.cache.ttl.sec} (default: until restart). */
    public RegisteredSchema latest(String subject) {
        Expiring cached = latestBySubject.get(subject);
        Instant now = clock.instant();
        if (cached != null && config.latestCacheTtl().map(ttl -> cached.fetchedAt().plus(ttl).isAfter(now))
                .orElse(true)) {
            return cached.value();
        }
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = answer.path("id").asInt();
        RegisteredSchema latest = new RegisteredSchema(id, answer.path("version").asInt(),
                parse(answer.path("schema").asText(), "latest version of subject '" + subject + "'"));
        schemasById.putIfAbsent(id, latest.schema());
        latestBySubject.put(subject, new Expiring(latest, now));
        return latest;
    }

    /** The configured URLs, without credentials, for messages. */
    public String describeUrls() {
        return config.describeUrls();
    }

    private String schemaBody(Schema schema) {
        try {
            return json.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a schema as JSON", e);
        }
    }

    /** One call, trying each URL in turn while they are unreachable or answer 5xx. */
    private JsonNode call(String method, String path, String body) {
        Exception lastFailure = null;
        for (URI base : config.registryUrls()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(config.readTimeout())
                    .header("Accept", ACCEPT);
            config.authorization().ifPresent(value -> request.header("Authorization", value));
            if (body != null) {
                request.header("Content-Type", MEDIA_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return readJson(response.body(), method, path);
            }
            if (status >= 500) {
                lastFailure = new IOException("HTTP " + status + " from " + base + ": " + errorMessage(response));
                continue;
            }
            throw rejected(method, path, base, response);
        }
        throw new SchemaRegistryUnavailableException("Schema Registry unreachable at " + config.describeUrls()
                + " (" + method + " " + path + "): " + describe(lastFailure), lastFailure);
    }

    private SchemaRegistryRejectedException rejected(String method, String path, URI base,
            HttpResponse<String> response) {
        int status = response.statusCode();
        Optional<JsonNode> error = tryJson(response.body());
        int code = error.map(e -> e.path("error_code").asInt(status)).orElse(status);
        String message = errorMessage(response);
        if (status == 401 || status == 403) {
            message = "Schema Registry at " + base + " refused the credentials (HTTP " + status + "); check "
                    + AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE + " and " + AvroSerdeConfig.BASIC_AUTH_USER_INFO;
        }
        return new SchemaRegistryRejectedException(status, code, message + " (" + method + " " + path + ", HTTP "
                + status + ", error_code " + code + ")");
    }

    private String errorMessage(HttpResponse<String> response) {
        return tryJson(response.body()).map(e -> e.path("message").asText(""))
                .filter(m -> !m.isBlank())
                .orElse("HTTP " + response.statusCode());
    }

    private Optional<JsonNode> tryJson(String body) {
        try {
            return body == null || body.isBlank() ? Optional.empty() : Optional.of(json.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private JsonNode readJson(String body, String method, String path) {
        return tryJson(body).orElseThrow(() -> new SchemaRegistryUnavailableException(
                "Schema Registry at " + config.describeUrls() + " answered " + method + " " + path
                        + " with a body that is not JSON", null));
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryRejectedException(200, 42201, "Schema Registry returned an invalid Avro schema for "
                    + what + ": " + e.getMessage());
        }
    }

    private static String describe(Exception failure) {
        if (failure == null) {
            return "no URL configured";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
