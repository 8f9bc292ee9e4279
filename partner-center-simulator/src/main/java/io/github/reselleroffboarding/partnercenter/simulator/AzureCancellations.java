package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/customers/{id}/subscriptions/{planId}/azureEntitlements/{id}/cancel} as Partner Center documents
 * it: 202 Accepted, then the Azure subscription turns from {@code active} to {@code inactive} some time later
 * (about ten minutes in Partner Center; {@link #delay} here, zero by default, so the next read shows it). The
 * cancellation reason must be {@code compromise}, the one the documentation shows ({@code 900307} otherwise). A
 * copy with the same {@code MS-RequestId} is answered as the first was and changes nothing; another cancellation
 * while one is under way is refused with {@code 409 800060}; an Azure subscription no longer active with
 * {@code 400 800096}. Not thread-safe: {@link CustomerBook} holds its lock around every call.
 */
final class AzureCancellations {

    static final String REASON = "compromise";

    /** The answer; {@code applied} when this call started the cancellation. */
    record Outcome(int status, ObjectNode body, boolean applied) {
    }

    /** A cancellation Partner Center accepted, and when its Azure subscription shows inactive. */
    record Accepted(String customer, String plan, String entitlementId, String msRequestId, Instant inactiveAt) {
    }

    /** By customer/entitlement: every cancellation accepted, until {@link #reset()}. */
    private final Map<String, Accepted> accepted = new HashMap<>();
    private Duration delay = Duration.ZERO;

    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Every cancellation under way takes effect now, however long it was set to take. */
    void completeAll(Instant now) {
        accepted.replaceAll((key, a) -> now.isBefore(a.inactiveAt())
                ? new Accepted(a.customer(), a.plan(), a.entitlementId(), a.msRequestId(), now) : a);
    }

    void reset() {
        accepted.clear();
        delay = Duration.ZERO;
    }

    /**
     * @param azure the Azure subscription, as the customer holds it now; empty when the plan has none with this id
     */
    Outcome cancel(String customer, String plan, String entitlementId, Optional<ObjectNode> azure, JsonNode body,
            String msRequestId, Instant now) {
        if (azure.isEmpty()) {
            return new Outcome(404, Shapes.error(800111, "Azure entitlement " + entitlementId + " was not found"),
                    false);
        }
        String reason = body.path("cancellationReason").asText("");
        if (!reason.equalsIgnoreCase(REASON)) {
            return new Outcome(400, Shapes.error(900307, "Invalid cancellation reason '" + reason + "'"), false);
        }
        String key = key(customer, entitlementId);
        Accepted earlier = accepted.get(key);
        if (earlier != null && msRequestId != null && msRequestId.equalsIgnoreCase(earlier.msRequestId())) {
            return new Outcome(202, azure.get().deepCopy(), false);
        }
        if (earlier != null && now.isBefore(earlier.inactiveAt())) {
            return new Outcome(409, Shapes.error(800060, "A cancellation of this Azure subscription is already in "
                    + "progress"), false);
        }
        if (!azure.get().path("status").asText("").equalsIgnoreCase("active")) {
            return new Outcome(400, Shapes.error(800096, "The Azure subscription is "
                    + azure.get().path("status").asText("") + " and cannot be cancelled"), false);
        }
        accepted.put(key, new Accepted(customer, plan, entitlementId, msRequestId, now.plus(delay)));
        return new Outcome(202, azure.get().deepCopy(), true);
    }

    /** The cancellations whose time has come: their Azure subscriptions now show inactive. */
    java.util.List<Accepted> due(Instant now) {
        return accepted.values().stream().filter(a -> !now.isBefore(a.inactiveAt())).toList();
    }

    private static String key(String customer, String entitlementId) {
        return customer.toLowerCase(Locale.ROOT) + "/" + entitlementId.toLowerCase(Locale.ROOT);
    }
}
