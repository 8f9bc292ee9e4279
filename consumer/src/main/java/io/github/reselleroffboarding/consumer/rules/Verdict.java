package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.Blocker;
import io.github.reselleroffboarding.consumer.rules.SubscriptionLeft;
import java.time.Instant;
import java.util.List;

/** The answer to one request, ready to become an outcome event. */
public sealed interface Verdict {

    /**
     * The relationship is gone.
     *
     * @param alreadyRemoved no PATCH was sent for this request: the relationship was gone before
     * @param removedByThisRequest this request's PATCH ended it (also when seen again after a crash)
     */
    record Removed(boolean alreadyRemoved, boolean removedByThisRequest, int subscriptionsChecked,
            int entitlementsChecked, List<SubscriptionLeft> remaining, String partnerCenterRequestId,
            String removedByRequestEventId, Instant at) implements Verdict {

        public Removed {
            remaining = List.copyOf(remaining);
        }
    }

    record Blocked(List<Blocker> blockers, Instant at) implements Verdict {

        public Blocked {
            blockers = List.copyOf(blockers);
        }
    }
}
