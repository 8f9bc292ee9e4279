package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.ids.TenantId;
import java.time.Instant;
import java.util.Objects;

/** A request that passed validation: what the rest of the service works with. */
public record OffboardRequest(String eventId, TenantId tenant, Instant requestedAt, String requestedBy,
        String reason, String correlationId, RequestMode mode) {

    public OffboardRequest {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(mode, "mode");
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
