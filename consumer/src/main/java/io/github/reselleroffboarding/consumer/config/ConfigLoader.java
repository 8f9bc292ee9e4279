package io.github.reselleroffboarding.consumer.config;

import static io.github.reselleroffboarding.consumer.config.ServiceConfig.*;
import static io.github.reselleroffboarding.settings.SharedSettings.*;

import io.github.reselleroffboarding.consumer.processing.RequestProcessor;
import io.github.reselleroffboarding.consumer.rules.CleanupPolicy;
import io.github.reselleroffboarding.consumer.rules.FamilyPolicy;
import io.github.reselleroffboarding.partnercenter.Cloud;
import io.github.reselleroffboarding.partnercenter.Credentials;
import io.github.reselleroffboarding.partnercenter.GraphSettings;
import io.github.reselleroffboarding.partnercenter.PartnerCenterSettings;
import io.github.reselleroffboarding.partnercenter.RetryPolicy;
import io.github.reselleroffboarding.partnercenter.Secret;
import io.github.reselleroffboarding.settings.InvalidSettingException;
import io.github.reselleroffboarding.settings.Setting;
import io.github.reselleroffboarding.settings.SettingValues;
import io.github.reselleroffboarding.settings.SettingsCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link ConsumerSettings} from environment variables, and from an optional properties file named by
 * {@code OFFBOARD_CONFIG_FILE} that uses the same names (the environment wins). Each value is parsed and checked
 * by its declaration in {@link ServiceConfig}; the rules between settings are checked here. A bad value fails
 * the start with its name.
 */
public final class ConfigLoader {

    private final SettingValues values;

    private ConfigLoader(SettingValues values) {
        this.values = values;
    }

    /** Reads the settings; unknown names in the environment are ignored (it holds much else). */
    public static ConsumerSettings load(Map<String, String> environment) {
        try {
            SettingValues values = CATALOG.load(environment, OFFBOARD_CONFIG_FILE);
            for (Setting<String> logging : List.of(LOG_FORMAT, LOG_LEVEL)) {
                // logback reads these from the environment when the JVM starts: validated here so a typo stops
                // the start naming the key, instead of logging nothing
                values.get(logging);
                if (values.isSet(logging) && !environment.containsKey(logging.name())) {
                    throw new InvalidConfigurationException(logging.name(), "set it in the environment; logging "
                            + "starts before " + OFFBOARD_CONFIG_FILE.name() + " is read");
                }
            }
            return new ConfigLoader(values).settings();
        } catch (InvalidConfigurationException e) {
            throw e;
        } catch (InvalidSettingException e) {
            throw new InvalidConfigurationException(e.key(), e.problem());
        }
    }

