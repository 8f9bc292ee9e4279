package io.github.reselleroffboarding.consumer.config;

import static io.github.reselleroffboarding.settings.SharedSettings.DEAD_LETTER_TOPIC;
import static io.github.reselleroffboarding.settings.SharedSettings.KAFKA_BOOTSTRAP_SERVERS;
import static io.github.reselleroffboarding.settings.SharedSettings.KAFKA_CLIENT_CONFIG_FILE;
import static io.github.reselleroffboarding.settings.SharedSettings.OFFBOARD_ASSESSED_TOPIC;
import static io.github.reselleroffboarding.settings.SharedSettings.OFFBOARD_BLOCKED_TOPIC;
import static io.github.reselleroffboarding.settings.SharedSettings.OFFBOARD_REQUESTS_TOPIC;
import static io.github.reselleroffboarding.settings.SharedSettings.PARTNER_CENTER_ACCESS_TOKEN;
import static io.github.reselleroffboarding.settings.SharedSettings.PARTNER_CENTER_AUTHORITY;
import static io.github.reselleroffboarding.settings.SharedSettings.PARTNER_CENTER_BASE_URL;
import static io.github.reselleroffboarding.settings.SharedSettings.PARTNER_CENTER_CLIENT_ID;
import static io.github.reselleroffboarding.settings.SharedSettings.PARTNER_CENTER_CLIENT_SECRET;
import static io.github.reselleroffboarding.settings.SharedSettings.PARTNER_CENTER_REFRESH_TOKEN;
import static io.github.reselleroffboarding.settings.SharedSettings.PARTNER_CENTER_TENANT_ID;
import static io.github.reselleroffboarding.settings.SharedSettings.RELATIONSHIP_REMOVED_TOPIC;
import static io.github.reselleroffboarding.settings.SharedSettings.SCHEMA_REGISTRY_URL;

import io.github.reselleroffboarding.consumer.processing.RequestProcessor;
import io.github.reselleroffboarding.consumer.rules.CleanupPolicy;
import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.partnercenter.Cloud;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import io.github.reselleroffboarding.settings.Parser;
import io.github.reselleroffboarding.settings.Parsers;
import io.github.reselleroffboarding.settings.Setting;
import io.github.reselleroffboarding.settings.SettingsCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every setting the consumer reads, declared once (the shared ones in {@code SharedSettings}). The loader, the
 * startup log line and the README's configuration table all come from {@link #CATALOG}.
 */
public final class ServiceConfig {

