package io.github.reselleroffboarding.consumer.rules;

import java.time.Instant;
import java.util.List;

/** What to do with a request. */
public sealed interface Decision {

    /** Nothing blocks: send the removal PATCH. */
    record Remove(int subscriptionsChecked, int entitlementsChecked, List<SubscriptionLeft> remaining)
            implements Decision {

        public Remove {
            remaining = List.copyOf(remaining);
        }
    }

    /** Answer with OffboardBlocked listing every blocker (never empty). */
    record Block(List<Blocker> blockers) implements Decision {

        public Block {
            if (blockers.isEmpty()) {
                throw new IllegalArgumentException("a blocked decision needs at least one blocker");
            }
            blockers = List.copyOf(blockers);
        }
    }

    /**
     * The relationship is gone already: answer RelationshipRemoved without a PATCH.
     *
     * @param byThisRequest this request's own PATCH ended it (seen again after a crash or rebalance)
     * @param removedByRequestEventId the request whose PATCH ended it, when this service sent it
     * @param removedAt when, when known
     */
    record AlreadyRemoved(boolean byThisRequest, String removedByRequestEventId, Instant removedAt)
            implements Decision {
    }
}
