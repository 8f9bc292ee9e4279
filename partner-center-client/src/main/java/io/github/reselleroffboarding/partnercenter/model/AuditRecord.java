package io.github.reselleroffboarding.partnercenter.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of Partner Center's activity log ({@code GET /v1/auditrecords}): who did what to which customer, when.
 * A removed reseller relationship is {@code operationType: remove_partner_customer_relationship}.
 */
public record AuditRecord(String id, String customerId, String operationType, Instant operationDate,
        String operationStatus, String userPrincipalName, String applicationId, String resourceType) {

    /** Who did it: the user, else the application. */
    public Optional<String> principal() {
        if (userPrincipalName != null && !userPrincipalName.isBlank()) {
            return Optional.of(userPrincipalName);
        }
        return Optional.ofNullable(applicationId).filter(a -> !a.isBlank()).map(a -> "application " + a);
    }

    public boolean failed() {
        return EnumText.normalize(operationStatus).equals("failed");
    }
}
