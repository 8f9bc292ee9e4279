package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.AuditRecord;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Partner Center's answers about the relationship mean. Only two things confirm a removal: the PATCH's
 * answer saying {@code relationshipToPartner: none}, and a read after this request's own PATCH attempt finding
 * the relationship gone. Every refusal is a refusal, whatever its code (Partner Center's {@code 3000} is its
 * generic "invalid property"); a relationship gone with no PATCH of ours behind it was ended by someone else, and
 * the activity log says by whom.
 */
final class RemovalAnswers {

    private static final String NONE = RelationshipToPartner.NONE.name().toLowerCase(Locale.ROOT);

    PatchOutcome patchAnswered(PatchAnswer answer, Decision.Remove evidence, String patchRequestId,
            String requestEventId, Instant now) {
        if (answer instanceof PatchAnswer.Accepted accepted) {
            if (accepted.relationshipToPartner() != RelationshipToPartner.NONE) {
                return new PatchOutcome.Unconfirmed("Partner Center answered the removal with relationshipToPartner="
                        + accepted.relationshipToPartner());
            }
            // quote the id of the PATCH that was answered: the client may have sent it again under a new one
            String answeredId = accepted.msRequestId() != null ? accepted.msRequestId() : patchRequestId;
            return new PatchOutcome.Answered(Verdict.removedByThisRequest(evidence, answeredId, requestEventId,
                    now));
        }
        if (answer instanceof PatchAnswer.CustomerGone gone) {
            return new PatchOutcome.NoRelationship("the removal was answered HTTP " + gone.httpStatus()
                    + (gone.code() == null ? "" : ", code " + gone.code()));
        }
        PatchAnswer.Refused refused = (PatchAnswer.Refused) answer;
        String said = "HTTP " + refused.httpStatus() + (refused.code() == null ? "" : ", code " + refused.code());
        return new PatchOutcome.Refused("the removal was refused (" + said + ")",
                Verdict.blocked(List.of(new Blocker(BlockReasonCode.REMOVAL_REJECTED, "Partner Center refused the "
                        + "removal (" + said + "): " + refused.description(), null, null, null, null,
                        ClearingAction.CONTACT_SUPPORT, null, null, null)), evidence.snapshot(), now));
    }

    /** Whether {@link #customerGone} needs the activity log: this service knows of no removal of its own. */
    boolean needsActivityLog(String requestEventId, TenantHistory history) {
        return !history.removalStartedBy(requestEventId) && history.removedBy().isEmpty();
    }

    /**
     * Partner Center knows no relationship with the customer (404, 403 {@code 20002}, or the customer shown with
     * {@code relationshipToPartner: none}).
     *
     * @param tenantKnown Partner Center knows the tenant and says it has no relationship with this partner
     *     (403 {@code 20002}, or {@code none} on the customer), rather than not knowing it at all (404)
     * @param activity the activity log, when {@link #needsActivityLog} said it is needed; else ignored
     */
    Verdict customerGone(TenantId tenant, String requestEventId, TenantHistory history, String patchRequestId,
            String partnerCenterSaid, boolean tenantKnown, ActivityLog activity, CustomerSnapshot snapshot,
            Instant now) {
        if (history.removalStartedBy(requestEventId)) {
            // this request's PATCH may have gone out (before a crash, a rebalance or a timeout), and now it is gone
            return Verdict.removedByThisRequestEarlier(patchRequestId, requestEventId, snapshot, now);
        }
        Optional<TenantHistory.PriorRemoval> prior = history.removedBy();
        if (prior.isPresent()) {
            return Verdict.removedEarlier(prior.get(), snapshot, now);
        }
        if (activity instanceof ActivityLog.Records records) {
            Optional<AuditRecord> removal = records.latestRemoval();
            if (removal.isPresent()) {
                return Verdict.removedElsewhere(Verdict.RemovedBy.SOMEONE_ELSE, removal.get().principal()
                        .orElse(null), removal.get().operationDate(), snapshot, now);
            }
            if (NONE.equals(snapshot.relationshipBefore())) {
                // shown as a customer with no relationship: it was ended, by whom the log does not say
                return Verdict.removedElsewhere(Verdict.RemovedBy.UNKNOWN, null, null, snapshot, now);
            }
            return notFound(tenant, partnerCenterSaid + "; the activity log of the last 90 days shows no removal",
                    snapshot, now);
        }
        if (tenantKnown) {
            // no activity log to ask (21Vianet): the relationship is gone, who ended it cannot be told
            return Verdict.removedElsewhere(Verdict.RemovedBy.UNKNOWN, null, null, snapshot, now);
        }
        return notFound(tenant, partnerCenterSaid + "; " + ((ActivityLog.Unavailable) activity).why()
                + " to tell whether a relationship ever existed", snapshot, now);
    }

    private static Verdict notFound(TenantId tenant, String why, CustomerSnapshot snapshot, Instant now) {
        return Verdict.blocked(List.of(new Blocker(BlockReasonCode.CUSTOMER_NOT_FOUND, "Tenant " + tenant
                + " is not a customer of this partner in Partner Center (" + why + ")", tenant.value(), null)),
                snapshot, now);
    }
}
