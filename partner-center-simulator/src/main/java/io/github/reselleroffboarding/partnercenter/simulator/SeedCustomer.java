package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer as the simulator serves it: profile, relationship, and its entitlements and subscriptions as
 * Partner Center JSON objects, served as they are (so any shape the docs show can be seeded). Seed files hold
 * these under {@code "customers"}; the admin API takes one per {@code PUT /admin/customers/{id}}.
 *
 * <pre>{@code
 * {"id": "6f1c5a53-...", "companyName": "Contoso", "domain": "contoso.onmicrosoft.com",
 *  "relationshipToPartner": "reseller",
 *  "subscriptions": [ {"id": "...", "offerName": "...", "status": "active", ...} ],
 *  "generateSubscriptions": [ {"count": 45, "status": "active", "offerName": "Microsoft 365 E3"} ],
 *  "entitlements": [ {"entitlementType": "reservedinstance", ...} ],
 *  "azureEntitlements": {"<Azure plan subscription id>": [ {"id": "...", "status": "active", ...} ]},
 *  "allowDelegatedAccess": true,
 *  "removalRefusal": {"status": 400, "code": 3000, "description": "Invalid property ..."},
 *  "activity": [ {"operationType": "remove_partner_customer_relationship", "userPrincipalName": "...", ...} ]}
 * }</pre>
 *
 * @param azureEntitlements the Azure subscriptions under each Azure plan, by the plan's subscription id
 * @param removalRefusal what the removal PATCH answers instead of removing ({@code status}, {@code code} or none,
 *     {@code description}); null to remove as Partner Center would
 * @param activity the customer's activity log records (the simulator adds one for each removal it makes)
 */
