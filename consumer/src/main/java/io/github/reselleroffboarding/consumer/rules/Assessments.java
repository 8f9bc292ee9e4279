package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A preview's answer, from the same decisions a removal is made by: the blockers a removal would be refused for,
 * and as notices what it would leave behind. When every blocker ends by itself is the latest of their ends, and
 * unknown as soon as one of them never ends without an action.
 */
final class Assessments {

    private Assessments() {
    }

    static Verdict.Assessed of(Decision decision, Boolean delegatedAccess, Instant now) {
        if (decision instanceof Decision.Remove remove) {
            return new Verdict.Assessed(true, false, List.of(), notices(remove.notices(), remove.remaining(),
                    delegatedAccess), now, remove.snapshot(), now);
        }
        if (decision instanceof Decision.Block block) {
            return new Verdict.Assessed(false, false, block.blockers(), notices(block.notices(), block.remaining(),
                    delegatedAccess), earliestEnd(block.blockers()), block.snapshot(), now);
        }
        throw new IllegalArgumentException("a customer without a relationship is assessed by gone(): " + decision);
    }

    /** What a removal would have answered for a customer Partner Center holds no relationship with, as a preview. */
    static Verdict.Assessed gone(Verdict removalAnswer, Instant now) {
        if (removalAnswer instanceof Verdict.Removed removed) {
            return new Verdict.Assessed(false, true, List.of(), List.of(new Blocker(BlockReasonCode.ALREADY_REMOVED,
                    whoRemoved(removed) + "; there is nothing to remove", null, null)), null, removed.snapshot(),
                    now);
        }
        if (removalAnswer instanceof Verdict.Blocked blocked) {
            return new Verdict.Assessed(false, false, blocked.blockers(), List.of(), null, blocked.snapshot(), now);
        }
        throw new IllegalArgumentException("not a removal's answer: " + removalAnswer);
    }

    static Verdict.Assessed invalid(Blocker why, Instant now) {
        return new Verdict.Assessed(false, false, List.of(why), List.of(), null, CustomerSnapshot.NOT_READ, now);
    }

    /** The latest end of all blockers, or null when one of them does not end by itself. */
    static Instant earliestEnd(List<Blocker> blockers) {
        Instant latest = null;
        for (Blocker blocker : blockers) {
            if (blocker.endsAt() == null) {
                return null;
            }
            latest = latest == null || blocker.endsAt().isAfter(latest) ? blocker.endsAt() : latest;
        }
        return latest;
    }

    private static List<Blocker> notices(List<Blocker> found, List<SubscriptionLeft> remaining,
            Boolean delegatedAccess) {
        List<Blocker> notices = new ArrayList<>(found);
        Set<String> noticed = new HashSet<>();
        found.forEach(notice -> noticed.add(notice.resourceId()));
        for (SubscriptionLeft left : remaining) {
            if (noticed.contains(left.id())) {
                continue; // already a notice of its own (software)
            }
            String name = left.offerName() == null ? left.id() : left.offerName();
            notices.add(new Blocker(BlockReasonCode.SUBSCRIPTION_LEFT, "Subscription " + name + " is " + left.status()
                    + ": it does not block the removal and stays in Partner Center after it", left.id(),
                    left.offerName(), null, left.status(), null, null, null, null));
        }
        if (Boolean.TRUE.equals(delegatedAccess)) {
            notices.add(new Blocker(BlockReasonCode.DELEGATED_ADMIN_ACCESS, "The partner holds delegated admin "
                    + "privileges (DAP) for this customer; the removal ends them, but not the partner's GDAP "
                    + "relationships, which keep their admin access until they are terminated or expire", null,
                    null));
        }
        return notices;
    }

    private static String whoRemoved(Verdict.Removed removed) {
        String when = removed.removedByAt() == null ? "" : " at " + removed.removedByAt();
        return switch (removed.removedBy()) {
            case THIS_SERVICE_EARLIER -> "This service removed the relationship earlier (request "
                    + removed.removedByRequestEventId() + when + ")";
            case SOMEONE_ELSE -> "The relationship was ended by " + (removed.removedByPrincipal() == null
                    ? "someone else" : removed.removedByPrincipal()) + when + ", not by this service (Partner "
                    + "Center's activity log)";
            case UNKNOWN, THIS_REQUEST -> "Partner Center holds no reseller relationship with this customer; who "
                    + "ended it cannot be told";
        };
    }
}