    public static final Setting<String> CONSUMER_GROUP_ID = Setting.of("CONSUMER_GROUP_ID", Parsers.text(),
            "reseller-offboarding", "consumer group");
    public static final Setting<String> CONSUMER_INSTANCE_ID = Setting.optional("CONSUMER_INSTANCE_ID",
            Parsers.text(), "host name",
            "this instance's name, unique in the group: static membership and the transactional id");
    public static final Setting<String> STATE_TOPIC = Setting.optional("STATE_TOPIC", Parsers.topic(),
            "`<CONSUMER_GROUP_ID>-state`", "the idempotency memory (compacted; created if missing)");
    public static final Setting<Cloud> PARTNER_CENTER_CLOUD = Setting.of("PARTNER_CENTER_CLOUD",
            Parsers.choice(name -> Cloud.forName(name).orElseThrow(), "global", "usgov", "china"), "global",
            "`global`, `usgov` or `china`: presets for the two URLs below");
    public static final Setting<Double> PARTNER_CENTER_REQUESTS_PER_SECOND = new Setting<>(
            "PARTNER_CENTER_REQUESTS_PER_SECOND", Parsers.nonNegativeDecimal(), java.util.Optional.of("0"),
            "`0` (off)", "client-side limit on calls to Partner Center, so a backlog does not cause a 429 storm",
            false);
    public static final Setting<Integer> PARTNER_CENTER_MAX_CONNECTIONS = Setting.optional(
            "PARTNER_CENTER_MAX_CONNECTIONS", Parsers.intBetween(1, 100_000),
            "`" + RequestProcessor.MOST_CALLS_AT_ONCE + " × MAX_IN_FLIGHT`, at least 16",
            "HTTP connection pool size; the default lets every request under `MAX_IN_FLIGHT` open as many calls at "
                    + "once as one request ever does (its first reads go out together, clean-up writes a few at a "
                    + "time), so none waits for a connection");
    public static final Setting<Duration> PARTNER_CENTER_MAX_IDLE_TIME = Setting.of("PARTNER_CENTER_MAX_IDLE_TIME",
            Parsers.duration(Duration.ofMillis(100)), "4s", "a pooled connection idle this long is closed, before a "
                    + "server's keep-alive (often 5 s) closes it under a call; connections are reused most recent "
                    + "first, so spare ones age out; a read or the removal PATCH whose connection the server closed "
                    + "anyway is sent again at once on a new one, costing no retry");
    public static final Setting<Duration> PARTNER_CENTER_CONNECT_TIMEOUT = Setting.of(
            "PARTNER_CENTER_CONNECT_TIMEOUT", Parsers.duration(Duration.ofMillis(1)), "5s", "TCP connect timeout");
    public static final Setting<Duration> PARTNER_CENTER_TIMEOUT = Setting.of("PARTNER_CENTER_TIMEOUT",
            Parsers.duration(Duration.ofMillis(1)), "30s", "response timeout per call");
    public static final Setting<Integer> PARTNER_CENTER_MAX_ATTEMPTS = Setting.of("PARTNER_CENTER_MAX_ATTEMPTS",
            Parsers.intBetween(1, 100), "5", "attempts per call (client retries)");
    public static final Setting<Duration> PARTNER_CENTER_RETRY_BACKOFF = Setting.of("PARTNER_CENTER_RETRY_BACKOFF",
            Parsers.duration(Duration.ZERO), "200ms", "first backoff, doubled per attempt, jittered");
    public static final Setting<Duration> PARTNER_CENTER_RETRY_MAX_BACKOFF = Setting.of(
            "PARTNER_CENTER_RETRY_MAX_BACKOFF", Parsers.duration(Duration.ZERO), "10s", "longest backoff");
    public static final Setting<Duration> PARTNER_CENTER_RETRY_MAX_ELAPSED = Setting.of(
            "PARTNER_CENTER_RETRY_MAX_ELAPSED", Parsers.duration(Duration.ZERO), "60s",
            "time budget of one call's retries");
    public static final Setting<Integer> MAX_IN_FLIGHT = Setting.of("MAX_IN_FLIGHT", Parsers.intBetween(1, 100_000),
            "500", "requests processed at once; at the cap fetching pauses");
    public static final Setting<List<SubscriptionStatus>> BLOCKING_SUBSCRIPTION_STATUSES = Setting.of(
            "BLOCKING_SUBSCRIPTION_STATUSES", statuses(), "active,pending",
            "statuses of a **legacy** (license-based) subscription that block removal; suspending one is enough");
    public static final Setting<List<SubscriptionStatus>> NCE_BLOCKING_SUBSCRIPTION_STATUSES = Setting.of(
            "NCE_BLOCKING_SUBSCRIPTION_STATUSES", statuses(), "active,suspended,pending",
            "statuses of a **new-commerce** subscription (and NCE add-ons and trials) that block removal: it must "
                    + "be cancelled, a suspended one keeps billing");
    public static final Setting<List<SubscriptionStatus>> MARKETPLACE_BLOCKING_SUBSCRIPTION_STATUSES = Setting.of(
            "MARKETPLACE_BLOCKING_SUBSCRIPTION_STATUSES", statuses(), "active",
            "statuses of a **marketplace** (SaaS) subscription that block removal");
    public static final Setting<Boolean> SOFTWARE_PURCHASES_BLOCK = Setting.of("SOFTWARE_PURCHASES_BLOCK",
            Parsers.bool(), "false", "whether software purchases (perpetual software, software subscriptions) block "
                    + "removal; when `false` they are reported as notices");
    public static final Setting<Set<CleanupActionKind>> CLEANUP_LEGACY = Setting.of("CLEANUP_LEGACY",
            cleanup(CleanupPolicy.Family.LEGACY), "off", "clean-up of **legacy** subscriptions for requests that ask "
                    + "for it (`cleanup: true`): `suspend`, or `off`. A suspension is held back while anything else "
                    + "still blocks");
    public static final Setting<Set<CleanupActionKind>> CLEANUP_NEW_COMMERCE = Setting.of("CLEANUP_NEW_COMMERCE",
            cleanup(CleanupPolicy.Family.NEW_COMMERCE), "off", "clean-up of **new-commerce** subscriptions (and NCE "
                    + "trials and add-ons): `cancel-within-window` and/or `disable-auto-renew` (the term ends and "
                    + "the subscription expires; the outcome says when), comma-separated, or `off`");
    public static final Setting<Set<CleanupActionKind>> CLEANUP_MARKETPLACE = Setting.of("CLEANUP_MARKETPLACE",
            cleanup(CleanupPolicy.Family.MARKETPLACE), "off", "clean-up of **marketplace** subscriptions: "
                    + "`cancel-within-window`, or `off`. Reservations and savings plans are never touched: no API "
                    + "cancels them");
    public static final Setting<Set<CleanupActionKind>> CLEANUP_AZURE_PLAN = Setting.of("CLEANUP_AZURE_PLAN",
            Parsers.choice(word -> word.equals("off") ? Set.<CleanupActionKind>of()
                    : CleanupPolicy.CANCEL_AZURE_SUBSCRIPTIONS, "off", "cancel-azure-subscriptions"), "off",
            "clean-up of **Azure plans**: `cancel-azure-subscriptions` (cancel every Azure subscription under the "
                    + "plan, then, once Partner Center shows them inactive, suspend the plan; cancelling takes "
                    + "about ten minutes, so the first try is usually blocked `IN_PROGRESS` and a request sent again "
                    + "after that completes it), or `off`");
    public static final Setting<Boolean> CLEANUP_GDAP = Setting.of("CLEANUP_GDAP", Parsers.choice(
            "terminate"::equals, "off", "terminate"), "off", "after a removal, for requests that ask for a clean-up: "
                    + "`terminate` the partner's active **GDAP** relationships with the customer on Microsoft Graph "
                    + "(the removal does not end them), or `off`; needs `GRAPH_CLIENT_ID` and `GRAPH_CLIENT_SECRET`");
    public static final Setting<URI> GRAPH_BASE_URL = Setting.optional("GRAPH_BASE_URL", Parsers.httpUrl(),
            "from the cloud", "Microsoft Graph (`https://graph.microsoft.com`, `graph.microsoft.us`, "
                    + "`microsoftgraph.chinacloudapi.cn`)");
    public static final Setting<URI> GRAPH_AUTHORITY = Setting.optional("GRAPH_AUTHORITY", Parsers.httpUrl(),
            "`PARTNER_CENTER_AUTHORITY`", "token authority for Graph's client-credentials token");
    public static final Setting<String> GRAPH_TENANT_ID = Setting.optional("GRAPH_TENANT_ID", Parsers.text(),
            "`PARTNER_CENTER_TENANT_ID`", "the partner's tenant, where the Graph app is registered");
    public static final Setting<String> GRAPH_CLIENT_ID = Setting.optional("GRAPH_CLIENT_ID", Parsers.text(),
            "(none)", "the app with the application permission `DelegatedAdminRelationship.ReadWrite.All`");
    public static final Setting<String> GRAPH_CLIENT_SECRET = Setting.secret("GRAPH_CLIENT_SECRET", "(none)",
            "its client secret; never logged");
    public static final Setting<Duration> REQUEST_RETRY_BUDGET = Setting.of("REQUEST_RETRY_BUDGET",
            Parsers.duration(Duration.ofSeconds(1)), "5m",
            "how long one request may keep failing transiently before it is dead-lettered");
    public static final Setting<Duration> COMMIT_INTERVAL_MS = Setting.of("COMMIT_INTERVAL_MS",
            Parsers.millis(Duration.ofMillis(10)), "100",
            "how often outcomes and offsets are committed (one transaction each time)");
    public static final Setting<Duration> TRANSACTION_TIMEOUT = Setting.of("TRANSACTION_TIMEOUT",
            Parsers.duration(Duration.ofSeconds(5)), "30s", "Kafka `transaction.timeout.ms`: how long a crashed "
                    + "instance's open transaction can hold up `read_committed` readers");
    public static final Setting<String> OUTCOME_COMPRESSION_TYPE = Setting.of("OUTCOME_COMPRESSION_TYPE",
            Parsers.choice(name -> name, "none", "gzip", "snappy", "lz4", "zstd"), "lz4", "`compression.type` of the "
                    + "outcome, dead-letter and state records (else `compression.type` of `KAFKA_CLIENT_CONFIG_FILE`): "
                    + "a reader needs the codec, e.g. KafkaJS only reads lz4 with a plugin such as `kafkajs-lz4`; "
                    + "`gzip` is the one every client reads");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.of("SHUTDOWN_TIMEOUT",
            Parsers.duration(Duration.ofSeconds(1)), "20s", "on SIGTERM, how long requests in flight may take to "
                    + "finish");
    public static final Setting<Duration> AUTH_PROBE_INTERVAL = Setting.of("AUTH_PROBE_INTERVAL",
            Parsers.duration(Duration.ofMillis(100)), "15s",
            "while Partner Center refuses our credentials, how often to try again");
    public static final Setting<Duration> OUTAGE_PROBE_INTERVAL = Setting.of("OUTAGE_PROBE_INTERVAL",
            Parsers.duration(Duration.ofMillis(100)), "5s", "while Partner Center is failing for everyone (an "
                    + "outage, not one tenant's trouble), how often one request tries again; no request spends its "
                    + "retry budget meanwhile");
    public static final Setting<Path> STATE_DIR = Setting.optional("STATE_DIR", Parsers.path(),
            "a temporary directory", "where the local cache of the state lives (rebuilt from the state topic at "
                    + "start)");
    public static final Setting<Integer> HEALTH_PORT = Setting.of("HEALTH_PORT", Parsers.intBetween(-1, 65535),
            "8080", "port of `/health/live`, `/health/ready`, `/metrics`; `-1` turns it off");
    /** Exactly as logback names the appender (it does not ignore case). */
    public static final Setting<String> LOG_FORMAT = Setting.of("LOG_FORMAT", text -> {
        if (!text.equals("text") && !text.equals("json")) {
            throw new IllegalArgumentException("must be text or json (was '" + text + "')");
        }
        return text;
    }, "text", "`text` for a terminal, `json` for one JSON object per line with the request's ids as "
                    + "fields; environment only (logging starts before any file is read)");
    public static final Setting<String> LOG_LEVEL = Setting.of("LOG_LEVEL", Parsers.choice(name -> name, "error",
            "warn", "info", "debug", "trace"), "info", "the service's log level (any case); `debug` adds a line per request and "
                    + "per Partner Center call; environment only");
    public static final Setting<Path> OFFBOARD_CONFIG_FILE = Setting.optional("OFFBOARD_CONFIG_FILE",
            Parsers.path(), "(none)", "a properties file with any of these settings");

