package io.github.reselleroffboarding.consumer.rules;

import java.time.Instant;
import java.util.Optional;

/** What this service remembers about a tenant, as the rules need it (the state store keeps it). */
public interface TenantHistory {

    /** A tenant this service has never answered for. */
    TenantHistory NONE = new TenantHistory() {
        @Override
        public boolean hasAnswered(String eventId) {
            return false;
        }

        @Override
        public boolean removalStartedBy(String eventId) {
            return false;
        }

        @Override
        public Optional<PriorRemoval> removedBy() {
            return Optional.empty();
        }
    };

    boolean hasAnswered(String eventId);

    /** The request committed its intent to remove: its PATCH may have been sent. */
    boolean removalStartedBy(String eventId);

    /** The earlier removal this service made, if any. */
    Optional<PriorRemoval> removedBy();

    /** The earlier removal this service made for a tenant. */
    record PriorRemoval(String requestEventId, Instant removedAt) {
    }
}
