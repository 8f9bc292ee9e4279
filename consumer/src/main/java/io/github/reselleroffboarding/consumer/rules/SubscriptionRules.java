package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What each subscription means for the removal, by product family (see {@link ProductClassifier}): whether it
 * blocks under the {@link FamilyPolicy}, what clears it and until when, and when it ends by itself.
 */
final class SubscriptionRules {

    private static final Set<SubscriptionStatus> ENDED = Set.of(SubscriptionStatus.DELETED,
            SubscriptionStatus.EXPIRED);

    private final FamilyPolicy policy;

    SubscriptionRules(FamilyPolicy policy) {
        this.policy = policy;
    }

    /** Whether the Azure subscriptions under this subscription must be read: it is an Azure plan not ended. */
    boolean isAzurePlanToRead(Subscription s) {
        return ProductClassifier.classify(s) == ProductFamily.AZURE_PLAN && !ENDED.contains(s.status());
    }

    /**
     * @param underPlan the Azure subscriptions under it, when it is an Azure plan (read by the caller)
     */
    void judge(Subscription s, List<AzureEntitlement> underPlan, Instant now, Findings into) {
        ProductFamily family = ProductClassifier.classify(s);
        SubscriptionStatus status = s.status();
        boolean blocked = switch (family) {
            case AZURE_PLAN -> azurePlan(s, underPlan, into);
            case AZURE_SAVINGS_PLAN -> savingsPlan(s, now, into);
            case MARKETPLACE -> termBased(s, family, BlockReasonCode.ACTIVE_MARKETPLACE_SUBSCRIPTION,
                    policy.marketplace().contains(status), true, now, into);
            case SOFTWARE -> termBased(s, family, BlockReasonCode.SOFTWARE_PURCHASE, !ENDED.contains(status),
                    policy.softwareBlocks(), now, into) && policy.softwareBlocks();
            case NCE_LICENSE -> termBased(s, family, BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                    policy.newCommerce().contains(status), true, now, into);
            case LEGACY_LICENSE -> legacy(s, family, into);
            case TRIAL, ADD_ON -> byCommerce(s, family, now, into);
            default -> unknown(s, into);
        };
        if (!blocked) {
            into.remaining.add(new SubscriptionLeft(s.id(), s.offerName(), text(status)));
        }
    }

    /** A trial or an add-on follows the rule of what it is sold under: new commerce or legacy. */
    private boolean byCommerce(Subscription s, ProductFamily family, Instant now, Findings into) {
        if (ProductClassifier.isNewCommerce(s)) {
            return termBased(s, family, BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                    policy.newCommerce().contains(s.status()), true, now, into);
        }
        if (ProductClassifier.isLegacy(s)) {
            return legacy(s, family, into);
        }
        return unknown(s, into);
    }

    private boolean legacy(Subscription s, ProductFamily family, Findings into) {
        if (!policy.legacy().contains(s.status())) {
            return false;
        }
        into.add(blocker(s, family, BlockReasonCode.ACTIVE_SUBSCRIPTION, ClearingAction.SUSPEND, null, null,
                describe(s, family) + " is " + text(s.status()) + "; suspend it (suspension is enough for a legacy "
                        + "subscription)"), true);
        return true;
    }

    /**
     * New commerce, marketplace and software: cancellable only inside a window; after it, the term runs to its end,
     * and renews unless auto-renew is off.
     */
    private boolean termBased(Subscription s, ProductFamily family, BlockReasonCode code, boolean inScope,
            boolean blocks, Instant now, Findings into) {
        if (!inScope) {
            return false;
        }
        Optional<Instant> window = cancellationDeadline(s).filter(deadline -> deadline.isAfter(now));
        Optional<Instant> termEnd = s.termEnd();
        boolean renews = !Boolean.FALSE.equals(s.autoRenewEnabled());
        String what = describe(s, family) + " is " + text(s.status())
                + (family == ProductFamily.NCE_LICENSE && s.status() == SubscriptionStatus.SUSPENDED
                        ? " (a suspended new-commerce subscription keeps billing)" : "");
        Blocker blocker;
        if (family == ProductFamily.TRIAL) {
            blocker = blocker(s, family, code, ClearingAction.CANCEL, null, renews ? null : termEnd.orElse(null),
                    what + "; cancel it (a trial can be cancelled at any time" + (renews
                            ? "; with auto-renew on it converts to a paid subscription)" : ")"));
        } else if (window.isPresent()) {
            blocker = blocker(s, family, code, ClearingAction.CANCEL_BEFORE_DEADLINE, window.get(),
                    renews ? null : termEnd.orElse(null), what + "; cancel it before "
                            + Dates.dayAndDistance(window.get(), now) + ", when its cancellation window closes");
        } else if (renews) {
            blocker = blocker(s, family, code, ClearingAction.TURN_OFF_AUTO_RENEW_AND_WAIT, termEnd.orElse(null), null,
                    what + "; its cancellation window has passed: turn auto-renew off" + termEnd.map(end ->
                            " before its term ends on " + Dates.dayAndDistance(end, now)).orElse("")
                            + " and wait for the term to end, or transfer it to another partner");
        } else {
            blocker = blocker(s, family, code, ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY, null,
                    termEnd.orElse(null), what + "; it can no longer be cancelled and auto-renew is off: it ends "
                            + termEnd.map(end -> "with its term on " + Dates.dayAndDistance(end, now))
                                    .orElse("with its term") + ", or transfer it to another partner");
        }
        into.add(blocker, blocks);
        return true;
    }