    /** Every setting, in the README's order. */
    public static final SettingsCatalog CATALOG = SettingsCatalog.of(List.of(
            KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, CONSUMER_GROUP_ID, CONSUMER_INSTANCE_ID,
            OFFBOARD_REQUESTS_TOPIC, RELATIONSHIP_REMOVED_TOPIC, OFFBOARD_BLOCKED_TOPIC, OFFBOARD_ASSESSED_TOPIC,
            DEAD_LETTER_TOPIC,
            STATE_TOPIC, KAFKA_CLIENT_CONFIG_FILE, PARTNER_CENTER_CLOUD, PARTNER_CENTER_BASE_URL,
            PARTNER_CENTER_AUTHORITY, PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_CLIENT_ID,
            PARTNER_CENTER_CLIENT_SECRET, PARTNER_CENTER_REFRESH_TOKEN, PARTNER_CENTER_ACCESS_TOKEN,
            PARTNER_CENTER_REQUESTS_PER_SECOND, PARTNER_CENTER_MAX_CONNECTIONS, PARTNER_CENTER_MAX_IDLE_TIME,
            PARTNER_CENTER_CONNECT_TIMEOUT,
            PARTNER_CENTER_TIMEOUT, PARTNER_CENTER_MAX_ATTEMPTS, PARTNER_CENTER_RETRY_BACKOFF,
            PARTNER_CENTER_RETRY_MAX_BACKOFF, PARTNER_CENTER_RETRY_MAX_ELAPSED, MAX_IN_FLIGHT,
            BLOCKING_SUBSCRIPTION_STATUSES, NCE_BLOCKING_SUBSCRIPTION_STATUSES,
            MARKETPLACE_BLOCKING_SUBSCRIPTION_STATUSES, SOFTWARE_PURCHASES_BLOCK, CLEANUP_LEGACY, CLEANUP_NEW_COMMERCE,
            CLEANUP_MARKETPLACE, CLEANUP_AZURE_PLAN, CLEANUP_GDAP, GRAPH_BASE_URL, GRAPH_AUTHORITY, GRAPH_TENANT_ID, GRAPH_CLIENT_ID,
            GRAPH_CLIENT_SECRET, REQUEST_RETRY_BUDGET, COMMIT_INTERVAL_MS, TRANSACTION_TIMEOUT,
            OUTCOME_COMPRESSION_TYPE, SHUTDOWN_TIMEOUT, AUTH_PROBE_INTERVAL, OUTAGE_PROBE_INTERVAL, STATE_DIR, HEALTH_PORT, LOG_FORMAT, LOG_LEVEL,
            OFFBOARD_CONFIG_FILE));

