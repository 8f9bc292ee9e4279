package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.ProductFamily;
import java.time.Instant;
import java.util.Objects;

/**
 * One reason the relationship may not be removed yet (or, as a notice, something that does not block but
 * matters), with what clears it and by when.
 *
 * @param family the product family of the resource; null for reasons about the request or the customer
 * @param status Partner Center's status of the resource, lower case
 * @param action what clears it; null when nothing in Partner Center does
 * @param actionDeadline until when {@code action} is possible
 * @param endsAt when the blocker ends by itself if nothing is done; null when it never does
 * @param resellerOfRecord Partner Center's {@code partnerId} of the reseller of record
 */
public record Blocker(BlockReasonCode code, String message, String resourceId, String resourceName,
        ProductFamily family, String status, ClearingAction action, Instant actionDeadline, Instant endsAt,
        String resellerOfRecord) {

    public Blocker {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** A reason about the request or the customer, not about one product. */
    public Blocker(BlockReasonCode code, String message, String resourceId, String resourceName) {
        this(code, message, resourceId, resourceName, null, null, null, null, null, null);
    }
}
