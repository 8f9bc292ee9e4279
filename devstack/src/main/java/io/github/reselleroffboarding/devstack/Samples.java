package io.github.reselleroffboarding.devstack;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The sample requests ({@code samples/requests.jsonl} plus one invalid request) and the outcome each must get.
 * The customers they ask about are in {@code samples/customers.json}.
 */
final class Samples {

    /** One sample: what it shows and how to recognise the right answer. */
    record Sample(String eventId, String name, String expected, Predicate<SpecificRecord> check) {
    }

    /** Sent as an upstream system with a bug would, bypassing the CLI's validation. */
    static final String INVALID_EVENT_ID = "11111111-1111-4111-8111-111111111107";
    static final String INVALID_TENANT = "contoso-crm-42";

    static final List<Sample> ALL = List.of(
            new Sample("11111111-1111-4111-8111-111111111101", "Contoso: suspended legacy subscription",
                    "removed (PATCH sent), 1 left", removed(r -> r.getRemovedBy() == RemovedBy.THIS_REQUEST
                            && r.getRemainingSubscriptions().size() == 1)),
            new Sample("11111111-1111-4111-8111-111111111102", "Fabrikam: 45 active subscriptions",
                    "blocked: 45 x ACTIVE_SUBSCRIPTION", blocked(Map.of(BlockReasonCode.ACTIVE_SUBSCRIPTION, 45L))),
            new Sample("11111111-1111-4111-8111-111111111103", "Northwind: VM and SQL reservations",
                    "blocked: VM reservation + SQL reservation",
                    blocked(Map.of(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE, 1L,
                            BlockReasonCode.ACTIVE_AZURE_RESERVATION, 1L))),
            new Sample("11111111-1111-4111-8111-111111111104", "Tailspin: only suspended subscriptions",
                    "removed, 3 suspended left", removed(r -> !r.getAlreadyRemoved()
                            && r.getRemainingSubscriptions().size() == 3)),
            new Sample("11111111-1111-4111-8111-111111111105", "Unknown tenant", "blocked: CUSTOMER_NOT_FOUND",
                    blocked(Map.of(BlockReasonCode.CUSTOMER_NOT_FOUND, 1L))),
            new Sample("11111111-1111-4111-8111-111111111106", "Contoso again (new request)",
                    "removed earlier, no second PATCH",
                    removed(r -> r.getRemovedBy() == RemovedBy.THIS_SERVICE_EARLIER)),
            new Sample(INVALID_EVENT_ID, "Invalid tenant id", "blocked: INVALID_REQUEST",
                    blocked(Map.of(BlockReasonCode.INVALID_REQUEST, 1L))),
            new Sample("11111111-1111-4111-8111-111111111108", "Litware: suspended new-commerce sub",
                    "blocked: cancel before its deadline",
                    blocked(Map.of(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED, 1L), reason ->
                            reason.getAction() == ClearingAction.CANCEL_BEFORE_DEADLINE
                                    && reason.getActionDeadline() != null)),
            new Sample("11111111-1111-4111-8111-111111111109", "Adatum: Azure plan, 2 Azure subs",
                    "blocked: both Azure subscriptions", blocked(Map.of(BlockReasonCode.ACTIVE_AZURE_PLAN, 2L),
                            reason -> reason.getAction() == ClearingAction.CANCEL_AZURE_SUBSCRIPTIONS_THEN_SUSPEND_PLAN)),
            new Sample("11111111-1111-4111-8111-111111111110", "Proseware: Azure savings plan",
                    "blocked: not cancellable, expires",
                    blocked(Map.of(BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN, 1L), reason ->
                            reason.getAction() == ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY
                                    && reason.getEndsAt() != null)),
            new Sample("11111111-1111-4111-8111-111111111111", "Wingtip: removed earlier in the portal",
                    "removed by someone else, who, when",
                    removed(r -> r.getRemovedBy() == RemovedBy.SOMEONE_ELSE && r.getRemovedByAt() != null
                            && "jane.admin@contoso-partner.example".equals(r.getRemovedByPrincipal()))),
            new Sample("11111111-1111-4111-8111-111111111112", "Woodgrove: PATCH refused with 3000",
                    "blocked: REMOVAL_REJECTED (not removed)",
                    blocked(Map.of(BlockReasonCode.REMOVAL_REJECTED, 1L),
                            reason -> reason.getMessage().contains("code 3000"))),
            new Sample("11111111-1111-4111-8111-111111111113", "Margie's Travel: clean-up asked for",
                    "removed after suspending 6; GDAP ended", removed(r -> r.getRemovedBy() == RemovedBy.THIS_REQUEST
                            && r.getCleanupActions().stream().filter(a -> a.getAction() == CleanupActionKind.SUSPEND
                                    && a.getOutcome() == CleanupResult.DONE).count() == 6
                            && r.getCleanupActions().stream().filter(a -> a.getAction()
                                    == CleanupActionKind.TERMINATE_GDAP && a.getOutcome() == CleanupResult.DONE)
                                    .count() == 2
                            && r.getCleanupLeft().isEmpty())));

    /** The sample customer whose request asks for a clean-up (Margie's Travel). */
    static final String CLEANED_UP_TENANT = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d06";

    /** The partner's GDAP relationships with it: two active, which the clean-up terminates after the removal. */
    static List<com.fasterxml.jackson.databind.node.ObjectNode> cleanedUpGdapRelationships() {
        return List.of(
                PartnerCenterSimulator.gdapRelationship("5a1e7c3d-0000-4000-8000-00000000d001-"
                        + "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d06", "Margie's Travel helpdesk", "active"),
                PartnerCenterSimulator.gdapRelationship("5a1e7c3d-0000-4000-8000-00000000d002-"
                        + "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d06", "Margie's Travel global admin", "active"));
    }

    /**
     * What a preview of each sample customer says once the sample requests are answered: the removed ones are
     * already removed, and Woodgrove is removable, because a preview cannot foresee Partner Center refusing the
     * PATCH itself.
     */
    static final Map<String, String> PREVIEWS = orderedMap(
            "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", "already-removed",
            "0b5c3f1e-8d2a-4e6b-9c7d-1a2b3c4d5e6f", "blocked",
            "3e7d1c9b-2a4f-4b6e-8d1c-9f0a2b3c4d5e", "blocked",
            "7a2d4c6e-8f10-4b32-a547-c69e8b0d1f23", "already-removed",
            "c0ffee00-1234-4abc-9def-0123456789ab", "not-found",
            "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d01", "blocked",
            "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d02", "blocked",
            "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d03", "blocked",
            "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d04", "already-removed",
            "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d05", "removable");

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Tailspin's request is also published a second time: it must not get a second outcome. */
    static final String DUPLICATED_EVENT_ID = "11111111-1111-4111-8111-111111111104";

    private Samples() {
    }

    private static Predicate<SpecificRecord> removed(Predicate<RelationshipRemoved> check) {
        return outcome -> outcome instanceof RelationshipRemoved r && check.test(r);
    }

    private static Predicate<SpecificRecord> blocked(Map<BlockReasonCode, Long> codes) {
        return blocked(codes, reason -> true);
    }

    /** Blocked by exactly these codes, each reason as {@code each} says. */
    private static Predicate<SpecificRecord> blocked(Map<BlockReasonCode, Long> codes, Predicate<BlockReason> each) {
        return outcome -> outcome instanceof OffboardBlocked b && Objects.equals(codes, b.getReasons().stream()
                .collect(Collectors.groupingBy(BlockReason::getCode, Collectors.counting())))
                && b.getReasons().stream().allMatch(each);
    }
}
