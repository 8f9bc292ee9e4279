package io.github.reselleroffboarding.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The settings more than one program reads, declared once: the consumer, the {@code offboard} CLI, the
 * devstack, the bench and the test kit use these names and defaults, so one environment configures them all.
 */
public final class SharedSettings {

    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.of("KAFKA_BOOTSTRAP_SERVERS",
            Parsers.text(), "localhost:9092", "Kafka brokers");
    public static final Setting<URI> SCHEMA_REGISTRY_URL = Setting.of("SCHEMA_REGISTRY_URL", Parsers.httpUrl(),
            "http://localhost:8081", "Schema Registry (user info in the URL is used for basic auth)");
    public static final Setting<Path> KAFKA_CLIENT_CONFIG_FILE = Setting.optional("KAFKA_CLIENT_CONFIG_FILE",
            Parsers.path(), "(none)", "pass-through Kafka client and serde properties for every client: SASL/SSL, "
                    + "`basic.auth.*`, tuning; `value.deserializer` / `value.serializer` name the request "
                    + "deserializer / outcome serializer (e.g. Confluent's `KafkaAvroDeserializer`)");

    public static final Setting<String> OFFBOARD_REQUESTS_TOPIC = Setting.of("OFFBOARD_REQUESTS_TOPIC",
            Parsers.topic(), "customer-offboard-requested", "input");
    public static final Setting<String> RELATIONSHIP_REMOVED_TOPIC = Setting.of("RELATIONSHIP_REMOVED_TOPIC",
            Parsers.topic(), "relationship-removed", "output");
    public static final Setting<String> OFFBOARD_BLOCKED_TOPIC = Setting.of("OFFBOARD_BLOCKED_TOPIC",
            Parsers.topic(), "offboard-blocked", "output");
    public static final Setting<String> OFFBOARD_ASSESSED_TOPIC = Setting.of("OFFBOARD_ASSESSED_TOPIC",
            Parsers.topic(), "offboard-assessed", "output: the answers to preview requests (`OffboardAssessed`)");
    public static final Setting<String> DEAD_LETTER_TOPIC = Setting.of("DEAD_LETTER_TOPIC", Parsers.topic(),
            "customer-offboard-requested-dlt",
            "dead letters (same partition as the original when it has enough partitions)");

    public static final Setting<URI> PARTNER_CENTER_BASE_URL = Setting.optional("PARTNER_CENTER_BASE_URL",
            Parsers.httpUrl(), "from the cloud",
            "API base URL (global and US Gov: `https://api.partnercenter.microsoft.com`)");
    public static final Setting<URI> PARTNER_CENTER_AUTHORITY = Setting.optional("PARTNER_CENTER_AUTHORITY",
            Parsers.httpUrl(), "from the cloud",
            "token authority (`https://login.microsoftonline.com`, `.us`, or `login.chinacloudapi.cn`)");
    public static final Setting<String> PARTNER_CENTER_TENANT_ID = Setting.optional("PARTNER_CENTER_TENANT_ID",
            Parsers.text(), "(required for App+User)", "the partner's tenant (GUID or domain)");
    public static final Setting<String> PARTNER_CENTER_CLIENT_ID = Setting.optional("PARTNER_CENTER_CLIENT_ID",
            Parsers.text(), "(required for App+User)", "the app registration");
    public static final Setting<String> PARTNER_CENTER_CLIENT_SECRET = Setting.secret("PARTNER_CENTER_CLIENT_SECRET",
            "(required for App+User)", "its secret; never logged");
    public static final Setting<String> PARTNER_CENTER_REFRESH_TOKEN = Setting.secret("PARTNER_CENTER_REFRESH_TOKEN",
            "(required for App+User)",
            "the refresh token from the App+User consent; rotated ones are kept; never logged");
    public static final Setting<String> PARTNER_CENTER_ACCESS_TOKEN = Setting.secret("PARTNER_CENTER_ACCESS_TOKEN",
            "(none)", "a static bearer token instead of App+User, for development; never logged");

    private SharedSettings() {
    }

    /** The variables that point a program at a Partner Center (or a stand-in) with App+User credentials. */
    public static Map<String, String> partnerCenterAppUser(URI baseUrl, URI authority, String partnerTenantId,
            String clientId, String clientSecret, String refreshToken) {
        return Map.of(PARTNER_CENTER_BASE_URL.name(), baseUrl.toString(),
                PARTNER_CENTER_AUTHORITY.name(), authority.toString(),
                PARTNER_CENTER_TENANT_ID.name(), partnerTenantId,
                PARTNER_CENTER_CLIENT_ID.name(), clientId,
                PARTNER_CENTER_CLIENT_SECRET.name(), clientSecret,
                PARTNER_CENTER_REFRESH_TOKEN.name(), refreshToken);
    }
}
