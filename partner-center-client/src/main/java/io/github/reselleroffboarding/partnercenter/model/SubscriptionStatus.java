package io.github.reselleroffboarding.partnercenter.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A subscription's status. Values Partner Center may add later read as {@link #UNKNOWN} instead of failing the
 * whole response (the 2020 Java SDK's four-value enum broke on {@code pending}, {@code expired}, {@code disabled}).
 */
public enum SubscriptionStatus {
    NONE, ACTIVE, SUSPENDED, DELETED, EXPIRED, PENDING, DISABLED, UNKNOWN;

    @JsonCreator
    public static SubscriptionStatus from(String value) {
        String normalized = EnumText.normalize(value);
        for (SubscriptionStatus status : values()) {
            if (status != UNKNOWN && EnumText.normalize(status.name()).equals(normalized)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
