package io.github.reselleroffboarding.consumer.rules;

/** A subscription that does not block the removal but still exists (for billing follow-up). */
public record SubscriptionLeft(String id, String offerName, String status) {
}
