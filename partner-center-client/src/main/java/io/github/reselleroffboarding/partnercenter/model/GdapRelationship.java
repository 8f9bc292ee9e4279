package io.github.reselleroffboarding.partnercenter.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A GDAP (granular delegated admin) relationship on Microsoft Graph, as far as ending it goes: its id, name,
 * status ({@code created}, {@code approvalPending}, {@code active}, {@code terminationRequested},
 * {@code terminating}, {@code terminated}, {@code expired}, ...), the customer, and when it ends.
 */
public record GdapRelationship(String id, String displayName, String status, Customer customer,
        Instant endDateTime, @JsonProperty("@odata.etag") String etag) {

    private static final Set<String> ENDING = Set.of("terminationrequested", "terminating", "terminated", "expired");

    /** The customer side of the relationship. */
    public record Customer(String tenantId, String displayName) {
    }

    /** Whether a terminate request applies: only an active relationship can be terminated. */
    public boolean active() {
        return "active".equals(normalized());
    }

    /** Whether it is ended or on its way to being ended. */
    public boolean ending() {
        return ENDING.contains(normalized());
    }

    private String normalized() {
        return status == null ? "" : status.toLowerCase(Locale.ROOT);
    }
}
