package io.github.reselleroffboarding.consumer.config;

import io.github.reselleroffboarding.partnercenter.PartnerCenterSettings;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service's settings, typed and validated ({@link ConfigLoader} builds them from the environment). The
 * README's configuration table lists each with its environment variable and default.
 *
 * @param kafkaClientProperties pass-through Kafka client (and serde) properties, e.g. SASL/SSL settings
 * @param instanceId this instance's stable name, unique in the group: its static group membership and part of
 *     its transactional id, so a restarted instance takes its partitions back at once and aborts its
 *     predecessor's open transaction
 * @param maxInFlight requests admitted and not yet answered; beyond it fetching pauses
 * @param requestRetryBudget how long one request may keep failing transiently before it is dead-lettered
 * @param commitInterval how often outcomes and offsets are committed in one transaction
 * @param stateDir where the local cache of the idempotency memory lives; empty for a temporary directory
 * @param healthPort port of {@code /health/live}, {@code /health/ready}, {@code /metrics}; -1 for none
 */
public record ConsumerSettings(
        String bootstrapServers,
        String schemaRegistryUrl,
        String groupId,
        String instanceId,
        String requestsTopic,
        String removedTopic,
        String blockedTopic,
        String deadLetterTopic,
        String stateTopic,
        Map<String, String> kafkaClientProperties,
        PartnerCenterSettings partnerCenter,
        int maxInFlight,
        Set<SubscriptionStatus> blockingStatuses,
        Duration requestRetryBudget,
        Duration commitInterval,
        Duration transactionTimeout,
        Duration shutdownTimeout,
        Duration authProbeInterval,
        Optional<Path> stateDir,
        int healthPort) {

    public ConsumerSettings {
        kafkaClientProperties = Map.copyOf(kafkaClientProperties);
        blockingStatuses = Set.copyOf(blockingStatuses);
    }

    public String transactionalId() {
        return groupId + "-" + instanceId;
    }

    /** Everything but secrets, for the startup log line. */
    public String describe() {
        return "bootstrap=" + bootstrapServers + ", registry=" + schemaRegistryUrl.replaceAll("//[^/@]*@", "//***@")
                + ", group=" + groupId + ", instance=" + instanceId + ", topics=[" + requestsTopic + " -> "
                + removedTopic + " | " + blockedTopic + " | " + deadLetterTopic + ", state " + stateTopic
                + "], maxInFlight=" + maxInFlight + ", blocking=" + blockingStatuses + ", retryBudget="
                + requestRetryBudget + ", commitInterval=" + commitInterval + ", partnerCenter="
                + partnerCenter.baseUrl() + " (authority " + partnerCenter.authority() + ", "
                + (partnerCenter.requestsPerSecond() == 0 ? "no rate limit" : partnerCenter.requestsPerSecond()
                + " calls/s") + "), kafkaClientProperties=" + kafkaClientProperties.keySet();
    }
}
