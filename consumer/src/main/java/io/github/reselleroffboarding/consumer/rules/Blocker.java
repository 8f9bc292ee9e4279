package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import java.util.Objects;

/** One reason the relationship may not be removed yet. */
public record Blocker(BlockReasonCode code, String message, String resourceId, String resourceName) {

    public Blocker {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