    private ServiceConfig() {
    }

    /**
     * Prints the README's configuration table: {@code java -cp consumer/target/offboarding-consumer.jar
     * io.github.reselleroffboarding.consumer.config.ServiceConfig}.
     */
    public static void main(String[] args) {
        System.out.print(CATALOG.markdownTable());
    }

    /** The names of every setting, in the README's order. */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        CATALOG.settings().forEach(setting -> names.add(setting.name()));
        return names;
    }

    /** {@code off}, or the family's clean-up actions by their configuration words, comma-separated. */
    private static Parser<Set<CleanupActionKind>> cleanup(CleanupPolicy.Family family) {
        String possible = family.possible().stream().map(CleanupPolicy::label).sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        Parser<List<java.util.Optional<CleanupActionKind>>> words = Parsers.commaList(word -> {
            if (word.equalsIgnoreCase("off")) {
                return java.util.Optional.<CleanupActionKind>empty();
            }
            return java.util.Optional.of(family.possible().stream()
                    .filter(action -> CleanupPolicy.label(action).equalsIgnoreCase(word)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + word + "' is not a clean-up action for "
                            + family.label() + " subscriptions (use off, " + possible + ")")));
        }, "use off, " + possible);
        return text -> {
            List<java.util.Optional<CleanupActionKind>> parsed = words.parse(text);
            if (parsed.contains(java.util.Optional.<CleanupActionKind>empty()) && parsed.size() > 1) {
                throw new IllegalArgumentException("off cannot be combined with an action");
            }
            Set<CleanupActionKind> actions = java.util.EnumSet.noneOf(CleanupActionKind.class);
            parsed.forEach(word -> word.ifPresent(actions::add));
            return Set.copyOf(actions);
        };
    }

    private static Parser<List<SubscriptionStatus>> statuses() {
        return Parsers.commaList(ServiceConfig::subscriptionStatus, "name at least one status");
    }

    private static SubscriptionStatus subscriptionStatus(String name) {
        SubscriptionStatus status = SubscriptionStatus.from(name);
        if (status == SubscriptionStatus.UNKNOWN && !name.equalsIgnoreCase("unknown")) {
            throw new IllegalArgumentException("'" + name + "' is not a subscription status (use active, suspended, "
                    + "pending, expired, disabled, deleted, none, unknown)");
        }
        return status;
    }
}
