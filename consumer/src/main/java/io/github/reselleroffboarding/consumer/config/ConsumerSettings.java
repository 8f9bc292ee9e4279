package io.github.reselleroffboarding.consumer.config;

import io.github.reselleroffboarding.consumer.rules.CleanupPolicy;
import io.github.reselleroffboarding.consumer.rules.FamilyPolicy;
import io.github.reselleroffboarding.partnercenter.Cloud;
import io.github.reselleroffboarding.partnercenter.GraphSettings;
import io.github.reselleroffboarding.partnercenter.PartnerCenterSettings;
import io.github.reselleroffboarding.settings.SettingValues;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The service's settings, typed and validated ({@link ConfigLoader} builds them from the environment). Each part
 * of the service gets only the view it needs.
 *
 * @param cleanup which clean-up writes requests that ask for one may get; off for every family by default
 * @param graph how to reach Microsoft Graph, when GDAP clean-up is on
 * @param stateDir where the local cache of the idempotency memory lives; empty for a temporary directory
 * @param healthPort port of {@code /health/live}, {@code /health/ready}, {@code /metrics}; -1 for none
 * @param described every setting given, secrets masked, for the startup log line
 */
public record ConsumerSettings(KafkaConnection kafka, Topics topics, EngineLimits limits,
        PartnerCenterSettings partnerCenter, Cloud cloud, FamilyPolicy policy, CleanupPolicy cleanup,
        Optional<GraphSettings> graph, Optional<Path> stateDir, int healthPort, String described) {

    /** Partner Center operated by 21Vianet has no activity log to tell who removed a relationship. */
    public boolean activityLogAvailable() {
        return cloud != Cloud.CHINA;
    }

    /** For the startup log line: what was configured (secrets masked) and what it resolved to. */
    public String describe() {
        return "bootstrap=" + kafka.bootstrapServers() + ", registry="
                + SettingValues.maskUserInfo(kafka.schemaRegistryUrl()) + ", group=" + kafka.groupId() + ", instance=" + kafka.instanceId() + ", topics=[" + topics.requests()
                + " -> " + topics.removed() + " | " + topics.blocked() + " | " + topics.assessed() + " | " + topics.deadLetter() + ", state "
                + topics.state() + "], maxInFlight=" + limits.maxInFlight() + ", policy=" + policy + ", cleanup=" + cleanup.describe() + graph.map(g -> ", graph=" + g.baseUrl()).orElse("")
                + ", partnerCenter=" + partnerCenter.baseUrl() + ", kafkaClientProperties="
                + kafka.clientProperties().keySet() + "; configured: " + described;
    }
}
