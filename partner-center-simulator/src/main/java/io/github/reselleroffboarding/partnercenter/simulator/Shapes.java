package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Partner Center's JSON shapes: customers, collections with next links, errors, and both entitlement forms. */
final class Shapes {

    private Shapes() {
    }

    static ObjectNode customer(SeedCustomer c) {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        node.put("id", c.id());
        node.put("commerceId", c.id());
        ObjectNode profile = node.putObject("companyProfile");
        profile.put("tenantId", c.id());
        profile.put("domain", c.domain());
        profile.put("companyName", c.companyName());
        profile.putObject("attributes").put("objectType", "CustomerCompanyProfile");
        ObjectNode billing = node.putObject("billingProfile");
        billing.put("companyName", c.companyName());
        billing.put("culture", "en-US");
        billing.put("language", "en");
        billing.putObject("attributes").put("objectType", "CustomerBillingProfile");
        node.put("relationshipToPartner", c.relationshipToPartner());
        node.put("allowDelegatedAccess", c.allowDelegatedAccess());
        node.putObject("links").set("self", link("/customers/" + c.id(), Map.of()));
        node.putObject("attributes").put("objectType", "Customer");
        return node;
    }

    /** What the removal PATCH answers: the docs' example, an echo of the patch with every id null. */
    static ObjectNode removalEcho() {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        for (String field : List.of("id", "commerceId", "companyProfile", "billingProfile")) {
            node.putNull(field);
        }
        node.put("relationshipToPartner", "none");
        for (String field : List.of("allowDelegatedAccess", "userCredentials", "customDomains",
                "associatedPartnerId")) {
            node.putNull(field);
        }
        node.putObject("attributes").put("objectType", "Customer");
        return node;
    }

    static ObjectNode collection(List<ObjectNode> items, String selfUri, ObjectNode next) {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        node.put("totalCount", items.size());
        ArrayNode array = node.putArray("items");
        items.forEach(array::add);
        ObjectNode links = node.putObject("links");
        links.set("self", link(selfUri, Map.of()));
        if (next != null) {
            links.set("next", next);
        }
        node.putObject("attributes").put("objectType", "Collection");
        return node;
    }

    static ObjectNode link(String uri, Map<String, String> headers) {
        ObjectNode link = SeedCustomer.JSON.createObjectNode();
        link.put("uri", uri);
        link.put("method", "GET");
        ArrayNode list = link.putArray("headers");
        headers.forEach((k, v) -> list.addObject().put("key", k).put("value", v));
        return link;
    }

    /** Partner Center's error body; {@code code} is a number, as in the docs' examples. */
    static ObjectNode error(int code, String description) {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        node.put("code", code);
        node.put("description", description);
        node.putArray("data");
        node.put("source", "PartnerFD");
        return node;
    }

    /** Partner Center's error body without a code, as some refusals come. */
    static ObjectNode errorWithoutCode(String description) {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        node.put("description", description);
        node.putArray("data");
        node.put("source", "PartnerFD");
        return node;
    }

    /** The 429 body, a different shape from every other error. */
    static ObjectNode throttled(int retryAfterSeconds) {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        node.put("statusCode", 429);
        node.put("message", "Rate limit is exceeded. Try again in " + Math.max(1, retryAfterSeconds) + " seconds.");
        return node;
    }

    /**
     * The entitlements a GET returns. Without a filter: as seeded. With {@code entitlementType}: only that type;
     * {@code virtualmachinereservedinstance} returns every VM reservation (nested ones too) in the legacy form,
     * as Partner Center keeps doing for callers that ask for it. Without {@code showExpiry=true}, no
     * {@code expiryDate}.
     */
    static List<ObjectNode> entitlements(SeedCustomer customer, String filter, boolean showExpiry) {
        String wanted = filter == null ? "" : normalize(filter);
        List<ObjectNode> result = new ArrayList<>();
        if (wanted.equals("virtualmachinereservedinstance")) {
            for (ObjectNode e : customer.entitlements()) {
                collectVmReservations(e, result);
            }
        } else {
            for (ObjectNode e : customer.entitlements()) {
                if (wanted.isEmpty() || normalize(e.path("entitlementType").asText("")).equals(wanted)) {
                    result.add(e.deepCopy());
                }
            }
        }
        if (!showExpiry) {
            result.forEach(Shapes::removeExpiry);
        }
        return result;
    }

    private static void collectVmReservations(ObjectNode entitlement, List<ObjectNode> into) {
        String type = normalize(entitlement.path("entitlementType").asText(""));
        if (type.equals("virtualmachinereservedinstance")) {
            into.add(entitlement.deepCopy());
        } else if (type.equals("reservedinstance") && isVirtualMachines(entitlement)) {
            into.add(legacyForm(entitlement));
        }
        entitlement.path("includedEntitlements").forEach(n -> {
            if (n.isObject()) {
                collectVmReservations((ObjectNode) n, into);
            }
        });
    }

    private static boolean isVirtualMachines(JsonNode entitlement) {
        if (normalize(entitlement.path("dynamicAttributes").path("reservationType").asText("")).equals(
                "virtualmachines")) {
            return true;
        }
        for (JsonNode artifact : entitlement.path("entitledArtifacts")) {
            if (normalize(artifact.path("dynamicAttributes").path("reservationType").asText("")).equals(
                    "virtualmachines")) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode legacyForm(ObjectNode entitlement) {
        ObjectNode legacy = entitlement.deepCopy();
        legacy.put("entitlementType", "virtualmachinereservedinstance");
        legacy.putArray("includedEntitlements");
        legacy.remove("dynamicAttributes");
        for (JsonNode artifact : legacy.path("entitledArtifacts")) {
            ((ObjectNode) artifact).put("artifactType", "virtual_machine_reserved_instance");
            ((ObjectNode) artifact).remove("dynamicAttributes");
        }
        return legacy;
    }

    private static void removeExpiry(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("expiryDate");
            object.path("includedEntitlements").forEach(Shapes::removeExpiry);
        }
    }

    /** Every property name with its first letter upper-cased, at every depth (dictionary keys included). */
    static JsonNode pascal(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = SeedCustomer.JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey();
                String pascal = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
                out.set(pascal, pascal(field.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = SeedCustomer.JSON.createArrayNode();
            array.forEach(item -> out.add(pascal(item)));
            return out;
        }
        return node;
    }

    static String normalize(String value) {
        return value.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
