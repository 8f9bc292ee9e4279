package io.github.reselleroffboarding.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reselleroffboarding.consumer.rules.CleanupPolicy;
import io.github.reselleroffboarding.consumer.rules.FamilyPolicy;
import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.partnercenter.Credentials;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final Map<String, String> APP_USER = Map.of(
            "PARTNER_CENTER_TENANT_ID", "8f9a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c",
            "PARTNER_CENTER_CLIENT_ID", "app-id",
            "PARTNER_CENTER_CLIENT_SECRET", "very-secret-value",
            "PARTNER_CENTER_REFRESH_TOKEN", "refresh-token-value");

    @TempDir
    Path dir;

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ConsumerSettings settings = ConfigLoader.load(APP_USER);

        assertThat(settings.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.kafka().schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(settings.kafka().groupId()).isEqualTo("reseller-offboarding");
        assertThat(settings.topics().requests()).isEqualTo("customer-offboard-requested");
        assertThat(settings.topics().removed()).isEqualTo("relationship-removed");
        assertThat(settings.topics().blocked()).isEqualTo("offboard-blocked");
        assertThat(settings.topics().deadLetter()).isEqualTo("customer-offboard-requested-dlt");
        assertThat(settings.topics().state()).isEqualTo("reseller-offboarding-state");
        assertThat(settings.limits().maxInFlight()).isEqualTo(500);
        assertThat(settings.policy()).isEqualTo(FamilyPolicy.DEFAULT);
        assertThat(settings.policy().legacy()).containsExactlyInAnyOrder(SubscriptionStatus.ACTIVE,
                SubscriptionStatus.PENDING);
        assertThat(settings.policy().newCommerce()).containsExactlyInAnyOrder(SubscriptionStatus.ACTIVE,
                SubscriptionStatus.SUSPENDED, SubscriptionStatus.PENDING);
        assertThat(settings.activityLogAvailable()).isTrue();
        assertThat(settings.limits().requestRetryBudget()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.limits().commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.partnerCenter().baseUrl()).isEqualTo(URI.create("https://api.partnercenter.microsoft.com"));
        assertThat(settings.partnerCenter().authority()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(settings.partnerCenter().credentials()).isInstanceOf(Credentials.RefreshToken.class);
        assertThat(settings.partnerCenter().requestsPerSecond()).isZero();
        assertThat(settings.healthPort()).isEqualTo(8080);
        assertThat(settings.cleanup()).as("every clean-up is off unless configured").isEqualTo(CleanupPolicy.OFF);
        assertThat(settings.describe()).contains("cleanup={legacy=off, new-commerce=off, marketplace=off, azure-plan=off, gdap=off}");
    }

    @Test
    void gdapCleanUpTalksToTheCloudsGraphWithItsOwnAppAndNeverShowsItsSecret() {
        Map<String, String> env = new java.util.HashMap<>(APP_USER);
        env.put("CLEANUP_GDAP", "terminate");
        env.put("PARTNER_CENTER_CLOUD", "usgov");
        env.put("GRAPH_CLIENT_ID", "graph-app");
        env.put("GRAPH_CLIENT_SECRET", "graph-secret-value");

        ConsumerSettings settings = ConfigLoader.load(env);

        assertThat(settings.cleanup().terminateGdap()).isTrue();
        assertThat(settings.graph()).hasValueSatisfying(graph -> {
            assertThat(graph.baseUrl()).isEqualTo(URI.create("https://graph.microsoft.us"));
            assertThat(graph.authority()).isEqualTo(URI.create("https://login.microsoftonline.us"));
            assertThat(graph.tenantId()).isEqualTo(APP_USER.get("PARTNER_CENTER_TENANT_ID"));
            assertThat(graph.clientId()).isEqualTo("graph-app");
        });
        assertThat(settings.describe()).contains("gdap=terminate").contains("graph=https://graph.microsoft.us")
                .doesNotContain("graph-secret-value");
        assertThat(settings.graph().orElseThrow().toString()).doesNotContain("graph-secret-value");
    }

    @Test
    void aCleanUpPolicyIsSetPerFamilyAndShownAtStartup() {
        Map<String, String> env = new java.util.HashMap<>(APP_USER);
        env.put("CLEANUP_LEGACY", "suspend");
        env.put("CLEANUP_NEW_COMMERCE", "disable-auto-renew, cancel-within-window");
        env.put("CLEANUP_MARKETPLACE", "off");

        ConsumerSettings settings = ConfigLoader.load(env);

        assertThat(settings.cleanup()).isEqualTo(new CleanupPolicy(Set.of(CleanupActionKind.SUSPEND),
                Set.of(CleanupActionKind.CANCEL, CleanupActionKind.TURN_OFF_AUTO_RENEW), Set.of()));
        assertThat(settings.describe()).contains("cleanup={legacy=suspend, new-commerce=cancel-within-window,"
                + "disable-auto-renew, marketplace=off, azure-plan=off, gdap=off}");
    }

    @Test
    void anAzurePlanIsCleanedUpWholeOrNotAtAll() {
        Map<String, String> env = new java.util.HashMap<>(APP_USER);
        env.put("CLEANUP_AZURE_PLAN", "cancel-azure-subscriptions");

        assertThat(ConfigLoader.load(env).cleanup().allowed(CleanupPolicy.Family.AZURE_PLAN))
                .containsExactlyInAnyOrder(CleanupActionKind.CANCEL, CleanupActionKind.SUSPEND);
        assertThat(ConfigLoader.load(env).describe()).contains("azure-plan=cancel-azure-subscriptions");
        env.put("CLEANUP_AZURE_PLAN", "suspend");
        assertThatThrownBy(() -> ConfigLoader.load(env)).hasMessageContaining("CLEANUP_AZURE_PLAN")
                .hasMessageContaining("cancel-azure-subscriptions");
    }

    @Test
    void everyValueCanBeSet() {
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("PARTNER_CENTER_CLOUD", "usgov");
        env.put("MAX_IN_FLIGHT", "64");
        env.put("BLOCKING_SUBSCRIPTION_STATUSES", "Active, suspended");
        env.put("NCE_BLOCKING_SUBSCRIPTION_STATUSES", "active");
        env.put("MARKETPLACE_BLOCKING_SUBSCRIPTION_STATUSES", "active,pending");
        env.put("SOFTWARE_PURCHASES_BLOCK", "TRUE");
        env.put("REQUEST_RETRY_BUDGET", "PT90S");
        env.put("COMMIT_INTERVAL_MS", "250");
        env.put("STATE_TOPIC", "my-state");
        env.put("PARTNER_CENTER_REQUESTS_PER_SECOND", "7.5");

        ConsumerSettings settings = ConfigLoader.load(env);

        assertThat(settings.partnerCenter().authority()).isEqualTo(URI.create("https://login.microsoftonline.us"));
        assertThat(settings.partnerCenter().baseUrl()).isEqualTo(URI.create("https://api.partnercenter.microsoft.com"));
        assertThat(settings.limits().maxInFlight()).isEqualTo(64);
        assertThat(settings.partnerCenter().maxConnections()).as("room for four calls of each request at once")
                .isEqualTo(256);
        assertThat(settings.policy()).isEqualTo(new FamilyPolicy(
                Set.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED), Set.of(SubscriptionStatus.ACTIVE),
                Set.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING), true));
        assertThat(settings.limits().requestRetryBudget()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.limits().commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.topics().state()).isEqualTo("my-state");
        assertThat(settings.partnerCenter().requestsPerSecond()).isEqualTo(7.5);
    }

    @Test
    void baseUrlAndAuthorityOverrideTheCloudIndependently() {
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("PARTNER_CENTER_CLOUD", "china");
        env.put("PARTNER_CENTER_AUTHORITY", "http://127.0.0.1:9999");

        ConsumerSettings settings = ConfigLoader.load(env);

        assertThat(settings.partnerCenter().baseUrl())
                .isEqualTo(URI.create("https://partner.partnercenterapi.microsoftonline.cn"));
        assertThat(settings.partnerCenter().authority()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(settings.activityLogAvailable()).as("21Vianet has no activity log").isFalse();
    }

    @Test
    void aStaticAccessTokenAloneIsAcceptedForDevelopment() {
        assertThat(ConfigLoader.load(Map.of("PARTNER_CENTER_ACCESS_TOKEN", "dev")).partnerCenter().credentials())
                .isInstanceOf(Credentials.StaticAccessToken.class);
    }

    @Test
    void eachBadValueFailsNamingItsKey() {
        assertFails(Map.of("MAX_IN_FLIGHT", "lots"), "MAX_IN_FLIGHT: must be a whole number (was 'lots')");
        assertFails(Map.of("MAX_IN_FLIGHT", "0"), "MAX_IN_FLIGHT: must be between 1 and 100000 (was 0)");
        assertFails(Map.of("PARTNER_CENTER_CLOUD", "mars"), "PARTNER_CENTER_CLOUD: must be global, usgov or china "
                + "(was 'mars')");
        assertFails(Map.of("REQUEST_RETRY_BUDGET", "soon"), "REQUEST_RETRY_BUDGET: must be a duration such as 30s, "
                + "5m or PT30S (was 'soon')");
        assertFails(Map.of("BLOCKING_SUBSCRIPTION_STATUSES", "active,frozen"),
                "BLOCKING_SUBSCRIPTION_STATUSES: 'frozen' is not a subscription status");
        assertFails(Map.of("NCE_BLOCKING_SUBSCRIPTION_STATUSES", "cancelled"),
                "NCE_BLOCKING_SUBSCRIPTION_STATUSES: 'cancelled' is not a subscription status");
        assertFails(Map.of("SOFTWARE_PURCHASES_BLOCK", "yes"),
                "SOFTWARE_PURCHASES_BLOCK: must be true or false (was 'yes')");
        assertFails(Map.of("OFFBOARD_BLOCKED_TOPIC", "bad topic!"),
                "OFFBOARD_BLOCKED_TOPIC: 'bad topic!' is not a valid topic name");
        assertFails(Map.of("SCHEMA_REGISTRY_URL", "registry:8081"), "SCHEMA_REGISTRY_URL: must be an http(s) URL");
        assertFails(Map.of("PARTNER_CENTER_REQUESTS_PER_SECOND", "-1"),
                "PARTNER_CENTER_REQUESTS_PER_SECOND: must be 0 (off) or positive (was -1)");
        assertFails(Map.of("PARTNER_CENTER_RETRY_BACKOFF", "20s"), "PARTNER_CENTER_RETRY_BACKOFF:");
        assertFails(Map.of("CLEANUP_LEGACY", "cancel-within-window"), "CLEANUP_LEGACY: 'cancel-within-window' is not "
                + "a clean-up action for legacy subscriptions (use off, suspend)");
        assertFails(Map.of("CLEANUP_NEW_COMMERCE", "off,disable-auto-renew"),
                "CLEANUP_NEW_COMMERCE: off cannot be combined with an action");
        assertFails(Map.of("CLEANUP_GDAP", "remove"), "CLEANUP_GDAP: must be off or terminate");
        assertFails(Map.of("CLEANUP_GDAP", "terminate"), "GRAPH_CLIENT_ID: required when CLEANUP_GDAP=terminate");
        assertFails(Map.of("CLEANUP_GDAP", "terminate", "GRAPH_CLIENT_ID", "graph-app"),
                "GRAPH_CLIENT_SECRET: required when CLEANUP_GDAP=terminate");
        assertFails(Map.of("CLEANUP_MARKETPLACE", "suspend"), "CLEANUP_MARKETPLACE: 'suspend' is not a clean-up "
                + "action for marketplace subscriptions (use off, cancel-within-window)");
    }

    @Test
    void aLogFormatOrLevelLogbackWouldNotUnderstandStopsTheStartNamingTheKey() {
        assertFails(Map.of("LOG_FORMAT", "JSON"), "LOG_FORMAT: must be text or json (was 'JSON')");
        assertFails(Map.of("LOG_LEVEL", "verbose"), "LOG_LEVEL: must be error, warn, info, debug or trace (was "
                + "'verbose')");
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("LOG_FORMAT", "json");
        env.put("LOG_LEVEL", "DEBUG");
        assertThat(ConfigLoader.load(env)).isNotNull();
    }

    @Test
    void aLogFormatInTheConfigFileIsRefusedAsLoggingStartsBeforeTheFileIsRead() throws Exception {
        Path file = dir.resolve("offboarding.properties");
        java.nio.file.Files.writeString(file, "LOG_FORMAT=json\n");
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("OFFBOARD_CONFIG_FILE", file.toString());

        assertThatThrownBy(() -> ConfigLoader.load(env)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("LOG_FORMAT: set it in the environment; logging starts before OFFBOARD_CONFIG_FILE is "
                        + "read");
    }

    @Test
    void missingAppUserCredentialsNameTheFirstMissingKeyAndTheAlternative() {
        Map<String, String> env = new HashMap<>(APP_USER);
        env.remove("PARTNER_CENTER_REFRESH_TOKEN");

        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("PARTNER_CENTER_REFRESH_TOKEN: required for App+User authentication (or set "
                        + "PARTNER_CENTER_ACCESS_TOKEN for development)");
    }

    @Test
    void bothKindsOfCredentialsAtOnceAreRefused() {
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("PARTNER_CENTER_ACCESS_TOKEN", "dev");

        assertThatThrownBy(() -> ConfigLoader.load(env)).hasMessageStartingWith("PARTNER_CENTER_ACCESS_TOKEN: set "
                + "either");
    }

    @Test
    void noErrorOrDescriptionShowsASecret() {
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("PARTNER_CENTER_TENANT_ID", "bad tenant/very-secret-value");

        assertThatThrownBy(() -> ConfigLoader.load(env)).hasMessageNotContaining("very-secret-value");
        assertThat(ConfigLoader.load(APP_USER).describe()).doesNotContain("very-secret-value")
                .doesNotContain("refresh-token-value");
    }

    @Test
    void aConfigFileSuppliesValuesTheEnvironmentOverrides() throws IOException {
        Path file = dir.resolve("offboard.properties");
        Files.writeString(file, "MAX_IN_FLIGHT=32\nCONSUMER_GROUP_ID=from-file\n");
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("OFFBOARD_CONFIG_FILE", file.toString());
        env.put("CONSUMER_GROUP_ID", "from-env");

        ConsumerSettings settings = ConfigLoader.load(env);

        assertThat(settings.limits().maxInFlight()).isEqualTo(32);
        assertThat(settings.kafka().groupId()).isEqualTo("from-env");
    }

    @Test
    void anUnknownKeyInTheConfigFileIsAnError() throws IOException {
        Path file = dir.resolve("offboard.properties");
        Files.writeString(file, "MAX_INFLIGHT=32\n");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("OFFBOARD_CONFIG_FILE", file.toString())))
                .hasMessageStartingWith("MAX_INFLIGHT: unknown setting in");
    }

    @Test
    void passThroughKafkaPropertiesAreRead() throws IOException {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("KAFKA_CLIENT_CONFIG_FILE", file.toString());

        assertThat(ConfigLoader.load(env).kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void aMissingPassThroughFileNamesItsKey() {
        Map<String, String> env = new HashMap<>(APP_USER);
        env.put("KAFKA_CLIENT_CONFIG_FILE", "/no/such/file.properties");

        assertThatThrownBy(() -> ConfigLoader.load(env)).hasMessageStartingWith("KAFKA_CLIENT_CONFIG_FILE: cannot read");
    }

    @Test
    void aDroppedInClientPropertiesFileWorksAloneAndAnExplicitVariableStillBeatsIt() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                bootstrap.servers=pkc-123.westeurope.azure.confluent.cloud:9092
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                schema.registry.url=https://psrc-9.westeurope.azure.confluent.cloud
                compression.type=gzip
                """);
        Map<String, String> fileOnly = new HashMap<>(APP_USER);
        fileOnly.put("KAFKA_CLIENT_CONFIG_FILE", file.toString());
        Map<String, String> explicit = new HashMap<>(fileOnly);
        explicit.put("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092");
        explicit.put("SCHEMA_REGISTRY_URL", "http://registry:8081");
        explicit.put("OUTCOME_COMPRESSION_TYPE", "zstd");

        KafkaConnection fromFile = ConfigLoader.load(fileOnly).kafka();
        KafkaConnection fromVariables = ConfigLoader.load(explicit).kafka();
        KafkaConnection defaults = ConfigLoader.load(APP_USER).kafka();

        assertThat(fromFile.bootstrapServers()).isEqualTo("pkc-123.westeurope.azure.confluent.cloud:9092");
        assertThat(fromFile.schemaRegistryUrl()).isEqualTo("https://psrc-9.westeurope.azure.confluent.cloud");
        assertThat(fromFile.outcomeCompression()).isEqualTo("gzip");
        assertThat(fromFile.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(fromVariables.bootstrapServers()).isEqualTo("broker-1:9092");
        assertThat(fromVariables.schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(fromVariables.outcomeCompression()).isEqualTo("zstd");
        assertThat(defaults.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(defaults.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(defaults.outcomeCompression()).isEqualTo("lz4");
        assertThat(defaults.consumerGroupProtocol()).isFalse();
    }

    @Test
    void aBadConnectionValueInTheClientFileNamesTheFileAndTheProperty() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "schema.registry.url=registry:8081\n");

        assertFails(Map.of("KAFKA_CLIENT_CONFIG_FILE", file.toString()),
                "KAFKA_CLIENT_CONFIG_FILE: schema.registry.url in the file: must be an http(s) URL");
    }

    private static void assertFails(Map<String, String> overrides, String messageStart) {
        Map<String, String> env = new HashMap<>(APP_USER);
        env.putAll(overrides);
        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(messageStart);
    }
}
