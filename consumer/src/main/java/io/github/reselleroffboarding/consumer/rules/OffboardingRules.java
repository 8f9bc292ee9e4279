package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.Artifact;
import io.github.reselleroffboarding.partnercenter.model.EnumText;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Partner Center's preconditions for ending a reseller relationship, as one pure function of what Partner
 * Center reported: no I/O, no clock of its own, no Kafka. Everything the service decides is decided here.
 *
 * <ul>
 *   <li>An invalid request (tenant id not a GUID, a required field empty) is blocked as {@code INVALID_REQUEST}
 *       before anything is sent to Partner Center.</li>
 *   <li>Every reserved instance that has not expired blocks: the legacy {@code virtualmachinereservedinstance},
 *       or {@code reservedinstance} with {@code reservationType: virtualmachines}, as
 *       {@code ACTIVE_AZURE_RESERVED_VM_INSTANCE}; any other reservation type as {@code ACTIVE_AZURE_RESERVATION}.
 *       Nested {@code includedEntitlements} count; types are compared ignoring case and underscores.</li>
 *   <li>Every subscription whose status is in the blocking set (default {@code active}) blocks as
 *       {@code ACTIVE_SUBSCRIPTION}.</li>
 *   <li>Every blocker is reported, not only the first.</li>
 *   <li>A customer Partner Center does not know: removed already if this service removed it, else
 *       {@code CUSTOMER_NOT_FOUND}.</li>
 * </ul>
 */
public final class OffboardingRules {

    /** The subscription statuses that block by default. */
    public static final Set<SubscriptionStatus> DEFAULT_BLOCKING_STATUSES = Set.of(SubscriptionStatus.ACTIVE);

    private final Set<SubscriptionStatus> blockingStatuses;

    public OffboardingRules(Set<SubscriptionStatus> blockingStatuses) {
        if (blockingStatuses.isEmpty()) {
            throw new IllegalArgumentException("at least one subscription status must block removal");
        }
        this.blockingStatuses = Set.copyOf(blockingStatuses);
    }

    public Set<SubscriptionStatus> blockingStatuses() {
        return blockingStatuses;
    }

    /** Checks the request itself; nothing may go to Partner Center unless it is valid. */
    public Validation validate(CustomerOffboardRequested request) {
        List<String> problems = new ArrayList<>();
        String eventId = blankToNull(request.getEventId());
        if (eventId == null) {
            problems.add("eventId is empty");
        }
        String rawTenant = request.getCustomerTenantId() == null ? "" : request.getCustomerTenantId().strip();
        Optional<TenantId> tenant = Optional.empty();
        if (rawTenant.isEmpty()) {
            problems.add("customerTenantId is empty");
        } else {
            try {
                tenant = Optional.of(TenantId.parse(rawTenant));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        String requestedBy = blankToNull(request.getRequestedBy());
        if (requestedBy == null) {
            problems.add("requestedBy is empty");
        }
        if (!problems.isEmpty()) {
            return new Validation.Invalid(eventId, tenant.map(TenantId::value).orElse(rawTenant),
                    requestedBy == null ? "" : requestedBy, request.getCorrelationId(), problems);
        }
        return new Validation.Valid(new OffboardRequest(eventId, tenant.orElseThrow(), request.getRequestedAt(),
                requestedBy, request.getReason(), request.getCorrelationId()));
    }

    /** The verdict on a customer Partner Center knows, from all its entitlements and subscriptions. */
    public Decision evaluate(List<Entitlement> entitlements, List<Subscription> subscriptions, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Blocker> blockers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] entitlementCount = {0};
        for (Entitlement entitlement : entitlements) {
            collectReservations(entitlement, now, blockers, seen, entitlementCount);
        }
        List<SubscriptionLeft> remaining = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            SubscriptionStatus status = subscription.status();
            if (blockingStatuses.contains(status)) {
                blockers.add(new Blocker(BlockReasonCode.ACTIVE_SUBSCRIPTION, "Subscription '"
                        + name(subscription) + "' is " + statusText(status) + "; suspend or cancel it before "
                        + "removing the reseller relationship (new-commerce subscriptions must be cancelled)",
                        subscription.id(), subscription.offerName()));
            } else {
                remaining.add(new SubscriptionLeft(subscription.id(), subscription.offerName(), statusText(status)));
            }
        }
        if (!blockers.isEmpty()) {
            return new Decision.Block(blockers);
        }
        return new Decision.Remove(subscriptions.size(), entitlementCount[0], remaining);
    }

