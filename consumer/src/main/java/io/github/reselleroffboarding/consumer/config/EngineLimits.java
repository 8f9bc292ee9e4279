package io.github.reselleroffboarding.consumer.config;

import java.time.Duration;

/**
 * How hard the engine works and how long it waits.
 *
 * @param maxInFlight requests admitted and not yet answered; beyond it fetching pauses
 * @param requestRetryBudget how long one request may keep failing transiently before it is dead-lettered
 * @param commitInterval how often outcomes and offsets are committed in one transaction
 * @param authProbeInterval while Partner Center refuses our identity, how often one request tries again
 * @param outageProbeInterval while Partner Center is failing for everyone, how often one request tries again
 */
public record EngineLimits(int maxInFlight, Duration requestRetryBudget, Duration commitInterval,
        Duration shutdownTimeout, Duration authProbeInterval, Duration outageProbeInterval) {
}
