package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.ids.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A request that passed validation: what the rest of the service works with.
 *
 * @param cleanup the request consents to a clean-up: the writes the clean-up policy allows, before the removal
 */
public record OffboardRequest(String eventId, TenantId tenant, Instant requestedAt, String requestedBy,
        String reason, String correlationId, RequestMode mode, boolean cleanup) {

    public OffboardRequest {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(mode, "mode");
    }

    /** A request without clean-up. */
    public OffboardRequest(String eventId, TenantId tenant, Instant requestedAt, String requestedBy, String reason,
            String correlationId, RequestMode mode) {
        this(eventId, tenant, requestedAt, requestedBy, reason, correlationId, mode, false);
    }

    /** A removal request. */
    public OffboardRequest(String eventId, TenantId tenant, Instant requestedAt, String requestedBy, String reason,
            String correlationId) {
        this(eventId, tenant, requestedAt, requestedBy, reason, correlationId, RequestMode.REMOVE);
    }

    public boolean preview() {
        return mode == RequestMode.PREVIEW;
    }
}
