package io.github.reselleroffboarding.consumer.outcome;

import io.github.reselleroffboarding.consumer.rules.Blocker;
import io.github.reselleroffboarding.consumer.rules.CleanupReport;
import io.github.reselleroffboarding.consumer.rules.CustomerSnapshot;
import io.github.reselleroffboarding.consumer.rules.SubscriptionLeft;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.CleanupAction;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import io.github.reselleroffboarding.ids.DerivedIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns verdicts into outcome events. The outcome's {@code eventId} is derived from the request's, so the
 * answer to one request has one id however often it is computed.
 */
public final class OutcomeFactory {

    /**
     * More reasons (or notices) than this are summarised; a message is kept to {@link #MAX_TEXT} characters, a
     * name or id to {@link #MAX_NAME}; and the lists together stay inside {@link #LISTS_BUDGET_BYTES} of UTF-8,
     * so one outcome stays well inside Kafka's default 1 MB record limit whatever Partner Center listed.
     */
    static final int MAX_REASONS = 500;
    static final int MAX_TEXT = 1000;
    static final int MAX_NAME = 256;
    static final int LISTS_BUDGET_BYTES = 600_000;
    /** For each of the two clean-up lists, on top of the others: the whole outcome stays under 1 MB. */
    static final int CLEANUP_BUDGET_BYTES = 150_000;
    /** What an entry costs besides its texts: lengths, enums, timestamps. */
    private static final int ENTRY_OVERHEAD = 48;

    /** Who asked, and how to address the answer. */
    public record RequestRef(String requestEventId, String tenantKey, String requestedBy, String correlationId) {
    }

