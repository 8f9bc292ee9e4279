package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The partner's customers and what happened to their relationships. One lock; every operation is small. */
final class CustomerBook {

    /** What a tenant id finds. */
    sealed interface Lookup {
        record Found(SeedCustomer customer) implements Lookup {
        }

        /** The relationship with this partner is gone (removed here, or seeded as {@code none}). */
        record NoRelationship() implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    /** What a removal PATCH did. */
    sealed interface Removal {
        record Removed() implements Removal {
        }

        /** The same {@code MS-RequestId} that removed it asks again: the same answer, nothing changes. */
        record Replayed() implements Removal {
        }

        record AlreadyRemoved() implements Removal {
        }

        record Unknown() implements Removal {
        }

        record Blocked(List<String> blockers) implements Removal {
        }

        /** The customer is seeded to refuse the removal this way. */
        record Refused(ObjectNode refusal) implements Removal {
        }
    }

    /** Who Partner Center's activity log names for removals this simulator makes. */
    static final String API_USER = "offboarding-api@partner.example";

    private record Entry(SeedCustomer customer, String removedByRequestId) {
        boolean hasRelationship() {
            return !customer.relationshipToPartner().equalsIgnoreCase("none");
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    /** The activity log, by customer id, oldest first. */
    private final Map<String, List<ObjectNode>> activity = new HashMap<>();
    private final SimulatorSettings.UnknownCustomers unknownCustomers;
    private final AzureCancellations azureCancellations = new AzureCancellations();

    CustomerBook(List<SeedCustomer> seed, SimulatorSettings.UnknownCustomers unknownCustomers) {
        this.unknownCustomers = unknownCustomers;
        reset(seed);
    }

    synchronized void reset(List<SeedCustomer> seed) {
        entries.clear();
        activity.clear();
        azureCancellations.reset();
        seed.forEach(this::put);
    }

    synchronized void put(SeedCustomer customer) {
        entries.put(customer.id(), new Entry(customer, null));
        activity.put(customer.id(), new ArrayList<>(customer.activity()));
    }

    /** Someone removed the relationship outside this API (in the portal, with another tool), and it was logged. */
    synchronized boolean removeElsewhere(String id, String by, Instant at) {
        Entry entry = entries.get(key(id));
        if (entry == null) {
            return false;
        }
        entries.put(key(id), new Entry(entry.customer().withRelationship("none"), null));
        activity.computeIfAbsent(key(id), k -> new ArrayList<>()).add(SeedCustomer.removalRecordJson(id, by, at));
        return true;
    }

    /** The activity log records about {@code customerId} from {@code since} on. */
    synchronized List<ObjectNode> activity(String customerId, Instant since) {
        return activity.getOrDefault(key(customerId), List.of()).stream().filter(r -> {
            try {
                return !Instant.parse(r.path("operationDate").asText("")).isBefore(since);
            } catch (DateTimeParseException e) {
                return true;
            }
        }).map(ObjectNode::deepCopy).toList();
    }

    synchronized boolean delete(String id) {
        return entries.remove(key(id)) != null;
    }

    synchronized Optional<SeedCustomer> get(String id) {
        return Optional.ofNullable(entries.get(key(id))).map(Entry::customer);
    }

    synchronized List<SeedCustomer> all() {
        return entries.values().stream().map(Entry::customer).toList();
    }

    synchronized Lookup lookup(String id) {
        Entry entry = entries.get(key(id));
        if (entry == null) {
            return unknownCustomers == SimulatorSettings.UnknownCustomers.CLEAN
                    ? new Lookup.Found(SeedCustomer.customer(key(id)).build())
                    : new Lookup.Unknown();
        }
        return entry.hasRelationship() ? new Lookup.Found(entry.customer()) : new Lookup.NoRelationship();
    }

    /** The answer to a subscription PATCH, or empty when the customer or the subscription is not found. */
    synchronized Optional<SubscriptionWrites.Outcome> updateSubscription(String id, String subscriptionId,
            JsonNode body, String ifMatch, Instant now) {
        Entry entry = entries.get(key(id));
        if (entry == null || !entry.hasRelationship()) {
            return Optional.empty();
        }
        List<ObjectNode> subscriptions = new ArrayList<>(entry.customer().subscriptions());
        for (int i = 0; i < subscriptions.size(); i++) {
            ObjectNode current = subscriptions.get(i);
            if (current.path("id").asText("").equalsIgnoreCase(subscriptionId)) {
                SubscriptionWrites.Outcome outcome = SubscriptionWrites.apply(current, entry.customer()
                        .azureEntitlements().getOrDefault(key(subscriptionId), List.of()), body, ifMatch, now);
                if (outcome.applied()) {
                    subscriptions.set(i, outcome.updated());
                    entries.put(key(id), new Entry(entry.customer().withSubscriptions(subscriptions),
                            entry.removedByRequestId()));
                }
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    /** How long an accepted Azure subscription cancellation takes to show {@code inactive}. */
    synchronized void azureCancellationDelay(java.time.Duration delay) {
        azureCancellations.delay(delay);
    }

    /**
     * The answer to cancelling an Azure subscription under an Azure plan ({@link AzureCancellations}), or empty
     * when the customer or the plan is not found.
     */
    synchronized Optional<AzureCancellations.Outcome> cancelAzureSubscription(String id, String planId,
            String entitlementId, JsonNode body, String msRequestId, Instant now) {
        settleAzureCancellations(now);
        Entry entry = entries.get(key(id));
        if (entry == null || !entry.hasRelationship() || entry.customer().subscriptions().stream()
                .noneMatch(s -> s.path("id").asText("").equalsIgnoreCase(planId))) {
            return Optional.empty();
        }
        Optional<ObjectNode> azure = entry.customer().azureEntitlements().getOrDefault(key(planId), List.of())
                .stream().filter(e -> e.path("id").asText("").equalsIgnoreCase(entitlementId)).findFirst();
        return Optional.of(azureCancellations.cancel(key(id), key(planId), entitlementId, azure, body, msRequestId,
                now));
    }

    /** Every Azure subscription cancellation under way takes effect now. */
    synchronized void completeAzureCancellations(Instant now) {
        azureCancellations.completeAll(now);
        settleAzureCancellations(now);
    }

    /** Azure subscriptions whose accepted cancellation has taken effect by {@code now} show {@code inactive}. */
    synchronized void settleAzureCancellations(Instant now) {
        for (AzureCancellations.Accepted done : azureCancellations.due(now)) {
            Entry entry = entries.get(done.customer());
            if (entry == null) {
                continue;
            }
            Map<String, List<ObjectNode>> plans = new java.util.LinkedHashMap<>(entry.customer().azureEntitlements());
            List<ObjectNode> items = new ArrayList<>(plans.getOrDefault(done.plan(), List.of()));
            boolean changed = false;
            for (int i = 0; i < items.size(); i++) {
                ObjectNode item = items.get(i);
                if (item.path("id").asText("").equalsIgnoreCase(done.entitlementId())
                        && item.path("status").asText("").equalsIgnoreCase("active")) {
                    ObjectNode inactive = item.deepCopy();
                    inactive.put("status", "inactive");
                    items.set(i, inactive);
                    changed = true;
                }
            }
            if (changed) {
                plans.put(done.plan(), items);
                entries.put(done.customer(), new Entry(entry.customer().withAzureEntitlements(plans),
                        entry.removedByRequestId()));
            }
        }
    }

    /** One subscription of a customer Partner Center holds a relationship with. */
    synchronized Optional<ObjectNode> subscription(String id, String subscriptionId) {
        Entry entry = entries.get(key(id));
        if (entry == null || !entry.hasRelationship()) {
            return Optional.empty();
        }
        return entry.customer().subscriptions().stream()
                .filter(s -> s.path("id").asText("").equalsIgnoreCase(subscriptionId)).findFirst()
                .map(ObjectNode::deepCopy);
    }

    synchronized Removal remove(String id, String msRequestId, Instant now) {
        String key = key(id);
        Entry entry = entries.get(key);
        if (entry == null && unknownCustomers == SimulatorSettings.UnknownCustomers.CLEAN) {
            entry = new Entry(SeedCustomer.customer(key).build(), null);
        }
        if (entry == null) {
            return new Removal.Unknown();
        }
        if (!entry.hasRelationship()) {
            return msRequestId != null && msRequestId.equalsIgnoreCase(entry.removedByRequestId())
                    ? new Removal.Replayed() : new Removal.AlreadyRemoved();
        }
        if (entry.customer().removalRefusal() != null) {
            return new Removal.Refused(entry.customer().removalRefusal());
        }
        List<String> blockers = blockers(entry.customer(), now);
        if (!blockers.isEmpty()) {
            return new Removal.Blocked(blockers);
        }
        entries.put(key, new Entry(entry.customer().withRelationship("none"), msRequestId));
        activity.computeIfAbsent(key, k -> new ArrayList<>()).add(SeedCustomer.removalRecordJson(key, API_USER, now));
        return new Removal.Removed();
    }

    /**
     * What Partner Center itself refuses the removal for: active subscriptions (of any kind: a suspended
     * new-commerce subscription does not stop it, it only keeps billing), active Azure subscriptions under a plan,
     * and reservations not yet ended.
     */
    static List<String> blockers(SeedCustomer customer, Instant now) {
        List<String> blockers = new ArrayList<>();
        for (ObjectNode subscription : customer.subscriptions()) {
            if (subscription.path("status").asText("").equalsIgnoreCase("active")) {
                blockers.add("subscription " + subscription.path("id").asText("?"));
            }
        }
        customer.azureEntitlements().forEach((plan, items) -> items.forEach(azure -> {
            if (azure.path("status").asText("").equalsIgnoreCase("active")) {
                blockers.add("Azure subscription " + azure.path("subscriptionId").asText("?"));
            }
        }));
        for (ObjectNode entitlement : customer.entitlements()) {
            collectReservations(entitlement, now, blockers);
        }
        return blockers;
    }

    private static void collectReservations(JsonNode entitlement, Instant now, List<String> into) {
        String type = Shapes.normalize(entitlement.path("entitlementType").asText(""));
        if ((type.equals("reservedinstance") || type.equals("virtualmachinereservedinstance"))
                && !expired(entitlement.path("expiryDate").asText(""), now)) {
            into.add("reservation " + entitlement.path("referenceOrder").path("id").asText("?"));
        }
        entitlement.path("includedEntitlements").forEach(nested -> collectReservations(nested, now, into));
    }

    private static boolean expired(String expiryDate, Instant now) {
        if (expiryDate.isBlank()) {
            return false;
        }
        try {
            return Instant.parse(expiryDate).isBefore(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
