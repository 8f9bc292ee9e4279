package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import java.time.Instant;
import java.util.List;

/** What Partner Center's answers about the relationship mean: to the PATCH, and "customer unknown" on a read. */
final class RemovalAnswers {

    /** Partner Center's code for "the relationship between the partner and customer does not exist". */
    static final String NO_SUCH_RELATIONSHIP = "3000";

    PatchOutcome patchAnswered(PatchAnswer answer, Decision.Remove evidence, String patchRequestId,
            String requestEventId, Instant now) {
        if (answer instanceof PatchAnswer.Accepted accepted) {
            if (accepted.relationshipToPartner() != RelationshipToPartner.NONE) {
                return new PatchOutcome.Unconfirmed("Partner Center answered the removal with relationshipToPartner="
                        + accepted.relationshipToPartner());
            }
            return removed(evidence, patchRequestId, requestEventId, now);
        }
        if (answer instanceof PatchAnswer.CustomerGone) {
            // gone between the checks and the PATCH: most likely our own earlier attempt went through
            return removed(evidence, patchRequestId, requestEventId, now);
        }
        PatchAnswer.Refused refused = (PatchAnswer.Refused) answer;
        if (NO_SUCH_RELATIONSHIP.equals(refused.code())) {
            return removed(evidence, patchRequestId, requestEventId, now);
        }
        return new PatchOutcome.Answered(Verdict.blocked(List.of(new Blocker(BlockReasonCode.REMOVAL_REJECTED,
                "Partner Center refused the removal: " + refused.description()
                        + (refused.code() == null ? "" : " (code " + refused.code() + ")"), null, null)), now));
    }

    /**
     * Partner Center does not know the customer (404, or 403 {@code 20002}) when asked about it: removed already
     * if this request's own PATCH or an earlier request of this service removed it, else not a customer.
     */
    Verdict customerUnknown(TenantId tenant, String requestEventId, TenantHistory history, String patchRequestId,
            String partnerCenterSaid, Instant now) {
        if (history.removalStartedBy(requestEventId)) {
            // our PATCH went through before a crash or rebalance; its outcome was never committed
            return Verdict.removedByThisRequestBeforeARestart(patchRequestId, requestEventId, now);
        }
        return history.removedBy()
                .<Verdict>map(prior -> Verdict.removedEarlier(prior.requestEventId(), now))
                .orElseGet(() -> Verdict.blocked(List.of(new Blocker(BlockReasonCode.CUSTOMER_NOT_FOUND, "Tenant "
                        + tenant + " is not a customer of this partner in Partner Center (" + partnerCenterSaid + ")",
                        tenant.value(), null)), now));
    }

    private static PatchOutcome removed(Decision.Remove evidence, String patchRequestId, String requestEventId,
            Instant now) {
        return new PatchOutcome.Answered(Verdict.removedByThisRequest(evidence, patchRequestId, requestEventId, now));
    }
}
