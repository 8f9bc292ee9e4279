package io.github.reselleroffboarding.consumer.outcome;

import io.github.reselleroffboarding.consumer.rules.Blocker;
import io.github.reselleroffboarding.consumer.rules.SubscriptionLeft;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import io.github.reselleroffboarding.ids.DerivedIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns verdicts into outcome events. The outcome's {@code eventId} is derived from the request's, so the
 * answer to one request has one id however often it is computed.
 */
public final class OutcomeFactory {

    /** More reasons than this are summarised, so one outcome stays well inside Kafka's message size limit. */
    static final int MAX_REASONS = 1000;

    /** Who asked, and how to address the answer. */
    public record RequestRef(String requestEventId, String tenantKey, String requestedBy, String correlationId) {
    }

    public RelationshipRemoved removed(RequestRef request, Verdict.Removed verdict) {
        List<SubscriptionSummary> remaining = new ArrayList<>();
        for (SubscriptionLeft left : verdict.remaining()) {
            remaining.add(SubscriptionSummary.newBuilder().setId(left.id()).setOfferName(left.offerName())
                    .setStatus(left.status()).build());
        }
        return RelationshipRemoved.newBuilder()
                .setEventId(DerivedIds.outcomeEventId(request.requestEventId()))
                .setRequestEventId(request.requestEventId())
                .setCustomerTenantId(request.tenantKey())
                .setRemovedAt(verdict.at())
                .setRequestedBy(request.requestedBy())
                .setCorrelationId(request.correlationId())
                .setAlreadyRemoved(verdict.alreadyRemoved())
                .setSubscriptionsChecked(verdict.subscriptionsChecked())
                .setEntitlementsChecked(verdict.entitlementsChecked())
                .setRemainingSubscriptions(remaining)
                .setPartnerCenterRequestId(verdict.partnerCenterRequestId())
                .setRemovedByRequestEventId(verdict.removedByRequestEventId())
                .build();
    }

    public OffboardBlocked blocked(RequestRef request, Verdict.Blocked verdict) {
        List<BlockReason> reasons = new ArrayList<>();
        List<Blocker> blockers = verdict.blockers();
        int listed = blockers.size() > MAX_REASONS ? MAX_REASONS - 1 : blockers.size();
        for (int i = 0; i < listed; i++) {
            reasons.add(reason(blockers.get(i)));
        }
        if (listed < blockers.size()) {
            Blocker next = blockers.get(listed);
            reasons.add(BlockReason.newBuilder().setCode(next.code()).setMessage((blockers.size() - listed)
                    + " more blockers were found and are not listed; the first " + listed + " are above").build());
        }
        return OffboardBlocked.newBuilder()
                .setEventId(DerivedIds.outcomeEventId(request.requestEventId()))
                .setRequestEventId(request.requestEventId())
                .setCustomerTenantId(request.tenantKey())
                .setBlockedAt(verdict.at())
                .setRequestedBy(request.requestedBy())
                .setCorrelationId(request.correlationId())
                .setReasons(reasons)
                .build();
    }

    private static BlockReason reason(Blocker blocker) {
        return BlockReason.newBuilder()
                .setCode(blocker.code())
                .setMessage(blocker.message())
                .setResourceId(blocker.resourceId())
                .setResourceName(blocker.resourceName())
                .build();
    }
}
