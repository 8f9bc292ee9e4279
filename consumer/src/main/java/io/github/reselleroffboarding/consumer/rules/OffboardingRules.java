package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.Artifact;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.EnumText;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Every outcome the service publishes is decided here, as pure functions of the request, what Partner Center
 * answered and what the service remembers about the tenant: no I/O, no clock of its own, no Kafka. The I/O code
 * fetches and sends; it hands every answer to these rules and publishes what they return.
 *
 * <ul>
 *   <li><b>Invalid requests</b> (tenant id not a GUID, a required field empty) are blocked as
 *       {@code INVALID_REQUEST} before anything is sent to Partner Center; they are remembered, so a second
 *       copy gets no second answer, when they have an event id and a tenant key of at most 128 characters.</li>
 *   <li><b>Replays</b>: a request the tenant's history shows as answered gets no second outcome.</li>
 *   <li><b>Blockers</b>: every reserved instance that has not expired blocks: the legacy
 *       {@code virtualmachinereservedinstance}, or {@code reservedinstance} with {@code reservationType:
 *       virtualmachines}, as {@code ACTIVE_AZURE_RESERVED_VM_INSTANCE}; any other reservation type as
 *       {@code ACTIVE_AZURE_RESERVATION}. Nested {@code includedEntitlements} count; types are compared
 *       ignoring case and underscores. Every subscription whose status is in the blocking set (default
 *       {@code active}) blocks as {@code ACTIVE_SUBSCRIPTION}. Every blocker is reported, not only the
 *       first.</li>
 *   <li><b>The PATCH answer</b>: {@code relationshipToPartner: none} is a removal; any other 2xx answer is not
 *       confirmed, and the request is evaluated again; the customer gone (404, 403 {@code 20002}) or a 400
 *       {@code 3000} ("the relationship does not exist") is this request's removal; any other refusal is
 *       {@code REMOVAL_REJECTED} with Partner Center's description and code.</li>
 *   <li><b>A customer Partner Center does not know</b> on a read: removed by this request when its intent to
 *       remove was committed (a crash after the PATCH), removed earlier when another request of this service
 *       removed it, else {@code CUSTOMER_NOT_FOUND}.</li>
 * </ul>
 */
public final class OffboardingRules {

    /** The subscription statuses that block by default. */
    public static final Set<SubscriptionStatus> DEFAULT_BLOCKING_STATUSES = Set.of(SubscriptionStatus.ACTIVE);

    private final Set<SubscriptionStatus> blockingStatuses;
    private final RequestValidator validator = new RequestValidator();
    private final RemovalAnswers removalAnswers = new RemovalAnswers();

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
        return validator.validate(request);
    }

    /** An invalid request, answered without asking Partner Center. */
    public Verdict.Blocked rejectInvalid(Validation.Invalid invalid, Instant now) {
        return Verdict.blocked(List.of(new Blocker(BlockReasonCode.INVALID_REQUEST,
                String.join("; ", invalid.problems()) + "; nothing was sent to Partner Center", null, null)), now);
    }

    /** Whether the answer to an invalid request is remembered in the tenant's history. */
    public boolean remembers(Validation.Invalid invalid) {
        return validator.remembers(invalid);
    }

    /** A request whose turn has come: answered before, or to be evaluated. */
    public Arrival onArrival(String requestEventId, TenantHistory history) {
        return history.hasAnswered(requestEventId) ? Arrival.ALREADY_ANSWERED : Arrival.EVALUATE;
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

    /** The checks found a blocker: the answer. */
    public Verdict blocked(Decision.Block block, Instant now) {
        return Verdict.blocked(block.blockers(), now);
    }

    /**
     * What Partner Center's answer to this request's PATCH means.
     *
     * @param evidence what the checks before the PATCH found
     * @param patchRequestId the {@code MS-RequestId} the PATCH carried
     */
    public PatchOutcome patchAnswered(PatchAnswer answer, Decision.Remove evidence, String patchRequestId,
            String requestEventId, Instant now) {
        return removalAnswers.patchAnswered(answer, evidence, patchRequestId, requestEventId, now);
    }

    /**
     * Partner Center does not know the customer (404, or 403 {@code 20002}) when its entitlements or
     * subscriptions were read.
     *
     * @param history what this service remembers about the tenant, as of this request
     * @param patchRequestId the {@code MS-RequestId} this request's PATCH carries (had it been sent)
     */
    public Verdict customerUnknown(TenantId tenant, String requestEventId, TenantHistory history,
            String patchRequestId, String partnerCenterSaid, Instant now) {
        return removalAnswers.customerUnknown(tenant, requestEventId, history, patchRequestId, partnerCenterSaid,
                now);
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
}
