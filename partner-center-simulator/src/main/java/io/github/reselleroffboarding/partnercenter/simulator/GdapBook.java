package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The partner's GDAP (granular delegated admin) relationships on Microsoft Graph, by customer. A terminate request
 * moves an {@code active} relationship to {@code terminationRequested}; each read after it moves it one step on
 * ({@code terminating}, then {@code terminated}), as Graph's status progresses while the request is worked on.
 */
final class GdapBook {

    /** Statuses a relationship no longer leaves. */
    static final Set<String> TERMINAL = Set.of("terminated", "expired");

    /** What a terminate request got. */
    sealed interface Terminate {
        record Accepted(ObjectNode request) implements Terminate {
        }

        record NotActive(String status) implements Terminate {
        }

        record NotFound() implements Terminate {
        }
    }

    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();

    synchronized void reset() {
        byId.clear();
    }

    /** Adds or replaces the customer's relationships. */
    synchronized void put(String customerId, List<ObjectNode> relationships) {
        byId.values().removeIf(r -> customerOf(r).equalsIgnoreCase(customerId));
        for (ObjectNode relationship : relationships) {
            ObjectNode copy = relationship.deepCopy();
            copy.withObject("/customer").put("tenantId", customerId.toLowerCase(Locale.ROOT));
            byId.put(copy.path("id").asText(), copy);
        }
    }

    /** The relationships with a customer, optionally of one status, as they are now. */
    synchronized List<ObjectNode> list(String customerId, String status) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode relationship : byId.values()) {
            if (customerOf(relationship).equalsIgnoreCase(customerId) && (status == null
                    || relationship.path("status").asText().equalsIgnoreCase(status))) {
                found.add(shown(relationship));
            }
        }
        return found;
    }

    /** One relationship; a terminate in progress moves one step on with each read. */
    synchronized Optional<ObjectNode> read(String id) {
        ObjectNode relationship = byId.get(id);
        if (relationship == null) {
            return Optional.empty();
        }
        String status = relationship.path("status").asText();
        if (status.equals("terminationRequested")) {
            relationship.put("status", "terminating");
        } else if (status.equals("terminating")) {
            relationship.put("status", "terminated");
        }
        return Optional.of(shown(relationship));
    }

    synchronized Terminate terminate(String id) {
        ObjectNode relationship = byId.get(id);
        if (relationship == null) {
            return new Terminate.NotFound();
        }
        String status = relationship.path("status").asText();
        if (!status.equals("active")) {
            return new Terminate.NotActive(status);
        }
        relationship.put("status", "terminationRequested");
        ObjectNode request = SeedCustomer.JSON.createObjectNode();
        request.put("@odata.type", "#microsoft.graph.delegatedAdminRelationshipRequest");
        request.put("id", UUID.nameUUIDFromBytes(("terminate/" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        request.put("action", "terminate");
        request.put("status", "created");
        return new Terminate.Accepted(request);
    }

    synchronized String customerOfRelationship(String id) {
        ObjectNode relationship = byId.get(id);
        return relationship == null ? null : customerOf(relationship);
    }

    private static String customerOf(ObjectNode relationship) {
        return relationship.path("customer").path("tenantId").asText("");
    }

    private static ObjectNode shown(ObjectNode relationship) {
        ObjectNode copy = relationship.deepCopy();
        copy.put("@odata.etag", "W/\"" + Integer.toHexString(relationship.toString().hashCode()) + "\"");
        return copy;
    }

    /** A relationship as Graph lists it. */
    static ObjectNode relationshipJson(String id, String displayName, String status) {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.delegatedAdminRelationship");
        node.put("id", id);
        node.put("displayName", displayName);
        node.put("duration", "P730D");
        node.put("status", status);
        node.put("autoExtendDuration", "P180D");
        node.putObject("customer").put("displayName", displayName);
        return node;
    }
}
