package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupLeftReason;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which writes clear which blockers, under the {@link CleanupPolicy} and the request's consent; and, once they are
 * answered and the customer read again, what is left and why. Pure: the processor sends what this plans.
 *
 * <ul>
 *   <li>Legacy: suspend. New commerce (trials and add-ons follow what they are sold under): cancel while
 *       {@code now} is before the cancellation deadline; otherwise, where allowed, auto-renew off, so the term
 *       ends; the outcome says when. Marketplace: cancel inside the window.</li>
 *   <li>Azure plan: every active Azure subscription under it is cancelled; Partner Center shows it inactive
 *       some minutes later, and only then is the plan suspended (it refuses to suspend a plan with an active
 *       Azure subscription). A cancellation accepted and not yet shown is left {@code IN_PROGRESS}.</li>
 *   <li>Reservations and savings plans cannot be cancelled by any API; software and products of unknown kind are
 *       not cleared by this service. They are left, with the reason.</li>
 *   <li>A suspension is held back while anything else would still block (an Azure subscription being cancelled
 *       included, since its cancellation takes minutes): the removal could not follow, and the
 *       customer would only lose service. Cancelling inside a window and turning auto-renew off are not held
 *       back: the window closes by itself, and auto-renew off changes nothing until the term ends.</li>
 *   <li>A write this request recorded before a restart is not sent as a new one: when the subscription still
 *       shows the ETag it was recorded with, it did not apply and is sent again as the same write (same ETag,
 *       same {@code MS-RequestId}), which can apply once at most; when the ETag changed and it still blocks, it
 *       is left for a person to look at; when its effect shows, it is reported done. An Azure subscription has
 *       no ETag: one still active is sent the recorded cancellation again, with its {@code MS-RequestId}, which
 *       Partner Center takes as a copy of the first.</li>
 * </ul>
 */
public final class CleanupPlanner {

    /** Partner Center's codes for "an operation is already in progress" (409). */
    private static final java.util.Set<String> UNDER_WAY = java.util.Set.of("800060", "800064");

    /** An Azure subscription and the Azure plan it is under. */
    private record AzureUnderPlan(Subscription plan, AzureEntitlement azure) {
    }

    private final CleanupPolicy policy;

    public CleanupPlanner(CleanupPolicy policy) {
        this.policy = policy;
    }

    /** Whether outcomes report clean-up at all: the request asked for it, or a policy is on. */
    public boolean reports(boolean consent) {
        return consent || policy.anyOn();
    }

    /**
     * @param block what blocks the removal now
     * @param reads every subscription as read (their ETags), and the Azure subscriptions under each plan
     * @param consent the request asked for clean-up
     * @param recorded the writes this request recorded before (after a restart or a failed try)
     */
    public CleanupPlan plan(Decision.Block block, CustomerReads reads, boolean consent,
            List<TenantHistory.RecordedAction> recorded, Instant now) {
        if (!reports(consent)) {
            return CleanupPlan.NOTHING;
        }
        Map<String, Subscription> byId = byId(reads.subscriptions());
        Map<String, AzureUnderPlan> azureById = azureById(reads, byId);
        List<CleanupPlan.Write> writes = new ArrayList<>();
        List<CleanupReport.Left> left = new ArrayList<>();
        for (Blocker blocker : block.blockers()) {
            if (blocker.resourceId() == null) {
                continue; // about the request or the customer: nothing to clean up
            }
            AzureUnderPlan azure = blocker.family() == ProductFamily.AZURE_SUBSCRIPTION
                    ? azureById.get(blocker.resourceId()) : null;
            Subscription subscription = azure != null ? azure.plan() : byId.get(blocker.resourceId());
            Optional<CleanupPolicy.Family> family = subscription == null ? Optional.empty()
                    : policyFamily(subscription, blocker.family());
            if (family.isEmpty()) {
                left.add(notCleanable(blocker));
                continue;
            }
            Optional<CleanupActionKind> wanted = wanted(blocker, now);
            if (wanted.isEmpty()) {
                left.add(left(blocker, CleanupLeftReason.OUTSIDE_CANCELLATION_WINDOW, null, null, "Its cancellation "
                        + "window has passed and auto-renew is off: " + blocker.message()));
                continue;
            }
            CleanupActionKind action = chosen(wanted.get(), policy.allowed(family.get()), subscription);
            if (action == null) {
                boolean windowPassed = wanted.get() == CleanupActionKind.TURN_OFF_AUTO_RENEW
                        && policy.allowed(family.get()).contains(CleanupActionKind.CANCEL);
                left.add(windowPassed
                        ? left(blocker, CleanupLeftReason.OUTSIDE_CANCELLATION_WINDOW, wanted.get(), null,
                                "Its cancellation window has passed, and the clean-up policy for "
                                        + family.get().label() + " subscriptions does not turn auto-renew off: "
                                        + blocker.message())
                        : left(blocker, CleanupLeftReason.NOT_ALLOWED_BY_POLICY, wanted.get(), null, "The clean-up "
                                + "policy for " + family.get().label() + " subscriptions does not allow "
                                + (family.get() == CleanupPolicy.Family.AZURE_PLAN ? "cancel-azure-subscriptions"
                                        : CleanupPolicy.label(wanted.get())) + ": " + blocker.message()));
                continue;
            }
            if (!consent) {
                left.add(left(blocker, CleanupLeftReason.NO_CONSENT, action, null, "The request did not ask for "
                        + "clean-up (cleanup: true); with it, this service would " + verb(action) + " it. "
                        + blocker.message()));
                continue;
            }
            AzureEntitlement azureSubscription = azure == null ? null : azure.azure();
            Optional<TenantHistory.RecordedAction> earlier = recorded.stream()
                    .filter(r -> r.resourceId().equals(blocker.resourceId()) && r.action() == action).findFirst();
            if (earlier.isEmpty()) {
                writes.add(new CleanupPlan.Write(subscription, blocker.family(), action, null, azureSubscription));
            } else if (azureSubscription != null || (earlier.get().etag() != null
                    && earlier.get().etag().equals(subscription.etag()))) {
                writes.add(new CleanupPlan.Write(subscription, blocker.family(), action, earlier.get().msRequestId(),
                        azureSubscription));
            } else {
                left.add(left(blocker, CleanupLeftReason.NOT_CONFIRMED, action, null, "This request recorded a write "
                        + "to " + verb(action) + " it at " + Instant.ofEpochMilli(earlier.get().atMillis())
                        + " (MS-RequestId " + earlier.get().msRequestId() + "); the subscription has changed since and "
                        + "still blocks, so it is not sent again. Check it in Partner Center, then send a new request"));
            }
        }
        return holdBackSuspensions(writes, left);
    }