    /**
     * Partner Center does not know the customer (404, or 403 {@code 20002}).
     *
     * @param thisRequestStartedRemoval this request had committed its intent to PATCH: its own PATCH ended it
     * @param removedBy the earlier request whose PATCH this service sent, if any
     */
    public Decision customerUnknown(TenantId tenant, boolean thisRequestStartedRemoval,
            Optional<PriorRemoval> removedBy, String partnerCenterSaid) {
        if (thisRequestStartedRemoval) {
            return new Decision.AlreadyRemoved(true, null, null);
        }
        if (removedBy.isPresent()) {
            return new Decision.AlreadyRemoved(false, removedBy.get().requestEventId(), removedBy.get().removedAt());
        }
        return new Decision.Block(List.of(new Blocker(BlockReasonCode.CUSTOMER_NOT_FOUND, "Tenant " + tenant
                + " is not a customer of this partner in Partner Center (" + partnerCenterSaid + ")", tenant.value(),
                null)));
    }

    /** An invalid request, answered without asking Partner Center. */
    public Decision rejectInvalid(Validation.Invalid invalid) {
        return new Decision.Block(List.of(new Blocker(BlockReasonCode.INVALID_REQUEST,
                String.join("; ", invalid.problems()) + "; nothing was sent to Partner Center", null, null)));
    }

    /** Partner Center refused the PATCH although the checks found nothing that blocks. */
    public Decision removalRefused(String description, String code) {
        return new Decision.Block(List.of(new Blocker(BlockReasonCode.REMOVAL_REJECTED,
                "Partner Center refused the removal: " + description + (code == null ? "" : " (code " + code + ")"),
                null, null)));
    }

    /** The earlier removal this service made for a tenant. */
    public record PriorRemoval(String requestEventId, Instant removedAt) {
    }

    private static void collectReservations(Entitlement entitlement, Instant now, List<Blocker> into,
            Set<String> seen, int[] count) {
        count[0]++;
        if (isReservation(entitlement) && !expired(entitlement, now)) {
            boolean virtualMachines = isVirtualMachineReservation(entitlement);
            BlockReasonCode code = virtualMachines ? BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE
                    : BlockReasonCode.ACTIVE_AZURE_RESERVATION;
            String id = entitlement.resourceId().orElse(null);
            // one reservation can appear twice (current and legacy form, or nested): report it once
            if (id == null || seen.add(code + "/" + id)) {
                into.add(new Blocker(code, describe(entitlement, virtualMachines, id), id, entitlement.productId()));
            }
        }
        for (Entitlement nested : entitlement.includedEntitlements()) {
            collectReservations(nested, now, into, seen, count);
        }
    }

    private static boolean isReservation(Entitlement e) {
        String type = e.normalizedType();
        if (type.equals("reservedinstance") || type.equals("virtualmachinereservedinstance")) {
            return true;
        }
        for (Artifact artifact : e.entitledArtifacts()) {
            String artifactType = EnumText.normalize(artifact.artifactType());
            if (artifactType.equals("reservedinstance") || artifactType.equals("virtualmachinereservedinstance")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVirtualMachineReservation(Entitlement e) {
        if (e.normalizedType().equals("virtualmachinereservedinstance")) {
            return true;
        }
        if (e.reservationType().map("virtualmachines"::equals).orElse(false)) {
            return true;
        }
        return e.entitledArtifacts().stream()
                .anyMatch(a -> EnumText.normalize(a.artifactType()).equals("virtualmachinereservedinstance"));
    }

    private static boolean expired(Entitlement e, Instant now) {
        return e.expiryDate() != null && e.expiryDate().isBefore(now);
    }

    private static String describe(Entitlement e, boolean virtualMachines, String id) {
        String what = virtualMachines ? "Azure Reserved VM Instance"
                : "Azure reservation (" + e.reservationType().orElse("type not given") + ")";
        return what + (id == null ? "" : " " + id) + " is active"
                + (e.expiryDate() == null ? "" : " until " + e.expiryDate())
                + "; cancel it (through Azure support) before removing the reseller relationship";
    }

    private static String name(Subscription s) {
        String name = s.offerName() != null ? s.offerName() : s.friendlyName();
        return name == null ? s.id() : name;
    }

    private static String statusText(SubscriptionStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