    public RelationshipRemoved removed(RequestRef request, Verdict.Removed verdict) {
        List<SubscriptionSummary> remaining = new ArrayList<>();
        int budget = LISTS_BUDGET_BYTES / 2;
        for (SubscriptionLeft left : verdict.remaining()) {
            SubscriptionSummary summary = SubscriptionSummary.newBuilder().setId(name(left.id()))
                    .setOfferName(name(left.offerName())).setStatus(name(left.status())).build();
            budget -= bytes(summary.getId()) + bytes(summary.getOfferName()) + bytes(summary.getStatus())
                    + ENTRY_OVERHEAD;
            if (remaining.size() == MAX_REASONS || budget < 0) {
                break;
            }
            remaining.add(summary);
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
                .setCompanyName(name(snapshot.companyName()))
                .setCustomerDomain(name(snapshot.domain()))
                .setRelationshipBefore(name(snapshot.relationshipBefore()))
                .setRemovedBy(RemovedBy.valueOf(verdict.removedBy().name()))
                .setRemovedByPrincipal(name(verdict.removedByPrincipal()))
                .setRemovedByAt(verdict.removedByAt())
                .setNotices(reasons(verdict.notices(), "notices", LISTS_BUDGET_BYTES / 2))
                .setCleanupActions(actions(verdict.cleanup().taken()))
                .setCleanupLeft(left(verdict.cleanup().left()))
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
                .setReasons(reasons(verdict.blockers(), "blockers", LISTS_BUDGET_BYTES))
                .setCompanyName(name(snapshot.companyName()))
                .setCustomerDomain(name(snapshot.domain()))
                .setRelationshipBefore(name(snapshot.relationshipBefore()))
                .setCleanupActions(actions(verdict.cleanup().taken()))
                .setCleanupLeft(left(verdict.cleanup().left()))
                .build();
    }

    public OffboardAssessed assessed(RequestRef request, Verdict.Assessed verdict) {
        CustomerSnapshot snapshot = verdict.snapshot();
        return OffboardAssessed.newBuilder()
                .setEventId(DerivedIds.outcomeEventId(request.requestEventId()))
                .setRequestEventId(request.requestEventId())
                .setCustomerTenantId(request.tenantKey())
                .setRequestedBy(request.requestedBy())
                .setCorrelationId(request.correlationId())
                .setAssessedAt(verdict.at())
                .setRemovable(verdict.removable())
                .setBlockers(reasons(verdict.blockers(), "blockers", LISTS_BUDGET_BYTES / 2))
                .setNotices(reasons(verdict.notices(), "notices", LISTS_BUDGET_BYTES / 2))
                .setCompanyName(name(snapshot.companyName()))
                .setCustomerDomain(name(snapshot.domain()))
                .setRelationshipBefore(name(snapshot.relationshipBefore()))
                .setAlreadyRemoved(verdict.alreadyRemoved())
                .setEarliestRemovableAt(verdict.earliestRemovableAt())
                .setCleanupActions(actions(verdict.cleanup().taken()))
                .setCleanupLeft(left(verdict.cleanup().left()))
                .build();
    }

    /**
     * Every clean-up write, within {@link #CLEANUP_BUDGET_BYTES}: a write is never dropped silently; past the budget
     * the last entry says how many more there were.
     */
    private static List<CleanupAction> actions(List<CleanupReport.Taken> taken) {
        List<CleanupAction> actions = new ArrayList<>();
        int budget = CLEANUP_BUDGET_BYTES - 200;
        for (int i = 0; i < taken.size(); i++) {
            CleanupReport.Taken t = taken.get(i);
            CleanupAction action = CleanupAction.newBuilder().setAction(t.action()).setOutcome(t.outcome())
                    .setResourceId(name(t.resourceId())).setResourceName(name(t.resourceName()))
                    .setProductFamily(t.family()).setPartnerCenterRequestId(name(t.msRequestId())).setAt(t.at())
                    .setErrorCode(name(t.errorCode())).setDetail(cut(t.detail())).build();
            budget -= bytes(action.getResourceId()) + bytes(action.getResourceName()) + bytes(action.getDetail())
                    + bytes(action.getPartnerCenterRequestId()) + ENTRY_OVERHEAD;
            if (budget < 0 || (actions.size() == MAX_REASONS - 1 && i < taken.size() - 1)) {
                actions.add(CleanupAction.newBuilder().setAction(t.action()).setOutcome(t.outcome())
                        .setDetail((taken.size() - i) + " more clean-up writes were sent and are not listed; the "
                                + "first " + i + " are above").build());
                break;
            }
            actions.add(action);
        }
        return actions;
    }

    private static List<io.github.reselleroffboarding.events.CleanupLeft> left(List<CleanupReport.Left> left) {
        List<io.github.reselleroffboarding.events.CleanupLeft> entries = new ArrayList<>();
        int budget = CLEANUP_BUDGET_BYTES - 200;
        for (int i = 0; i < left.size(); i++) {
            CleanupReport.Left l = left.get(i);
            io.github.reselleroffboarding.events.CleanupLeft entry = io.github.reselleroffboarding.events.CleanupLeft
                    .newBuilder().setReason(l.reason()).setAction(l.action()).setResourceId(name(l.resourceId()))
                    .setResourceName(name(l.resourceName())).setProductFamily(l.family()).setEndsAt(l.endsAt())
                    .setErrorCode(name(l.errorCode())).setMessage(cut(l.message())).build();
            budget -= bytes(entry.getResourceId()) + bytes(entry.getResourceName()) + bytes(entry.getMessage())
                    + ENTRY_OVERHEAD;
            if (budget < 0 || (entries.size() == MAX_REASONS - 1 && i < left.size() - 1)) {
                entries.add(io.github.reselleroffboarding.events.CleanupLeft.newBuilder().setReason(l.reason())
                        .setMessage((left.size() - i) + " more were left and are not listed; the first " + i
                                + " are above").build());
                break;
            }
            entries.add(entry);
        }
        return entries;
    }

    /** As many of {@code blockers} as fit in {@code budget} bytes and {@link #MAX_REASONS}; the last says the rest. */
    private static List<BlockReason> reasons(List<Blocker> blockers, String what, int budget) {
        List<BlockReason> reasons = new ArrayList<>();
        int left = budget - 200; // room for the summary
        int most = blockers.size() <= MAX_REASONS ? blockers.size() : MAX_REASONS - 1;
        int listed = 0;
        while (listed < most) {
            BlockReason reason = reason(blockers.get(listed));
            left -= size(reason);
            if (left < 0) {
                break;
            }
            reasons.add(reason);
            listed++;
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
                .setResourceId(name(blocker.resourceId()))
                .setResourceName(name(blocker.resourceName()))
                .setProductFamily(blocker.family())
                .setStatus(name(blocker.status()))
                .setAction(blocker.action())
                .setActionDeadline(blocker.actionDeadline())
                .setEndsAt(blocker.endsAt())
                .setResellerOfRecord(name(blocker.resellerOfRecord()))
                .build();
    }

    private static int size(BlockReason reason) {
        return bytes(reason.getMessage()) + bytes(reason.getResourceId()) + bytes(reason.getResourceName())
                + bytes(reason.getStatus()) + bytes(reason.getResellerOfRecord()) + ENTRY_OVERHEAD;
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String name(String text) {
        return text == null || text.length() <= MAX_NAME ? text : text.substring(0, MAX_NAME - 1) + "…";
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
