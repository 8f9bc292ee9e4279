package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CleanupActionKind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which writes a clean-up may send, per product family; every family is off unless configured. A request
 * still has to ask ({@code cleanup: true}): the service acts only where the policy allows it and the request
 * consented. Reservations and savings plans are never in it: no API cancels them.
 *
 * @param legacy {@code SUSPEND} or nothing
 * @param newCommerce {@code CANCEL} (inside the cancellation window) and/or {@code TURN_OFF_AUTO_RENEW}
 * @param marketplace {@code CANCEL} (inside the cancellation window) or nothing
 * @param azurePlan {@code CANCEL} and {@code SUSPEND} together (cancel every Azure subscription under the plan,
 *     then suspend the plan) or nothing
 * @param terminateGdap after a removal, terminate the partner's active GDAP relationships with the customer
 */
public record CleanupPolicy(Set<CleanupActionKind> legacy, Set<CleanupActionKind> newCommerce,
        Set<CleanupActionKind> marketplace, Set<CleanupActionKind> azurePlan, boolean terminateGdap) {

    public static final CleanupPolicy OFF = new CleanupPolicy(Set.of(), Set.of(), Set.of(), Set.of(), false);

    /** What {@code cancel-azure-subscriptions} allows: each Azure subscription cancelled, then the plan suspended. */
    public static final Set<CleanupActionKind> CANCEL_AZURE_SUBSCRIPTIONS = Set.of(CleanupActionKind.CANCEL,
            CleanupActionKind.SUSPEND);

    /** No Azure plan clean-up. */
    public CleanupPolicy(Set<CleanupActionKind> legacy, Set<CleanupActionKind> newCommerce,
            Set<CleanupActionKind> marketplace, boolean terminateGdap) {
        this(legacy, newCommerce, marketplace, Set.of(), terminateGdap);
    }

    /** No Azure plan and no GDAP clean-up. */
    public CleanupPolicy(Set<CleanupActionKind> legacy, Set<CleanupActionKind> newCommerce,
            Set<CleanupActionKind> marketplace) {
        this(legacy, newCommerce, marketplace, Set.of(), false);
    }

    /** The product families a clean-up policy is set for, with the actions each may allow. */
    public enum Family {
        LEGACY("legacy"),
        NEW_COMMERCE("new-commerce"),
        MARKETPLACE("marketplace"),
        /** An Azure plan and the Azure subscriptions under it. */
        AZURE_PLAN("azure-plan");

        private final String label;

        Family(String label) {
            this.label = label;
        }

        public Set<CleanupActionKind> possible() {
            return switch (this) {
                case LEGACY -> EnumSet.of(CleanupActionKind.SUSPEND);
                case NEW_COMMERCE -> EnumSet.of(CleanupActionKind.CANCEL, CleanupActionKind.TURN_OFF_AUTO_RENEW);
                case MARKETPLACE -> EnumSet.of(CleanupActionKind.CANCEL);
                case AZURE_PLAN -> EnumSet.copyOf(CANCEL_AZURE_SUBSCRIPTIONS);
            };
        }

        public String label() {
            return label;
        }
    }

    public CleanupPolicy {
        legacy = checked(Family.LEGACY, legacy);
        newCommerce = checked(Family.NEW_COMMERCE, newCommerce);
        marketplace = checked(Family.MARKETPLACE, marketplace);
        azurePlan = checked(Family.AZURE_PLAN, azurePlan);
        if (!azurePlan.isEmpty() && !azurePlan.equals(CANCEL_AZURE_SUBSCRIPTIONS)) {
            throw new IllegalArgumentException("an Azure plan is cleaned up whole (cancel-azure-subscriptions: "
                    + "cancel every Azure subscription under it, then suspend it), or not at all");
        }
    }

    public Set<CleanupActionKind> allowed(Family family) {
        return switch (family) {
            case LEGACY -> legacy;
            case NEW_COMMERCE -> newCommerce;
            case MARKETPLACE -> marketplace;
            case AZURE_PLAN -> azurePlan;
        };
    }

    /** Whether any family has a clean-up action on. */
    public boolean anyOn() {
        return !legacy.isEmpty() || !newCommerce.isEmpty() || !marketplace.isEmpty() || !azurePlan.isEmpty()
                || terminateGdap;
    }

    /** For the startup log: each family and what it allows ({@code off} when nothing). */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (Family family : Family.values()) {
            Set<CleanupActionKind> on = allowed(family);
            if (family == Family.AZURE_PLAN) {
                shown.put(family.label(), on.isEmpty() ? "off" : "cancel-azure-subscriptions");
                continue;
            }
            shown.put(family.label(), on.isEmpty() ? "off" : on.stream().map(CleanupPolicy::label).sorted()
                    .collect(Collectors.joining(",")));
        }
        shown.put("gdap", terminateGdap ? "terminate" : "off");
        return shown;
    }

    /** The configuration word for an action: {@code suspend}, {@code cancel-within-window}, ... */
    public static String label(CleanupActionKind action) {
        return switch (action) {
            case SUSPEND -> "suspend";
            case CANCEL -> "cancel-within-window";
            case TURN_OFF_AUTO_RENEW -> "disable-auto-renew";
            default -> action.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static Set<CleanupActionKind> checked(Family family, Set<CleanupActionKind> actions) {
        Set<CleanupActionKind> set = actions == null ? Set.of() : Set.copyOf(actions);
        for (CleanupActionKind action : set) {
            if (!family.possible().contains(action)) {
                throw new IllegalArgumentException(label(action) + " is not a clean-up action for " + family.label()
                        + " subscriptions; possible: " + family.possible().stream().map(CleanupPolicy::label)
                        .sorted().collect(Collectors.joining(", ")));
            }
        }
        return set;
    }
}
