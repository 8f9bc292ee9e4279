package io.github.reselleroffboarding.consumer.rules;

import java.util.List;
import java.util.Objects;

/** What the checks of a customer lead to. */
public sealed interface Decision {

    CustomerSnapshot snapshot();

    /** Nothing blocks: send the removal PATCH. What was checked, and what is left, goes into the outcome. */
    record Remove(int subscriptionsChecked, int entitlementsChecked, List<SubscriptionLeft> remaining,
            List<Blocker> notices, CustomerSnapshot snapshot) implements Decision {

        public Remove {
            remaining = List.copyOf(remaining);
            notices = List.copyOf(notices);
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * Answer with OffboardBlocked listing every blocker (never empty); the notices and what would be left are for
     * an assessment.
     */
    record Block(List<Blocker> blockers, List<Blocker> notices, List<SubscriptionLeft> remaining,
            CustomerSnapshot snapshot) implements Decision {

        public Block {
            if (blockers.isEmpty()) {
                throw new IllegalArgumentException("a blocked decision needs at least one blocker");
            }
            blockers = List.copyOf(blockers);
            notices = List.copyOf(notices);
            remaining = List.copyOf(remaining);
            Objects.requireNonNull(snapshot, "snapshot");
        }

        /** A blocker about the customer itself: nothing else was judged. */
        public Block(List<Blocker> blockers, CustomerSnapshot snapshot) {
            this(blockers, List.of(), List.of(), snapshot);
        }
    }

    /** Partner Center shows the customer with no relationship to this partner: find out who ended it. */
    record Gone(CustomerSnapshot snapshot) implements Decision {
    }
}
