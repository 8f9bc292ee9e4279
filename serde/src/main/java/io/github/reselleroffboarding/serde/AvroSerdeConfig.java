package io.github.reselleroffboarding.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's settings, read from the Kafka client properties under Confluent's key names, so one properties
 * file configures this serde and Confluent's {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer} alike.
 *
 * @param registryUrls {@value #SCHEMA_REGISTRY_URL}: one or more base URLs, tried in order; required
 * @param autoRegisterSchemas {@value #AUTO_REGISTER_SCHEMAS} (default true): register the record's schema when
 *     serializing; when false the schema must already be registered under the subject
 * @param useLatestVersion {@value #USE_LATEST_VERSION} (default false): serialize with the subject's latest
 *     schema (only when auto-registration is off, as in Confluent's serializer)
 * @param specificAvroReader {@value #SPECIFIC_AVRO_READER} (default false): deserialize into generated classes
 * @param authorization the {@code Authorization} header value from {@value #BASIC_AUTH_CREDENTIALS_SOURCE} and
 *     {@value #BASIC_AUTH_USER_INFO}, or from user info in the URL; never printed
 * @param keySubjectStrategy {@value #KEY_SUBJECT_NAME_STRATEGY} (default TopicNameStrategy)
 * @param valueSubjectStrategy {@value #VALUE_SUBJECT_NAME_STRATEGY} (default TopicNameStrategy)
 * @param connectTimeout {@value #HTTP_CONNECT_TIMEOUT_MS} (default 10000)
 * @param readTimeout {@value #HTTP_READ_TIMEOUT_MS} (default 30000)
 * @param latestCacheTtl {@value #LATEST_CACHE_TTL_SEC} (default -1: keep the latest version until restart)
 */
public record AvroSerdeConfig(
        List<URI> registryUrls,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        boolean specificAvroReader,
        Optional<String> authorization,
        SubjectNameStrategy keySubjectStrategy,
        SubjectNameStrategy valueSubjectStrategy,
        Duration connectTimeout,
        Duration readTimeout,
        Optional<Duration> latestCacheTtl) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Confluent's older name for {@link #BASIC_AUTH_USER_INFO}, still honoured. */
    public static final String LEGACY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    public AvroSerdeConfig {
        registryUrls = List.copyOf(registryUrls);
        if (registryUrls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, "", "at least one Schema Registry URL is required");
        }
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(keySubjectStrategy, "keySubjectStrategy");
        Objects.requireNonNull(valueSubjectStrategy, "valueSubjectStrategy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(latestCacheTtl, "latestCacheTtl");
    }

    /**
     * Reads the serde settings from Kafka client properties; other keys are ignored.
     *
     * @throws ConfigException naming the key when a value is missing or invalid (never echoing a credential)
     */
    public static AvroSerdeConfig from(Map<String, ?> props) {
        List<URI> urls = urls(props.get(SCHEMA_REGISTRY_URL));
        String source = string(props, BASIC_AUTH_CREDENTIALS_SOURCE, "URL").toUpperCase(Locale.ROOT);
        Optional<String> userInfo = switch (source) {
            case "URL" -> urls.stream().map(URI::getRawUserInfo).filter(Objects::nonNull).findFirst()
                    .map(AvroSerdeConfig::percentDecode);
            case "USER_INFO" -> Optional.of(userInfo(props));
            default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source,
                    "supported sources are URL and USER_INFO");
        };
        return new AvroSerdeConfig(
                urls.stream().map(AvroSerdeConfig::withoutUserInfo).toList(),
                bool(props, AUTO_REGISTER_SCHEMAS, true),
                bool(props, USE_LATEST_VERSION, false),
                bool(props, SPECIFIC_AVRO_READER, false),
                userInfo.map(u -> "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))),
                strategy(props, KEY_SUBJECT_NAME_STRATEGY),
                strategy(props, VALUE_SUBJECT_NAME_STRATEGY),
                Duration.ofMillis(positiveLong(props, HTTP_CONNECT_TIMEOUT_MS, 10_000)),
                Duration.ofMillis(positiveLong(props, HTTP_READ_TIMEOUT_MS, 30_000)),
                cacheTtl(props));
    }

    /** The registry URLs for messages: never with credentials. */
    public String describeUrls() {
        return registryUrls.toString();
    }

    @Override
    public String toString() {
        return "AvroSerdeConfig[registryUrls=" + registryUrls + ", autoRegisterSchemas=" + autoRegisterSchemas
                + ", useLatestVersion=" + useLatestVersion + ", specificAvroReader=" + specificAvroReader
                + ", basicAuth=" + (authorization.isPresent() ? "configured" : "off")
                + ", keySubjectStrategy=" + keySubjectStrategy + ", valueSubjectStrategy=" + valueSubjectStrategy
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", latestCacheTtl=" + latestCacheTtl.map(Duration::toString).orElse("forever") + "]";
    }

    private static List<URI> urls(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            many.forEach(v -> raw.add(String.valueOf(v)));
        } else if (value != null) {
            for (String part : String.valueOf(value).split(",", -1)) {
                raw.add(part);
            }
        }
        List<URI> urls = new ArrayList<>();
        for (String url : raw) {
            String trimmed = url.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            urls.add(parseUrl(trimmed));
        }
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required (e.g. http://localhost:8081)");
        }
        return urls;
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, redact(url), "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, redact(url), "expected http://host:port or https://host:port");
        }
        return uri;
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "" : uri.getRawPath();
            String base = uri.getScheme() + "://" + hostPort(uri) + path;
            return new URI(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, redact(uri.toString()), "not a URL");
        }
    }

    private static String hostPort(URI uri) {
        String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    /** A URL as it may appear in a message: any user info replaced. */
    static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@");
    }

    private static String userInfo(Map<String, ?> props) {
        Object value = props.containsKey(BASIC_AUTH_USER_INFO) ? props.get(BASIC_AUTH_USER_INFO)
                : props.get(LEGACY_BASIC_AUTH_USER_INFO);
        String userInfo = value == null ? "" : String.valueOf(value);
        if (userInfo.indexOf(':') < 1) {
            // the value is a credential: say what is wrong without showing it
            throw new ConfigException(BASIC_AUTH_USER_INFO + " must be set to user:password when "
                    + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
        }
        return userInfo;
    }

    private static String percentDecode(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String string(Map<String, ?> props, String key, String defaultValue) {
        Object value = props.get(key);
        return value == null ? defaultValue : String.valueOf(value).strip();
    }

    private static boolean bool(Map<String, ?> props, String key, boolean defaultValue) {
        Object value = props.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, value, "expected true or false");
        };
    }

    private static long positiveLong(Map<String, ?> props, String key, long defaultValue) {
        Object value = props.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
            if (parsed <= 0) {
                throw new ConfigException(key, value, "must be positive");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number of milliseconds");
        }
    }

    private static Optional<Duration> cacheTtl(Map<String, ?> props) {
        Object value = props.get(LATEST_CACHE_TTL_SEC);
        if (value == null) {
            return Optional.empty();
        }
        try {
            long seconds = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            throw new ConfigException(LATEST_CACHE_TTL_SEC, value, "expected whole seconds, or -1 for no expiry");
        }
    }

    private static SubjectNameStrategy strategy(Map<String, ?> props, String key) {
        Object value = props.get(key);
        if (value == null) {
            return SubjectNameStrategy.TOPIC_NAME;
        }
        String name = value instanceof Class<?> c ? c.getName() : String.valueOf(value).strip();
        return SubjectNameStrategy.forClassName(name)
                .orElseThrow(() -> new ConfigException(key, name, "supported strategies are "
                        + SubjectNameStrategy.supportedNames()));
    }
}