    /**
     * The writes this request recorded in an earlier try whose effect a read now shows, and which this try did
     * not send: done, before a restart or a failure.
     */
    public List<CleanupReport.Taken> doneEarlier(List<TenantHistory.RecordedAction> recorded,
            CustomerReads reads, List<CleanupPlan.Write> sentNow) {
        Map<String, Subscription> byId = byId(reads.subscriptions());
        Map<String, AzureUnderPlan> azureById = azureById(reads, byId);
        List<CleanupReport.Taken> done = new ArrayList<>();
        for (TenantHistory.RecordedAction action : recorded) {
            boolean resent = sentNow.stream().anyMatch(w -> w.resourceId().equals(action.resourceId())
                    && w.action() == action.action());
            AzureUnderPlan azure = azureById.get(action.resourceId());
            if (azure != null && !resent && !azure.azure().active() && action.action() == CleanupActionKind.CANCEL) {
                done.add(new CleanupReport.Taken(action.action(), CleanupResult.DONE, action.resourceId(),
                        azure.azure().friendlyName(), ProductFamily.AZURE_SUBSCRIPTION, action.msRequestId(),
                        Instant.ofEpochMilli(action.atMillis()), null, "Sent in an earlier try of this request; a "
                                + "read now shows the Azure subscription " + azure.azure().status()));
                continue;
            }
            Subscription now = byId.get(action.resourceId());
            if (now != null && !resent && shows(now, action.action())) {
                done.add(new CleanupReport.Taken(action.action(), CleanupResult.DONE, now.id(), now.displayName(),
                        ProductClassifier.classify(now), action.msRequestId(), Instant.ofEpochMilli(action.atMillis()),
                        null, "Sent in an earlier try of this request; a read now shows it " + effect(action.action())));
            }
        }
        return done;
    }

