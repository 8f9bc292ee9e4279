package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.util.Set;

/**
 * Which subscription statuses block, per product family, where that is a partner's choice. The defaults follow
 * Partner Center's current business documentation: a legacy subscription must be suspended (so {@code active}
 * and {@code pending} block), a new-commerce one cancelled (so {@code suspended} blocks too: it keeps billing),
 * a marketplace one blocks while {@code active}; software purchases are reported but do not block. Azure plans,
 * reservations and savings plans are not a choice: they block while active.
 */
public record FamilyPolicy(Set<SubscriptionStatus> legacy, Set<SubscriptionStatus> newCommerce,
        Set<SubscriptionStatus> marketplace, boolean softwareBlocks) {

    public static final FamilyPolicy DEFAULT = new FamilyPolicy(
            Set.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING),
            Set.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED, SubscriptionStatus.PENDING),
            Set.of(SubscriptionStatus.ACTIVE), false);

    /** Statuses of a product of unknown kind that block: anything not ended, since what clears it is unknown. */
    static final Set<SubscriptionStatus> UNKNOWN_FAMILY = Set.of(SubscriptionStatus.ACTIVE,
            SubscriptionStatus.SUSPENDED, SubscriptionStatus.PENDING, SubscriptionStatus.DISABLED,
            SubscriptionStatus.NONE, SubscriptionStatus.UNKNOWN);

    public FamilyPolicy {
        legacy = requireSome(legacy, "legacy");
        newCommerce = requireSome(newCommerce, "new-commerce");
        marketplace = requireSome(marketplace, "marketplace");
    }

    public FamilyPolicy withLegacy(Set<SubscriptionStatus> statuses) {
        return new FamilyPolicy(statuses, newCommerce, marketplace, softwareBlocks);
    }

    private static Set<SubscriptionStatus> requireSome(Set<SubscriptionStatus> statuses, String family) {
        if (statuses == null || statuses.isEmpty()) {
            throw new IllegalArgumentException("at least one " + family + " subscription status must block removal");
        }
        return Set.copyOf(statuses);
    }
}
