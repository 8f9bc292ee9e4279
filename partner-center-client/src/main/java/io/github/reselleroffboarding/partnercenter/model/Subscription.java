package io.github.reselleroffboarding.partnercenter.model;

import java.time.Instant;

/** The parts of a customer's subscription this service reads. */
public record Subscription(String id, String offerId, String offerName, String friendlyName,
        SubscriptionStatus status, Integer quantity, Instant commitmentEndDate, Boolean autoRenewEnabled,
        String billingCycle, String termDuration) {

    @Override
    public SubscriptionStatus status() {
        return status == null ? SubscriptionStatus.UNKNOWN : status;
    }
}