    /**
     * What is left once the writes were answered and the customer read again.
     *
     * @param plan what was planned (its reasons for what it left)
     * @param taken every write sent, with its answer
     * @param after the decision on the customer as read after the writes
     */
    public List<CleanupReport.Left> settle(CleanupPlan plan, List<CleanupReport.Taken> taken, Decision after,
            Instant now) {
        if (!(after instanceof Decision.Block block)) {
            return List.of();
        }
        Map<String, CleanupReport.Taken> byResource = new LinkedHashMap<>();
        taken.forEach(t -> byResource.put(t.resourceId(), t));
        Map<String, CleanupReport.Left> planned = new LinkedHashMap<>();
        plan.left().forEach(l -> planned.putIfAbsent(l.resourceId(), l));
        List<CleanupReport.Left> left = new ArrayList<>();
        for (Blocker blocker : block.blockers()) {
            if (blocker.resourceId() == null) {
                continue;
            }
            CleanupReport.Taken write = byResource.get(blocker.resourceId());
            if (write != null && write.family() == ProductFamily.AZURE_SUBSCRIPTION && (write.outcome()
                    == CleanupResult.DONE || UNDER_WAY.contains(String.valueOf(write.errorCode())))) {
                left.add(left(blocker, CleanupLeftReason.IN_PROGRESS, write.action(), write.errorCode(),
                        (write.outcome() == CleanupResult.DONE ? "Partner Center accepted the cancellation" : "Partner "
                                + "Center answered that a cancellation is already under way") + "; an Azure "
                                + "subscription takes about ten minutes to show inactive. Send the request again after "
                                + "that: the plan is then suspended and, when nothing else blocks, the relationship "
                                + "removed. " + blocker.message()));
            } else if (write != null && write.outcome() == CleanupResult.REFUSED) {
                left.add(left(blocker, CleanupLeftReason.REFUSED, write.action(), write.errorCode(), "Partner Center "
                        + "refused to " + verb(write.action()) + " it: " + write.detail()));
            } else if (write != null && write.action() == CleanupActionKind.TURN_OFF_AUTO_RENEW) {
                left.add(left(blocker, CleanupLeftReason.OUTSIDE_CANCELLATION_WINDOW, null, null, "Auto-renew is now "
                        + "off" + Optional.ofNullable(blocker.endsAt()).map(end -> ": it ends with its term on "
                        + Dates.dayAndDistance(end, now) + "; ask again after that").orElse("") + ". "
                        + blocker.message()));
            } else if (write != null) {
                left.add(left(blocker, CleanupLeftReason.NOT_CONFIRMED, write.action(), null, "Partner Center "
                        + "answered the write to " + verb(write.action()) + " it, yet a read after it shows it "
                        + blocker.status() + ". " + blocker.message()));
            } else if (planned.containsKey(blocker.resourceId())) {
                left.add(planned.get(blocker.resourceId()));
            } else {
                left.add(left(blocker, CleanupLeftReason.NOT_CONFIRMED, null, null, "Found by the read after the "
                        + "clean-up; not acted on in this request. " + blocker.message()));
            }
        }
        return left;
    }

    /** A planned write as a preview shows it: nothing sent. */
    public static CleanupReport.Taken planned(CleanupPlan.Write write) {
        return new CleanupReport.Taken(write.action(), CleanupResult.PLANNED, write.resourceId(),
                write.resourceName(), write.family(), null, null, null, "A clean-up would "
                        + verb(write.action()) + " it");
    }

    /** Suspensions wait while anything else still blocks; see the class comment. */
    private static CleanupPlan holdBackSuspensions(List<CleanupPlan.Write> writes, List<CleanupReport.Left> left) {
        long stillBlocking = left.size() + writes.stream()
                .filter(w -> w.action() == CleanupActionKind.TURN_OFF_AUTO_RENEW || w.azure() != null).count();
        if (stillBlocking == 0) {
            return new CleanupPlan(writes, left);
        }
        List<CleanupPlan.Write> kept = new ArrayList<>();
        List<CleanupReport.Left> all = new ArrayList<>(left);
        for (CleanupPlan.Write write : writes) {
            if (write.action() == CleanupActionKind.SUSPEND) {
                Subscription s = write.subscription();
                all.add(new CleanupReport.Left(CleanupLeftReason.HELD_BACK, CleanupActionKind.SUSPEND, s.id(),
                        s.displayName(), write.family(), null, null, "Not suspended: " + stillBlocking + " other "
                        + (stillBlocking == 1 ? "blocker" : "blockers") + " would still stop the removal, and "
                        + "suspending it now would only cut the customer's service"));
            } else {
                kept.add(write);
            }
        }
        return new CleanupPlan(kept, all);
    }

