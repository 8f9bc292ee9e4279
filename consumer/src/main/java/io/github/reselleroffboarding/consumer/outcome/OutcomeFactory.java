package io.github.reselleroffboarding.consumer.outcome;

import io.github.reselleroffboarding.consumer.rules.Blocker;
import io.github.reselleroffboarding.consumer.rules.CustomerSnapshot;
import io.github.reselleroffboarding.consumer.rules.SubscriptionLeft;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import io.github.reselleroffboarding.ids.DerivedIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns verdicts into outcome events. The outcome's {@code eventId} is derived from the request's, so the
 * answer to one request has one id however often it is computed.
 */
public final class OutcomeFactory {

    /**
     * More reasons (or notices) than this are summarised, and no text from Partner Center is kept longer than
     * {@link #MAX_TEXT}, so one outcome stays well inside Kafka's default 1 MB record limit.
     */
    static final int MAX_REASONS = 500;
    static final int MAX_TEXT = 1000;

    /** Who asked, and how to address the answer. */
    public record RequestRef(String requestEventId, String tenantKey, String requestedBy, String correlationId) {
    }

    public RelationshipRemoved removed(RequestRef request, Verdict.Removed verdict) {
        List<SubscriptionSummary> remaining = new ArrayList<>();
        for (SubscriptionLeft left : verdict.remaining().subList(0, Math.min(verdict.remaining().size(),
                MAX_REASONS))) {
            remaining.add(SubscriptionSummary.newBuilder().setId(left.id()).setOfferName(cut(left.offerName()))
                    .setStatus(left.status()).build());
        }
        CustomerSnapshot snapshot = verdict.snapshot();
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
                .setCompanyName(cut(snapshot.companyName()))
                .setCustomerDomain(cut(snapshot.domain()))
                .setRelationshipBefore(snapshot.relationshipBefore())
                .setRemovedBy(RemovedBy.valueOf(verdict.removedBy().name()))
                .setRemovedByPrincipal(cut(verdict.removedByPrincipal()))
                .setRemovedByAt(verdict.removedByAt())
                .setNotices(reasons(verdict.notices(), "notices"))
                .build();
    }

    public OffboardBlocked blocked(RequestRef request, Verdict.Blocked verdict) {
        CustomerSnapshot snapshot = verdict.snapshot();
        return OffboardBlocked.newBuilder()
                .setEventId(DerivedIds.outcomeEventId(request.requestEventId()))
                .setRequestEventId(request.requestEventId())
                .setCustomerTenantId(request.tenantKey())
                .setBlockedAt(verdict.at())
                .setRequestedBy(request.requestedBy())
                .setCorrelationId(request.correlationId())
                .setReasons(reasons(verdict.blockers(), "blockers"))
                .setCompanyName(cut(snapshot.companyName()))
                .setCustomerDomain(cut(snapshot.domain()))
                .setRelationshipBefore(snapshot.relationshipBefore())
                .build();
    }

    private static List<BlockReason> reasons(List<Blocker> blockers, String what) {
        List<BlockReason> reasons = new ArrayList<>();
        int listed = blockers.size() > MAX_REASONS ? MAX_REASONS - 1 : blockers.size();
        for (int i = 0; i < listed; i++) {
            reasons.add(reason(blockers.get(i)));
        }
        if (listed < blockers.size()) {
            Blocker next = blockers.get(listed);
            reasons.add(BlockReason.newBuilder().setCode(next.code()).setMessage((blockers.size() - listed)
                    + " more " + what + " were found and are not listed; the first " + listed + " are above").build());
        }
        return reasons;
    }

    private static BlockReason reason(Blocker blocker) {
        return BlockReason.newBuilder()
                .setCode(blocker.code())
                .setMessage(cut(blocker.message()))
                .setResourceId(cut(blocker.resourceId()))
                .setResourceName(cut(blocker.resourceName()))
                .setProductFamily(blocker.family())
                .setStatus(blocker.status())
                .setAction(blocker.action())
                .setActionDeadline(blocker.actionDeadline())
                .setEndsAt(blocker.endsAt())
                .setResellerOfRecord(cut(blocker.resellerOfRecord()))
                .build();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
