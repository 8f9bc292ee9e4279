package io.github.reselleroffboarding.devstack;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
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
            new Sample("11111111-1111-4111-8111-111111111101", "Contoso: clean", "removed (PATCH sent)",
                    removed(r -> !r.getAlreadyRemoved() && r.getRemainingSubscriptions().size() == 1)),
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
                    "removed earlier, no second PATCH", removed(RelationshipRemoved::getAlreadyRemoved)),
            new Sample(INVALID_EVENT_ID, "Invalid tenant id", "blocked: INVALID_REQUEST",
                    blocked(Map.of(BlockReasonCode.INVALID_REQUEST, 1L))));

    /** Tailspin's request is also published a second time: it must not get a second outcome. */
    static final String DUPLICATED_EVENT_ID = "11111111-1111-4111-8111-111111111104";

    private Samples() {
    }

    private static Predicate<SpecificRecord> removed(Predicate<RelationshipRemoved> check) {
        return outcome -> outcome instanceof RelationshipRemoved r && check.test(r);
    }

    private static Predicate<SpecificRecord> blocked(Map<BlockReasonCode, Long> codes) {
        return outcome -> outcome instanceof OffboardBlocked b && Objects.equals(codes, b.getReasons().stream()
                .collect(Collectors.groupingBy(BlockReason::getCode, Collectors.counting())));
    }
}