    /** Which clean-up policy a subscription falls under, if any: trials and add-ons by how they are sold. */
    private static Optional<CleanupPolicy.Family> policyFamily(Subscription s, ProductFamily family) {
        if (family == null) {
            return Optional.empty();
        }
        return switch (family) {
            case LEGACY_LICENSE -> Optional.of(CleanupPolicy.Family.LEGACY);
            case NCE_LICENSE -> Optional.of(CleanupPolicy.Family.NEW_COMMERCE);
            case MARKETPLACE -> Optional.of(CleanupPolicy.Family.MARKETPLACE);
            case AZURE_PLAN, AZURE_SUBSCRIPTION -> Optional.of(CleanupPolicy.Family.AZURE_PLAN);
            case TRIAL, ADD_ON -> ProductClassifier.isNewCommerce(s) ? Optional.of(CleanupPolicy.Family.NEW_COMMERCE)
                    : ProductClassifier.isLegacy(s) ? Optional.of(CleanupPolicy.Family.LEGACY) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The write that clears the blocker, from what the rules said clears it; empty when none does any more. */
    private static Optional<CleanupActionKind> wanted(Blocker blocker, Instant now) {
        ClearingAction clearing = blocker.action();
        if (clearing == null) {
            return Optional.empty();
        }
        return switch (clearing) {
            case SUSPEND -> Optional.of(CleanupActionKind.SUSPEND);
            case CANCEL -> Optional.of(CleanupActionKind.CANCEL);
            case CANCEL_BEFORE_DEADLINE -> blocker.actionDeadline() != null && now.isBefore(blocker.actionDeadline())
                    ? Optional.of(CleanupActionKind.CANCEL) : Optional.of(CleanupActionKind.TURN_OFF_AUTO_RENEW);
            case TURN_OFF_AUTO_RENEW_AND_WAIT -> Optional.of(CleanupActionKind.TURN_OFF_AUTO_RENEW);
            case CANCEL_AZURE_SUBSCRIPTIONS_THEN_SUSPEND_PLAN -> Optional.of(CleanupActionKind.CANCEL);
            default -> Optional.empty();
        };
    }

    /** What the policy lets the service send for {@code wanted}: cancel, or at least end the renewal; else null. */
    private static CleanupActionKind chosen(CleanupActionKind wanted, java.util.Set<CleanupActionKind> allowed,
            Subscription s) {
        if (allowed.contains(wanted)) {
            return wanted;
        }
        boolean renews = !Boolean.FALSE.equals(s.autoRenewEnabled());
        return wanted == CleanupActionKind.CANCEL && renews && allowed.contains(CleanupActionKind.TURN_OFF_AUTO_RENEW)
                ? CleanupActionKind.TURN_OFF_AUTO_RENEW : null;
    }

    private static CleanupReport.Left notCleanable(Blocker blocker) {
        ProductFamily family = blocker.family();
        if (family == ProductFamily.AZURE_RESERVATION || family == ProductFamily.AZURE_SAVINGS_PLAN) {
            return left(blocker, CleanupLeftReason.CANNOT_BE_CANCELLED, null, null, "No Partner Center API cancels "
                    + "it, so a clean-up never touches it. " + blocker.message());
        }
        return left(blocker, CleanupLeftReason.NOT_AUTOMATED, null, null, "This service does not clear this kind of "
                + "product by itself. " + blocker.message());
    }

    /** Whether a read of the subscription shows the write's effect. */
    static boolean shows(Subscription s, CleanupActionKind action) {
        return switch (action) {
            case SUSPEND -> s.status() == SubscriptionStatus.SUSPENDED || s.status() == SubscriptionStatus.DELETED;
            case CANCEL -> s.status() == SubscriptionStatus.DELETED;
            case TURN_OFF_AUTO_RENEW -> Boolean.FALSE.equals(s.autoRenewEnabled());
            default -> false;
        };
    }

    static String verb(CleanupActionKind action) {
        return switch (action) {
            case SUSPEND -> "suspend";
            case CANCEL -> "cancel";
            case TURN_OFF_AUTO_RENEW -> "turn auto-renew off for";
            default -> "clean up";
        };
    }

    private static String effect(CleanupActionKind action) {
        return switch (action) {
            case SUSPEND -> "suspended";
            case CANCEL -> "cancelled";
            case TURN_OFF_AUTO_RENEW -> "with auto-renew off";
            default -> "changed";
        };
    }

    private static CleanupReport.Left left(Blocker blocker, CleanupLeftReason reason, CleanupActionKind action,
            String errorCode, String message) {
        return new CleanupReport.Left(reason, action, blocker.resourceId(), blocker.resourceName(), blocker.family(),
                blocker.endsAt(), errorCode, message);
    }

    /** The active Azure subscriptions under the plans read, by their Azure subscription id. */
    private static Map<String, AzureUnderPlan> azureById(CustomerReads reads, Map<String, Subscription> plans) {
        Map<String, AzureUnderPlan> byId = new LinkedHashMap<>();
        reads.azurePlans().forEach((planId, items) -> {
            Subscription plan = plans.get(planId);
            if (plan != null) {
                items.stream().filter(azure -> azure.subscriptionId() != null)
                        .forEach(azure -> byId.putIfAbsent(azure.subscriptionId(), new AzureUnderPlan(plan, azure)));
            }
        });
        return byId;
    }

    private static Map<String, Subscription> byId(List<Subscription> subscriptions) {
        Map<String, Subscription> byId = new LinkedHashMap<>();
        subscriptions.forEach(s -> {
            if (s.id() != null) {
                byId.putIfAbsent(s.id(), s);
            }
        });
        return byId;
    }
}
