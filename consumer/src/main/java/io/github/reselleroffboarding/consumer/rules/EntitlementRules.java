package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.Artifact;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.EnumText;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * What entitlements mean for the removal: every reservation not expired blocks (the legacy
 * {@code virtualmachinereservedinstance}, or {@code reservedinstance} with {@code reservationType
 * virtualmachines}, is a VM reservation; any other type is a reservation) and is cleared only in the Azure portal;
 * software purchases are reported, and block only where the policy says so. Nested {@code includedEntitlements}
 * count; one reservation listed twice (both contracts, or nested) is reported once.
 */
final class EntitlementRules {

    private final boolean softwareBlocks;

    EntitlementRules(FamilyPolicy policy) {
        this.softwareBlocks = policy.softwareBlocks();
    }

    void judgeAll(Iterable<Entitlement> entitlements, Instant now, Findings into) {
        Set<String> seen = new HashSet<>();
        for (Entitlement entitlement : entitlements) {
            judge(entitlement, now, into, seen);
        }
    }

    private void judge(Entitlement entitlement, Instant now, Findings into, Set<String> seen) {
        into.entitlementsChecked++;
        boolean expired = entitlement.expiryDate() != null && entitlement.expiryDate().isBefore(now);
        if (!expired && isReservation(entitlement)) {
            boolean virtualMachines = isVirtualMachineReservation(entitlement);
            BlockReasonCode code = virtualMachines ? BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE
                    : BlockReasonCode.ACTIVE_AZURE_RESERVATION;
            String id = entitlement.resourceId().orElse(null);
            if (id == null || seen.add(code + "/" + id)) {
                into.add(new Blocker(code, describeReservation(entitlement, virtualMachines, id, now), id,
                        entitlement.productId(), ProductFamily.AZURE_RESERVATION, "active",
                        ClearingAction.CANCEL_OR_EXCHANGE_IN_AZURE_PORTAL, null, entitlement.expiryDate(), null), true);
            }
        } else if (!expired && entitlement.normalizedType().equals("software")) {
            String id = entitlement.resourceId().orElse(null);
            if (id == null || seen.add("software/" + id)) {
                into.add(new Blocker(BlockReasonCode.SOFTWARE_PURCHASE, "Software purchase " + entitlement.productId()
                        + (id == null ? "" : " (order " + id + ")") + " is held by the customer"
                        + (entitlement.expiryDate() == null ? "" : " until " + Dates.dayAndDistance(
                                entitlement.expiryDate(), now))
                        + "; cancel the order while its cancellation window is open (30 days for perpetual software)"
                        + (softwareBlocks ? "" : "; it does not block the removal"), id, entitlement.productId(),
                        ProductFamily.SOFTWARE, null, ClearingAction.CANCEL, null, entitlement.expiryDate(), null),
                        softwareBlocks);
            }
        }
        for (Entitlement nested : entitlement.includedEntitlements()) {
            judge(nested, now, into, seen);
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

    private static String describeReservation(Entitlement e, boolean virtualMachines, String id, Instant now) {
        String what = virtualMachines ? "Azure Reserved VM Instance"
                : "Azure reservation (" + e.reservationType().orElse("type not given") + ")";
        return what + (id == null ? "" : " " + id) + " is active"
                + (e.expiryDate() == null ? "" : " until " + Dates.dayAndDistance(e.expiryDate(), now))
                + "; cancel or exchange it in the Azure portal (Partner Center, the customer, Azure reservations, "
                + "Manage), or wait until it expires";
    }
}