    private boolean azurePlan(Subscription plan, List<AzureEntitlement> underPlan, Findings into) {
        List<AzureEntitlement> active = underPlan == null ? List.of()
                : underPlan.stream().filter(AzureEntitlement::active).toList();
        for (AzureEntitlement azure : active) {
            into.add(new Blocker(BlockReasonCode.ACTIVE_AZURE_PLAN, "Azure subscription '" + name(azure) + "' ("
                    + azure.subscriptionId() + ") under the Azure plan '" + plan.displayName() + "' is active; cancel "
                    + "every Azure subscription under the plan, then suspend the plan", azure.subscriptionId(),
                    name(azure), ProductFamily.AZURE_SUBSCRIPTION, "active",
                    ClearingAction.CANCEL_AZURE_SUBSCRIPTIONS_THEN_SUSPEND_PLAN, null, null, plan.partnerId()), true);
        }
        if (!active.isEmpty()) {
            return true;
        }
        if (ENDED.contains(plan.status()) || plan.status() == SubscriptionStatus.SUSPENDED) {
            return false;
        }
        into.add(blocker(plan, ProductFamily.AZURE_PLAN, BlockReasonCode.ACTIVE_AZURE_PLAN, ClearingAction.SUSPEND,
                null, null, "Azure plan '" + plan.displayName() + "' is " + text(plan.status())
                        + " with no active Azure subscription under it; suspend the plan"), true);
        return true;
    }

    private boolean savingsPlan(Subscription s, Instant now, Findings into) {
        Optional<Instant> termEnd = s.termEnd();
        if (ENDED.contains(s.status()) || termEnd.map(end -> !end.isAfter(now)).orElse(false)) {
            return false;
        }
        boolean renews = Boolean.TRUE.equals(s.autoRenewEnabled());
        into.add(blocker(s, ProductFamily.AZURE_SAVINGS_PLAN, BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN,
                ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY, null, renews ? null : termEnd.orElse(null),
                describe(s, ProductFamily.AZURE_SAVINGS_PLAN) + " is " + text(s.status()) + "; a savings plan cannot "
                        + "be cancelled: transfer it to another partner or wait until it expires"
                        + termEnd.map(end -> " on " + Dates.dayAndDistance(end, now)).orElse("")
                        + (renews ? " (its renewal is on: turn it off in the Azure portal, or it never ends)" : "")),
                true);
        return true;
    }

    private boolean unknown(Subscription s, Findings into) {
        if (!FamilyPolicy.UNKNOWN_FAMILY.contains(s.status())) {
            return false;
        }
        into.add(blocker(s, ProductFamily.UNKNOWN, BlockReasonCode.ACTIVE_SUBSCRIPTION, ClearingAction.CANCEL, null,
                null, "Subscription '" + s.displayName() + "' (offer " + s.offerId() + ") is " + text(s.status())
                        + " and of a kind this service does not recognise; it blocks until it is cancelled or ends"),
                true);
        return true;
    }

    /** The last moment a cancellation is possible: {@code cancellationAllowedUntilDate}, else the refund window. */
    private static Optional<Instant> cancellationDeadline(Subscription s) {
        if (s.cancellationAllowedUntilDate() != null) {
            return Optional.of(s.cancellationAllowedUntilDate());
        }
        return s.refundOptions().stream().map(Subscription.RefundOption::end).flatMap(Optional::stream)
                .max(Instant::compareTo);
    }

    private static Blocker blocker(Subscription s, ProductFamily family, BlockReasonCode code, ClearingAction action,
            Instant deadline, Instant endsAt, String message) {
        return new Blocker(code, message, s.id(), s.displayName(), family, text(s.status()), action, deadline, endsAt,
                s.partnerId());
    }

    private static String describe(Subscription s, ProductFamily family) {
        String kind = switch (family) {
            case LEGACY_LICENSE -> "Legacy subscription";
            case NCE_LICENSE -> "New-commerce subscription";
            case MARKETPLACE -> "Marketplace subscription";
            case SOFTWARE -> "Software subscription";
            case TRIAL -> "Trial subscription";
            case ADD_ON -> "Add-on subscription";
            case AZURE_SAVINGS_PLAN -> "Azure savings plan";
            default -> "Subscription";
        };
        String publisher = family == ProductFamily.MARKETPLACE && s.publisherName() != null
                ? " from " + s.publisherName() : "";
        return kind + " '" + s.displayName() + "'" + publisher;
    }

    private static String name(AzureEntitlement azure) {
        return azure.friendlyName() != null && !azure.friendlyName().isBlank() ? azure.friendlyName()
                : azure.subscriptionId();
    }

    static String text(SubscriptionStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
