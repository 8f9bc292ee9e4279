package io.github.reselleroffboarding.consumer.config;

import io.github.reselleroffboarding.partnercenter.Cloud;
import io.github.reselleroffboarding.partnercenter.Credentials;
import io.github.reselleroffboarding.partnercenter.PartnerCenterSettings;
import io.github.reselleroffboarding.partnercenter.RetryPolicy;
import io.github.reselleroffboarding.partnercenter.Secret;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link ConsumerSettings} from environment variables, and from an optional properties file named by
 * {@value #CONFIG_FILE} that uses the same names (the environment wins). Every value is checked here, at start,
 * and a bad one fails with its name.
 */
public final class ConfigLoader {

    public static final String CONFIG_FILE = "OFFBOARD_CONFIG_FILE";

    /** Every setting the service reads, with its default ({@code null}: none). Keep the README table in step. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, String> values;

    private ConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Reads the settings; unknown names in the environment are ignored (it holds much else). */
    public static ConsumerSettings load(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        String file = environment.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            merged.putAll(readProperties(CONFIG_FILE, Path.of(file.strip()), true));
        }
        environment.forEach((k, v) -> {
            if (DEFAULTS.containsKey(k)) {
                merged.put(k, v);
            }
        });
        return new ConfigLoader(merged).settings();
    }

    private ConsumerSettings settings() {
        String groupId = text("CONSUMER_GROUP_ID");
        return new ConsumerSettings(
                text("KAFKA_BOOTSTRAP_SERVERS"),
                url("SCHEMA_REGISTRY_URL").toString(),
                groupId,
                optional("CONSUMER_INSTANCE_ID").orElseGet(ConfigLoader::hostName),
                topic("OFFBOARD_REQUESTS_TOPIC"),
                topic("RELATIONSHIP_REMOVED_TOPIC"),
                topic("OFFBOARD_BLOCKED_TOPIC"),
                topic("DEAD_LETTER_TOPIC"),
                optional("STATE_TOPIC").map(t -> topic("STATE_TOPIC")).orElse(groupId + "-state"),
                optional("KAFKA_CLIENT_CONFIG_FILE").map(f -> readProperties("KAFKA_CLIENT_CONFIG_FILE", Path.of(f),
                        false)).orElse(Map.of()),
                partnerCenter(),
                intBetween("MAX_IN_FLIGHT", 1, 100_000),
                statuses("BLOCKING_SUBSCRIPTION_STATUSES"),
                duration("REQUEST_RETRY_BUDGET", Duration.ofSeconds(1)),
                duration("COMMIT_INTERVAL_MS", Duration.ofMillis(10)),
                duration("TRANSACTION_TIMEOUT", Duration.ofSeconds(5)),
                duration("SHUTDOWN_TIMEOUT", Duration.ofSeconds(1)),
                duration("AUTH_PROBE_INTERVAL", Duration.ofMillis(100)),
                optional("STATE_DIR").map(Path::of),
                intBetween("HEALTH_PORT", -1, 65535));
    }

    private PartnerCenterSettings partnerCenter() {
        Cloud cloud = Cloud.forName(text("PARTNER_CENTER_CLOUD")).orElseThrow(() -> new InvalidConfigurationException(
                "PARTNER_CENTER_CLOUD", "must be global, usgov or china (was '" + values.get("PARTNER_CENTER_CLOUD")
                        + "')"));
        PartnerCenterSettings settings;
        try {
            settings = PartnerCenterSettings.forCloud(cloud, credentials())
                    .withBaseUrl(optional("PARTNER_CENTER_BASE_URL").map(u -> url("PARTNER_CENTER_BASE_URL"))
                            .orElse(cloud.baseUrl()))
                    .withAuthority(optional("PARTNER_CENTER_AUTHORITY").map(u -> url("PARTNER_CENTER_AUTHORITY"))
                            .orElse(cloud.authority()))
                    .withTimeouts(duration("PARTNER_CENTER_CONNECT_TIMEOUT", Duration.ofMillis(1)),
                            duration("PARTNER_CENTER_TIMEOUT", Duration.ofMillis(1)))
                    .withRetry(new RetryPolicy(intBetween("PARTNER_CENTER_MAX_ATTEMPTS", 1, 100),
                            duration("PARTNER_CENTER_RETRY_BACKOFF", Duration.ZERO),
                            duration("PARTNER_CENTER_RETRY_MAX_BACKOFF", Duration.ZERO), 0.5,
                            duration("PARTNER_CENTER_RETRY_MAX_ELAPSED", Duration.ZERO)))
                    .withRequestsPerSecond(decimal("PARTNER_CENTER_REQUESTS_PER_SECOND"))
                    .withMaxConnections(optional("PARTNER_CENTER_MAX_CONNECTIONS")
                            .map(v -> intBetween("PARTNER_CENTER_MAX_CONNECTIONS", 1, 100_000))
                            .orElse(Math.max(16, 2 * intBetween("MAX_IN_FLIGHT", 1, 100_000))));
        } catch (IllegalArgumentException e) {
            // the only rule not checked above: the backoff bounds against each other
            throw new InvalidConfigurationException("PARTNER_CENTER_RETRY_BACKOFF", e.getMessage());
        }
        return settings;
    }

    private Credentials credentials() {
        Optional<String> staticToken = optional("PARTNER_CENTER_ACCESS_TOKEN");
        List<String> appUser = List.of("PARTNER_CENTER_TENANT_ID", "PARTNER_CENTER_CLIENT_ID",
                "PARTNER_CENTER_CLIENT_SECRET", "PARTNER_CENTER_REFRESH_TOKEN");
        boolean anyAppUser = appUser.stream().anyMatch(k -> optional(k).isPresent());
        if (staticToken.isPresent()) {
            if (anyAppUser) {
                throw new InvalidConfigurationException("PARTNER_CENTER_ACCESS_TOKEN", "set either this (a static "
                        + "token for development) or the App+User keys " + appUser + ", not both");
            }
            return new Credentials.StaticAccessToken(Secret.of(staticToken.get()));
        }
        for (String key : appUser) {
            if (optional(key).isEmpty()) {
                throw new InvalidConfigurationException(key, "required for App+User authentication (or set "
                        + "PARTNER_CENTER_ACCESS_TOKEN for development)");
            }
        }
        String tenant = text("PARTNER_CENTER_TENANT_ID");
        if (!tenant.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            throw new InvalidConfigurationException("PARTNER_CENTER_TENANT_ID", "must be the partner's tenant GUID "
                    + "or domain name");
        }
        return new Credentials.RefreshToken(tenant, text("PARTNER_CENTER_CLIENT_ID"),
                Secret.of(text("PARTNER_CENTER_CLIENT_SECRET")), Secret.of(text("PARTNER_CENTER_REFRESH_TOKEN")));
    }

    private Optional<String> optional(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            value = DEFAULTS.get(key);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private String text(String key) {
        return optional(key).orElseThrow(() -> new InvalidConfigurationException(key, "required"));
    }

    private String topic(String key) {
        String name = text(key);
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new InvalidConfigurationException(key, "'" + name + "' is not a valid topic name");
        }
        return name;
    }

    private URI url(String key) {
        String value = text(key);
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "must be an http(s) URL");
        }
    }

    private int intBetween(String key, int min, int max) {
        String value = text(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new InvalidConfigurationException(key, "must be between " + min + " and " + max + " (was "
                        + value + ")");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "must be a whole number (was '" + value + "')");
        }
    }

    private double decimal(String key) {
        String value = text(key);
        try {
            double parsed = Double.parseDouble(value);
            if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new InvalidConfigurationException(key, "must be 0 (off) or positive (was " + value + ")");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "must be a number (was '" + value + "')");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601 ({@code PT30S}); {@code *_MS} keys: millis. */
    private Duration duration(String key, Duration minimum) {
        String value = text(key);
        Duration parsed;
        Matcher m = SHORT_DURATION.matcher(value);
        if (key.endsWith("_MS") && value.matches("\\d+")) {
            parsed = Duration.ofMillis(Long.parseLong(value));
        } else if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            parsed = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                parsed = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidConfigurationException(key, "must be a duration such as 30s, 5m or PT30S (was '"
                        + value + "')");
            }
        }
        if (parsed.compareTo(minimum) < 0) {
            throw new InvalidConfigurationException(key, "must be at least " + minimum + " (was " + value + ")");
        }
        return parsed;
    }

    private Set<SubscriptionStatus> statuses(String key) {
        Set<SubscriptionStatus> statuses = EnumSet.noneOf(SubscriptionStatus.class);
        for (String part : text(key).split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            SubscriptionStatus status = SubscriptionStatus.from(name);
            if (status == SubscriptionStatus.UNKNOWN && !name.equalsIgnoreCase("unknown")) {
                throw new InvalidConfigurationException(key, "'" + name + "' is not a subscription status (use "
                        + "active, suspended, pending, expired, disabled, deleted, none, unknown)");
            }
            statuses.add(status);
        }
        if (statuses.isEmpty()) {
            throw new InvalidConfigurationException(key, "name at least one status");
        }
        return statuses;
    }

    private static Map<String, String> readProperties(String key, Path file, boolean onlyKnownKeys) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new InvalidConfigurationException(key, "cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        Map<String, String> map = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (onlyKnownKeys && !DEFAULTS.containsKey(name)) {
                throw new InvalidConfigurationException(name, "unknown setting in " + file);
            }
            map.put(name, props.getProperty(name));
        }
        return map;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "instance-1";
        }
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        d.put("SCHEMA_REGISTRY_URL", "http://localhost:8081");
        d.put("CONSUMER_GROUP_ID", "reseller-offboarding");
        d.put("CONSUMER_INSTANCE_ID", null);
        d.put("OFFBOARD_REQUESTS_TOPIC", "customer-offboard-requested");
        d.put("RELATIONSHIP_REMOVED_TOPIC", "relationship-removed");
        d.put("OFFBOARD_BLOCKED_TOPIC", "offboard-blocked");
        d.put("DEAD_LETTER_TOPIC", "customer-offboard-requested-dlt");
        d.put("STATE_TOPIC", null);
        d.put("KAFKA_CLIENT_CONFIG_FILE", null);
        d.put("PARTNER_CENTER_CLOUD", "global");
        d.put("PARTNER_CENTER_BASE_URL", null);
        d.put("PARTNER_CENTER_AUTHORITY", null);
        d.put("PARTNER_CENTER_TENANT_ID", null);
        d.put("PARTNER_CENTER_CLIENT_ID", null);
        d.put("PARTNER_CENTER_CLIENT_SECRET", null);
        d.put("PARTNER_CENTER_REFRESH_TOKEN", null);
        d.put("PARTNER_CENTER_ACCESS_TOKEN", null);
        d.put("PARTNER_CENTER_REQUESTS_PER_SECOND", "0");
        d.put("PARTNER_CENTER_MAX_CONNECTIONS", null);
        d.put("PARTNER_CENTER_CONNECT_TIMEOUT", "5s");
        d.put("PARTNER_CENTER_TIMEOUT", "30s");
        d.put("PARTNER_CENTER_MAX_ATTEMPTS", "5");
        d.put("PARTNER_CENTER_RETRY_BACKOFF", "200ms");
        d.put("PARTNER_CENTER_RETRY_MAX_BACKOFF", "10s");
        d.put("PARTNER_CENTER_RETRY_MAX_ELAPSED", "60s");
        d.put("MAX_IN_FLIGHT", "500");
        d.put("BLOCKING_SUBSCRIPTION_STATUSES", "active");
        d.put("REQUEST_RETRY_BUDGET", "5m");
        d.put("COMMIT_INTERVAL_MS", "100");
        d.put("TRANSACTION_TIMEOUT", "30s");
        d.put("SHUTDOWN_TIMEOUT", "20s");
        d.put("AUTH_PROBE_INTERVAL", "15s");
        d.put("STATE_DIR", null);
        d.put("HEALTH_PORT", "8080");
        d.put(CONFIG_FILE, null);
        return java.util.Collections.unmodifiableMap(d);
    }

    /** The names in {@link #DEFAULTS} in their documented order. */
    public static Set<String> names() {
        return new LinkedHashSet<>(DEFAULTS.keySet());
    }
}