    /**
     * For a program's {@code main}: the settings, or one line naming the bad key on standard error and exit
     * status 2.
     */
    public static ConsumerSettings loadOrExit(Map<String, String> environment) {
        try {
            return load(environment);
        } catch (InvalidConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    private ConsumerSettings settings() {
        String groupId = values.get(CONSUMER_GROUP_ID);
        Map<String, String> clientFile = values.find(KAFKA_CLIENT_CONFIG_FILE).map(file -> SettingsCatalog
                .readProperties(KAFKA_CLIENT_CONFIG_FILE.name(), file)).orElse(Map.of());
        KafkaConnection kafka = new KafkaConnection(
                connection(KAFKA_BOOTSTRAP_SERVERS, clientFile, "bootstrap.servers"),
                connection(SCHEMA_REGISTRY_URL, clientFile, "schema.registry.url").toString(),
                clientFile, groupId, values.find(CONSUMER_INSTANCE_ID).orElseGet(ConfigLoader::hostName),
                values.get(TRANSACTION_TIMEOUT), connection(OUTCOME_COMPRESSION_TYPE, clientFile, "compression.type"));
        Topics topics = new Topics(values.get(OFFBOARD_REQUESTS_TOPIC), values.get(RELATIONSHIP_REMOVED_TOPIC),
                values.get(OFFBOARD_BLOCKED_TOPIC), values.get(OFFBOARD_ASSESSED_TOPIC), values.get(DEAD_LETTER_TOPIC),
                values.find(STATE_TOPIC).orElse(groupId + "-state"));
        EngineLimits limits = new EngineLimits(values.get(MAX_IN_FLIGHT), values.get(REQUEST_RETRY_BUDGET),
                values.get(COMMIT_INTERVAL_MS), values.get(SHUTDOWN_TIMEOUT), values.get(AUTH_PROBE_INTERVAL),
                values.get(OUTAGE_PROBE_INTERVAL));
        FamilyPolicy policy = new FamilyPolicy(EnumSet.copyOf(values.get(BLOCKING_SUBSCRIPTION_STATUSES)),
                EnumSet.copyOf(values.get(NCE_BLOCKING_SUBSCRIPTION_STATUSES)),
                EnumSet.copyOf(values.get(MARKETPLACE_BLOCKING_SUBSCRIPTION_STATUSES)),
                values.get(SOFTWARE_PURCHASES_BLOCK));
        CleanupPolicy cleanup = new CleanupPolicy(values.get(CLEANUP_LEGACY), values.get(CLEANUP_NEW_COMMERCE),
                values.get(CLEANUP_MARKETPLACE), values.get(CLEANUP_AZURE_PLAN), values.get(CLEANUP_GDAP));
        PartnerCenterSettings partnerCenter = partnerCenter(limits.maxInFlight());
        return new ConsumerSettings(kafka, topics, limits, partnerCenter, values.get(PARTNER_CENTER_CLOUD), policy,
                cleanup, graph(cleanup, partnerCenter), values.find(STATE_DIR), values.get(HEALTH_PORT),
                values.describe());
    }

    /**
     * A connection setting that {@code KAFKA_CLIENT_CONFIG_FILE} may hold too, by precedence: the setting when
     * given (environment or {@code OFFBOARD_CONFIG_FILE}), else the client file's {@code property}, else the
     * setting's default. So a dropped-in {@code client.properties} works alone, and an explicit variable still
     * wins over it.
     */
    private <T> T connection(Setting<T> setting, Map<String, String> clientFile, String property) {
        String fromFile = clientFile.get(property);
        if (values.isSet(setting) || fromFile == null || fromFile.isBlank()) {
            return values.get(setting);
        }
        try {
            return setting.parse(fromFile.strip());
        } catch (InvalidSettingException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(KAFKA_CLIENT_CONFIG_FILE.name(), property + " in the file: "
                    + (e instanceof InvalidSettingException invalid ? invalid.problem() : e.getMessage()));
        }
    }

    private PartnerCenterSettings partnerCenter(int maxInFlight) {
        Cloud cloud = values.get(PARTNER_CENTER_CLOUD);
        try {
            return PartnerCenterSettings.forCloud(cloud, credentials())
                    .withBaseUrl(values.find(PARTNER_CENTER_BASE_URL).orElse(cloud.baseUrl()))
                    .withAuthority(values.find(PARTNER_CENTER_AUTHORITY).orElse(cloud.authority()))
                    .withTimeouts(values.get(PARTNER_CENTER_CONNECT_TIMEOUT), values.get(PARTNER_CENTER_TIMEOUT))
                    .withRetry(new RetryPolicy(values.get(PARTNER_CENTER_MAX_ATTEMPTS),
                            values.get(PARTNER_CENTER_RETRY_BACKOFF), values.get(PARTNER_CENTER_RETRY_MAX_BACKOFF),
                            0.5, values.get(PARTNER_CENTER_RETRY_MAX_ELAPSED)))
                    .withRequestsPerSecond(values.get(PARTNER_CENTER_REQUESTS_PER_SECOND))
                    .withMaxConnections(values.find(PARTNER_CENTER_MAX_CONNECTIONS)
                            .orElse(Math.max(16, RequestProcessor.MOST_CALLS_AT_ONCE * maxInFlight)))
                    .withMaxIdleTime(values.get(PARTNER_CENTER_MAX_IDLE_TIME));
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the only rule not checked by the declarations: the backoff bounds against each other
            throw new InvalidConfigurationException(PARTNER_CENTER_RETRY_BACKOFF.name(), e.getMessage());
        }
    }

    /**
     * Graph's settings when GDAP clean-up is on: its own app credentials (never Partner Center's by accident), the
     * partner's tenant, the cloud's Graph host; Partner Center's retry policy and timeouts.
     */
    private Optional<GraphSettings> graph(CleanupPolicy cleanup, PartnerCenterSettings partnerCenter) {
        if (!cleanup.terminateGdap()) {
            return Optional.empty();
        }
        for (Setting<String> key : List.of(GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET)) {
            if (!values.isSet(key)) {
                throw new InvalidConfigurationException(key.name(), "required when " + CLEANUP_GDAP.name()
                        + "=terminate (the app that may terminate GDAP relationships on Microsoft Graph)");
            }
        }
        String tenant = values.find(GRAPH_TENANT_ID).or(() -> values.find(PARTNER_CENTER_TENANT_ID))
                .orElseThrow(() -> new InvalidConfigurationException(GRAPH_TENANT_ID.name(), "required when "
                        + CLEANUP_GDAP.name() + "=terminate and " + PARTNER_CENTER_TENANT_ID.name() + " is not set"));
        Cloud cloud = values.get(PARTNER_CENTER_CLOUD);
        return Optional.of(GraphSettings.forCloud(cloud, tenant, values.get(GRAPH_CLIENT_ID),
                        Secret.of(values.get(GRAPH_CLIENT_SECRET)))
                .withBaseUrl(values.find(GRAPH_BASE_URL).orElse(cloud.graphUrl()))
                .withAuthority(values.find(GRAPH_AUTHORITY).orElse(partnerCenter.authority()))
                .withRetry(partnerCenter.retry())
                .withTimeouts(partnerCenter.connectTimeout(), partnerCenter.responseTimeout()));
    }

    private Credentials credentials() {
        Optional<String> staticToken = values.find(PARTNER_CENTER_ACCESS_TOKEN);
        List<Setting<String>> appUser = List.of(PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_CLIENT_ID,
                PARTNER_CENTER_CLIENT_SECRET, PARTNER_CENTER_REFRESH_TOKEN);
        List<String> appUserNames = appUser.stream().map(Setting::name).toList();
        boolean anyAppUser = appUser.stream().anyMatch(values::isSet);
        if (staticToken.isPresent()) {
            if (anyAppUser) {
                throw new InvalidConfigurationException(PARTNER_CENTER_ACCESS_TOKEN.name(), "set either this (a "
                        + "static token for development) or the App+User keys " + appUserNames + ", not both");
            }
            return new Credentials.StaticAccessToken(Secret.of(staticToken.get()));
        }
        for (Setting<String> key : appUser) {
            if (!values.isSet(key)) {
                throw new InvalidConfigurationException(key.name(), "required for App+User authentication (or set "
                        + PARTNER_CENTER_ACCESS_TOKEN.name() + " for development)");
            }
        }
        String tenant = values.get(PARTNER_CENTER_TENANT_ID);
        if (!tenant.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            throw new InvalidConfigurationException(PARTNER_CENTER_TENANT_ID.name(), "must be the partner's tenant "
                    + "GUID or domain name");
        }
        return new Credentials.RefreshToken(tenant, values.get(PARTNER_CENTER_CLIENT_ID),
                Secret.of(values.get(PARTNER_CENTER_CLIENT_SECRET)), Secret.of(values.get(PARTNER_CENTER_REFRESH_TOKEN)));
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
}
