package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CleanupActionKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    /**
     * The clean-up writes a request recorded (committed) before sending them, for as long as it is not answered:
     * after a crash they are recognised and not sent as new writes.
     */
    default List<RecordedAction> actionsRecordedBy(String eventId) {
        return List.of();
    }

    /** The earlier removal this service made for a tenant. */
    record PriorRemoval(String requestEventId, Instant removedAt) {
    }

    /**
     * A clean-up write recorded before it was sent.
     *
     * @param etag the ETag it is sent with in {@code If-Match}: while the subscription still shows it, the write
     *     has not applied (every applied write gives a new one), and a copy sent with it can apply once at most
     * @param msRequestId the {@code MS-RequestId} it carries, so a copy sent again carries the same
     */
    record RecordedAction(String eventId, String resourceId, CleanupActionKind action, String etag,
            String msRequestId, long atMillis) {

        public RecordedAction {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(action, "action");
        }
    }
}
