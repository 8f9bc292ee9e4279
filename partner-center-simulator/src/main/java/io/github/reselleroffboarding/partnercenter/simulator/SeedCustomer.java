package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *  "entitlements": [ {"entitlementType": "reservedinstance", ...} ]}
 * }</pre>
 */
public record SeedCustomer(String id, String companyName, String domain, String relationshipToPartner,
        List<ObjectNode> subscriptions, List<ObjectNode> entitlements) {

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
        return node;
    }

    SeedCustomer withRelationship(String relationship) {
        return new SeedCustomer(id, companyName, domain, relationship, subscriptions, entitlements);
    }

    /** A subscription in Partner Center's shape. */
    public static ObjectNode subscriptionJson(String id, String offerName, String status) {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", id);
        s.put("offerId", "CFQ7TTC0LH18:0001:" + id.substring(0, Math.min(4, id.length())).toUpperCase(Locale.ROOT));
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

        public SeedCustomer build() {
            return new SeedCustomer(id, companyName, domain, relationshipToPartner, subscriptions, entitlements);
        }
    }
}