public record SeedCustomer(String id, String companyName, String domain, String relationshipToPartner,
        List<ObjectNode> subscriptions, List<ObjectNode> entitlements, Map<String, List<ObjectNode>> azureEntitlements,
        boolean allowDelegatedAccess, ObjectNode removalRefusal, List<ObjectNode> activity) {

    static final ObjectMapper JSON = new ObjectMapper();

    public SeedCustomer {
        Objects.requireNonNull(id, "id");
        id = id.toLowerCase(Locale.ROOT);
        companyName = companyName == null ? "Customer " + id.substring(0, Math.min(8, id.length())) : companyName;
        domain = domain == null ? "customer-" + id.substring(0, Math.min(8, id.length())) + ".onmicrosoft.com"
                : domain;
        relationshipToPartner = relationshipToPartner == null ? "reseller" : relationshipToPartner;
        subscriptions = subscriptions.stream().map(ObjectNode::deepCopy).toList();
        entitlements = entitlements.stream().map(ObjectNode::deepCopy).toList();
        Map<String, List<ObjectNode>> plans = new LinkedHashMap<>();
        (azureEntitlements == null ? Map.<String, List<ObjectNode>>of() : azureEntitlements).forEach((plan, items) ->
                plans.put(plan.toLowerCase(Locale.ROOT), items.stream().map(ObjectNode::deepCopy).toList()));
        azureEntitlements = java.util.Collections.unmodifiableMap(plans);
        removalRefusal = removalRefusal == null ? null : removalRefusal.deepCopy();
        activity = activity == null ? List.of() : activity.stream().map(ObjectNode::deepCopy).toList();
    }

    public static Builder customer(String id) {
        return new Builder(id);
    }

    /** Reads one seed entry; {@code generateSubscriptions} expands into that many subscriptions. */
    public static SeedCustomer fromJson(JsonNode node) {
        String id = node.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a seed customer needs an \"id\"");
        }
        Builder builder = customer(id)
                .companyName(node.path("companyName").asText(null))
                .domain(node.path("domain").asText(null))
                .relationshipToPartner(node.path("relationshipToPartner").asText(null));
        node.path("subscriptions").forEach(s -> builder.rawSubscription(object(s, "subscriptions")));
        node.path("entitlements").forEach(e -> builder.rawEntitlement(object(e, "entitlements")));
        node.path("generateSubscriptions").forEach(g -> builder.subscriptions(g.path("count").asInt(0),
                g.path("status").asText("active"), g.path("offerName").asText("Generated offer")));
        node.path("azureEntitlements").properties().forEach(plan -> plan.getValue().forEach(item ->
                builder.azureEntitlement(plan.getKey(), object(item, "azureEntitlements"))));
        if (node.has("allowDelegatedAccess")) {
            builder.allowDelegatedAccess(node.path("allowDelegatedAccess").asBoolean(true));
        }
        if (node.path("removalRefusal").isObject()) {
            builder.removalRefusal((ObjectNode) node.path("removalRefusal"));
        }
        node.path("activity").forEach(a -> builder.activity(object(a, "activity")));
        return builder.build();
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("companyName", companyName);
        node.put("domain", domain);
        node.put("relationshipToPartner", relationshipToPartner);
        ArrayNode subs = node.putArray("subscriptions");
        subscriptions.forEach(subs::add);
        ArrayNode ents = node.putArray("entitlements");
        entitlements.forEach(ents::add);
        ObjectNode plans = node.putObject("azureEntitlements");
        azureEntitlements.forEach((plan, items) -> items.forEach(plans.withArray(plan)::add));
        node.put("allowDelegatedAccess", allowDelegatedAccess);
        if (removalRefusal != null) {
            node.set("removalRefusal", removalRefusal);
        }
        ArrayNode log = node.putArray("activity");
        activity.forEach(log::add);
        return node;
    }

    SeedCustomer withSubscriptions(List<ObjectNode> changed) {
        return new SeedCustomer(id, companyName, domain, relationshipToPartner, changed, entitlements,
                azureEntitlements, allowDelegatedAccess, removalRefusal, activity);
    }

    SeedCustomer withAzureEntitlements(Map<String, List<ObjectNode>> changed) {
        return new SeedCustomer(id, companyName, domain, relationshipToPartner, subscriptions, entitlements, changed,
                allowDelegatedAccess, removalRefusal, activity);
    }

    SeedCustomer withRelationship(String relationship) {
        return new SeedCustomer(id, companyName, domain, relationship, subscriptions, entitlements, azureEntitlements,
                allowDelegatedAccess, removalRefusal, activity);
    }

    /**
     * A new-commerce license subscription ({@code OnlineServicesNCE}, a product:sku:availability offer id).
     *
     * @param cancellableUntil {@code cancellationAllowedUntilDate}; null when the window has closed
     */
    public static ObjectNode nceSubscriptionJson(String id, String offerName, String status, Instant cancellableUntil,
            Instant termEnd, boolean autoRenew) {
        ObjectNode s = subscriptionJson(id, offerName, status);
        s.put("offerId", "CFQ7TTC0LH18:0001:CFQ7TTC0K971");
        s.putObject("productType").put("id", "OnlineServicesNCE").put("displayName", "OnlineServicesNCE");
        s.put("autoRenewEnabled", autoRenew);
        s.put("commitmentEndDate", termEnd.toString());
        if (cancellableUntil != null) {
            s.put("cancellationAllowedUntilDate", cancellableUntil.toString());
            s.putArray("refundOptions").addObject().put("type", "Full").put("expiresAt", cancellableUntil.toString());
        }
        s.put("partnerId", "4847383");
        return s;
    }

    /** The Azure plan itself, as the subscriptions list shows it. */
    public static ObjectNode azurePlanJson(String id, String status) {
        ObjectNode s = subscriptionJson(id, "Microsoft Azure plan", status);
        s.put("offerId", "DZH318Z0BPS6:0001:DZH318Z0BML6");
        s.putObject("productType").put("id", "Azure").put("displayName", "Azure");
        s.put("unitType", "Usage-based");
        s.put("billingType", "usage");
        s.put("billingCycle", "monthly");
        s.remove("commitmentEndDate");
        return s;
    }

    /** An Azure subscription under an Azure plan ({@code azureEntitlements}). */
    public static ObjectNode azureEntitlementJson(String subscriptionId, String friendlyName, String status) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", subscriptionId);
        e.put("friendlyName", friendlyName);
        e.put("status", status);
        e.put("subscriptionId", subscriptionId);
        return e;
    }

    /** An Azure savings plan, which Partner Center lists among the subscriptions ({@code Benefit}). */
    public static ObjectNode savingsPlanJson(String id, Instant termEnd, boolean autoRenew) {
        ObjectNode s = subscriptionJson(id, "Azure savings plan for compute", "active");
        s.put("offerId", "DZH318Z09V6F:0001:DZH318Z0BLD3");
        ObjectNode type = s.putObject("productType").put("id", "Azure").put("displayName", "Azure");
        type.putObject("subType").put("id", "SavingsPlan").put("displayName", "Savings plan");
        s.put("unitType", "Benefit");
        s.put("billingType", "benefit");
        s.put("billingCycle", "one_time");
        s.put("commitmentEndDate", termEnd.toString());
        s.put("autoRenewEnabled", autoRenew);
        s.put("productOrderId", "2131a68b-" + id.substring(0, Math.min(4, id.length())));
        return s;
    }

    /** A marketplace (SaaS) subscription from a third-party publisher. */
    public static ObjectNode marketplaceJson(String id, String offerName, String publisher, String status) {
        ObjectNode s = subscriptionJson(id, offerName, status);
        s.put("offerId", "DZH318Z0BXWC:0001:DZH318Z0BMJX");
        s.put("isMicrosoftProduct", false);
        s.put("publisherName", publisher);
        s.put("unitType", "Licenses");
        return s;
    }

    /** A new-commerce trial: converts to a paid subscription at its end while auto-renew is on. */
    public static ObjectNode trialJson(String id, String offerName, String status) {
        ObjectNode s = nceSubscriptionJson(id, offerName, status, null, Instant.parse("2099-01-01T00:00:00Z"), true);
        s.put("isTrial", true);
        s.put("termDuration", "P1M");
        s.putObject("scheduledNextTermInstructions").put("quantity", 1);
        return s;
    }

    /** A new-commerce add-on under {@code parentId}. */
    public static ObjectNode addOnJson(String id, String offerName, String parentId, String status) {
        ObjectNode s = nceSubscriptionJson(id, offerName, status, null, Instant.parse("2099-01-01T00:00:00Z"), true);
        s.put("parentSubscriptionId", parentId);
        s.putObject("links").putObject("parentSubscription").put("uri", "/customers/subscriptions/" + parentId);
        return s;
    }

    /** A new-commerce software subscription ({@code productType Software}). */
    public static ObjectNode softwareSubscriptionJson(String id, String offerName, String status) {
        ObjectNode s = nceSubscriptionJson(id, offerName, status, null, Instant.parse("2099-01-01T00:00:00Z"), true);
        s.put("offerId", "DG7GMGF0DVSV:000P:DG7GMGF0F3Q9");
        s.putObject("productType").put("id", "Software").put("displayName", "Software");
        s.put("billingCycle", "triennial");
        s.put("termDuration", "P3Y");
        return s;
    }

    /** An activity log record of a removed reseller relationship, as the portal or another tool leaves it. */
    public static ObjectNode removalRecordJson(String customerId, String userPrincipalName, Instant at) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", UUID.nameUUIDFromBytes((customerId + "/" + at).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        r.put("partnerId", "3b33e682-00c3-41ee-9dd2-a548adf56438");
        r.put("customerId", customerId.toLowerCase(Locale.ROOT));
        r.put("customerName", "");
        r.put("userPrincipalName", userPrincipalName);
        r.put("resourceType", "partner_customer_relationship");
        r.put("operationType", "remove_partner_customer_relationship");
        r.put("operationDate", at.toString());
        r.put("operationStatus", "succeeded");
        r.putObject("attributes").put("objectType", "AuditRecord");
        return r;
    }

    /**
     * A legacy license-based subscription in Partner Center's shape (a GUID offer id, no product type); the other
     * families' shapes start from it.
     */
    public static ObjectNode subscriptionJson(String id, String offerName, String status) {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", id);
        s.put("offerId", UUID.nameUUIDFromBytes(("offer/" + offerName).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().toUpperCase(Locale.ROOT));
        s.put("offerName", offerName);
        s.put("friendlyName", offerName);
        s.put("quantity", 10);
        s.put("unitType", "Licenses");
        s.put("creationDate", "2025-01-15T00:00:00Z");
        s.put("effectiveStartDate", "2025-01-15T00:00:00Z");
        s.put("commitmentEndDate", "2026-01-14T00:00:00Z");
        s.put("status", status);
        s.put("autoRenewEnabled", true);
        s.put("billingType", "license");
        s.put("billingCycle", "monthly");
        s.put("termDuration", "P1Y");
        s.put("isTrial", false);
        s.put("contractType", "subscription");
        s.putObject("attributes").put("objectType", "Subscription");
        return s;
    }

    /**
     * A reserved instance in the current contract: {@code entitlementType: reservedinstance} and the kind in the
     * artifact's {@code dynamicAttributes.reservationType} ({@code virtualmachines}, {@code sqldatabases}).
     *
     * @param expiry when the reservation ends; null for none given
     */
    public static ObjectNode reservedInstanceJson(String orderId, String reservationType, Instant expiry) {
        ObjectNode e = entitlementBase(orderId, "reservedinstance", expiry);
        ObjectNode artifact = e.putArray("entitledArtifacts").addObject();
        artifact.put("artifactType", "reservedinstance");
        artifact.putObject("dynamicAttributes").put("reservationType", reservationType);
        ObjectNode link = artifact.putObject("link");
        link.put("uri", "/customers/artifacts/reservedinstance/groups/" + orderId + "/lineitems/1/resource/"
                + orderId);
        link.put("method", "GET");
        link.putArray("headers");
        artifact.put("resourceId", orderId);
        return e;
    }

    /** A VM reserved instance in the legacy contract ({@code virtualmachinereservedinstance}). */
    public static ObjectNode legacyVmReservedInstanceJson(String orderId, Instant expiry) {
        ObjectNode e = entitlementBase(orderId, "virtualmachinereservedinstance", expiry);
        ObjectNode artifact = e.putArray("entitledArtifacts").addObject();
        artifact.put("artifactType", "virtual_machine_reserved_instance");
        artifact.put("resourceId", orderId);
        return e;
    }

    /** Software, optionally including other entitlements (nested {@code includedEntitlements}). */
    public static ObjectNode softwareJson(String orderId, ObjectNode... included) {
        ObjectNode e = entitlementBase(orderId, "software", null);
        e.putArray("entitledArtifacts");
        ArrayNode nested = e.putArray("includedEntitlements");
        for (ObjectNode n : included) {
            nested.add(n);
        }
        return e;
    }

    private static ObjectNode entitlementBase(String orderId, String type, Instant expiry) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode order = e.putObject("referenceOrder");
        order.put("id", orderId);
        order.put("lineItemId", "1");
        e.put("productId", type.equals("software") ? "DG7GMGF0FKZV" : "DZH318Z0BQ3Q");
        e.put("skuId", "0001");
        e.put("quantity", 1);
        e.putArray("quantityDetails").addObject().put("quantity", 1).put("status", "Active");
        e.put("entitlementType", type);
        e.put("fulfillmentState", "Fulfilled");
        if (expiry != null) {
            e.put("expiryDate", expiry.toString());
        }
        e.putArray("includedEntitlements");
        e.putObject("attributes").put("objectType", "Entitlement");
        return e;
    }

    private static ObjectNode object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("every entry of \"" + where + "\" must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Builds a {@link SeedCustomer}. */
    public static final class Builder {
        private final String id;
        private String companyName;
        private String domain;
        private String relationshipToPartner;
        private final List<ObjectNode> subscriptions = new ArrayList<>();
        private final List<ObjectNode> entitlements = new ArrayList<>();
        private final Map<String, List<ObjectNode>> azureEntitlements = new LinkedHashMap<>();
        private boolean allowDelegatedAccess = true;
        private ObjectNode removalRefusal;
        private final List<ObjectNode> activity = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        public Builder companyName(String name) {
            this.companyName = name;
            return this;
        }

        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /** {@code reseller} (default), or {@code none} for a customer whose relationship is already gone. */
        public Builder relationshipToPartner(String relationship) {
            this.relationshipToPartner = relationship;
            return this;
        }

        public Builder subscription(String id, String offerName, String status) {
            subscriptions.add(subscriptionJson(id, offerName, status));
            return this;
        }

        /** {@code count} subscriptions with generated ids, all with {@code status}. */
        public Builder subscriptions(int count, String status, String offerName) {
            for (int i = 0; i < count; i++) {
                String sid = UUID.nameUUIDFromBytes((id + "/" + status + "/" + offerName + "/" + i)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                subscriptions.add(subscriptionJson(sid, offerName + " #" + (i + 1), status));
            }
            return this;
        }

        /** A subscription exactly as given, in any shape Partner Center may answer with. */
        public Builder rawSubscription(ObjectNode subscription) {
            subscriptions.add(subscription);
            return this;
        }

        public Builder reservedInstance(String orderId, String reservationType, Instant expiry) {
            return rawEntitlement(reservedInstanceJson(orderId, reservationType, expiry));
        }

        public Builder legacyVmReservedInstance(String orderId, Instant expiry) {
            return rawEntitlement(legacyVmReservedInstanceJson(orderId, expiry));
        }

        public Builder software(String orderId, ObjectNode... included) {
            return rawEntitlement(softwareJson(orderId, included));
        }

        /** An entitlement exactly as given, in any shape Partner Center may answer with. */
        public Builder rawEntitlement(ObjectNode entitlement) {
            entitlements.add(entitlement);
            return this;
        }

        /** An Azure subscription under the Azure plan {@code planId} (seed the plan as a subscription too). */
        public Builder azureEntitlement(String planId, ObjectNode azureSubscription) {
            azureEntitlements.computeIfAbsent(planId, k -> new ArrayList<>()).add(azureSubscription);
            return this;
        }

        public Builder allowDelegatedAccess(boolean allowed) {
            this.allowDelegatedAccess = allowed;
            return this;
        }

        /** The removal PATCH is answered {@code status} with this code (or none, when null) and description. */
        public Builder refuseRemoval(int status, Integer code, String description) {
            ObjectNode refusal = JSON.createObjectNode().put("status", status).put("description", description);
            if (code != null) {
                refusal.put("code", code);
            }
            return removalRefusal(refusal);
        }

        public Builder removalRefusal(ObjectNode refusal) {
            this.removalRefusal = refusal;
            return this;
        }

        /** A record in the customer's activity log. */
        public Builder activity(ObjectNode record) {
            activity.add(record);
            return this;
        }

        public SeedCustomer build() {
            return new SeedCustomer(id, companyName, domain, relationshipToPartner, subscriptions, entitlements,
                    azureEntitlements, allowDelegatedAccess, removalRefusal, activity);
        }
    }
}
