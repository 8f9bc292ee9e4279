package io.github.reselleroffboarding.consumer.rules;

import java.util.List;

/** What the checks of a customer Partner Center knows lead to. */
public sealed interface Decision {

    /** Nothing blocks: send the removal PATCH. What was checked goes into the outcome. */
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
}
