package io.github.reselleroffboarding.consumer.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.Artifact;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.ReferenceOrder;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every outcome the service can publish, as a specification: invalid requests, replays, blockers, the PATCH's
 * answers and unknown customers. No Kafka, no HTTP.
 */
class OffboardingRulesTest {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Instant LATER = NOW.plusSeconds(86_400);
    static final Instant EARLIER = NOW.minusSeconds(86_400);
    static final TenantId TENANT = TenantId.parse("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11");
    static final String PATCH_ID = "patch-request-id";

    final OffboardingRules rules = new OffboardingRules(OffboardingRules.DEFAULT_BLOCKING_STATUSES);

    @Nested
    class Validation {

        @Test
        void aWellFormedRequestIsValidWithItsTenantInCanonicalForm() {
            var result = rules.validate(request("e-1", "6F1C5A53-3C9B-4C0E-9A55-0D3A0D1C1A11", "alice"));

            assertThat(result).isInstanceOfSatisfying(io.github.reselleroffboarding.consumer.rules.Validation.Valid.class,
                    valid -> {
                        assertThat(valid.request().tenant()).isEqualTo(TENANT);
                        assertThat(valid.request().eventId()).isEqualTo("e-1");
                    });
        }

        @Test
        void everyProblemIsListedAndTheRawTenantKept() {
            var result = rules.validate(request(" ", "not-a-guid", ""));

            assertThat(result).isInstanceOfSatisfying(
                    io.github.reselleroffboarding.consumer.rules.Validation.Invalid.class, invalid -> {
                        assertThat(invalid.tenantKey()).isEqualTo("not-a-guid");
                        assertThat(invalid.problems()).containsExactly("eventId is empty",
                                "tenant id 'not-a-guid' is not a GUID (expected 8-4-4-4-12 hex digits, e.g. "
                                        + "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11)",
                                "requestedBy is empty");
                    });
        }

        @Test
        void aFieldLongerThanItsLimitIsInvalidNamingTheFieldAndWhatTheAnswerEchoesStaysSmall() {
            CustomerOffboardRequested huge = CustomerOffboardRequested.newBuilder().setEventId("e-1")
                    .setCustomerTenantId("x".repeat(600_000)).setRequestedAt(NOW)
                    .setRequestedBy("x".repeat(5_000)).setReason("r".repeat(2_001))
                    .setCorrelationId("c".repeat(257)).build();

            var invalid = (io.github.reselleroffboarding.consumer.rules.Validation.Invalid) rules.validate(huge);

            assertThat(invalid.problems()).contains(
                    "customerTenantId is 600000 characters long; at most 128 are accepted",
                    "requestedBy is 5000 characters long; at most 320 are accepted",
                    "reason is 2001 characters long; at most 2000 are accepted",
                    "correlationId is 257 characters long; at most 256 are accepted");
            assertThat(invalid.tenantKey()).hasSize(128);
            assertThat(invalid.requestedBy()).hasSize(320);
            assertThat(invalid.correlationId()).hasSize(256);
            assertThat(String.join("; ", invalid.problems())).hasSizeLessThan(2_000);
        }

        @Test
        void fieldsAtTheirLimitsAreValid() {
            CustomerOffboardRequested atLimits = CustomerOffboardRequested.newBuilder().setEventId("e".repeat(128))
                    .setCustomerTenantId(TENANT.value()).setRequestedAt(NOW).setRequestedBy("x".repeat(320))
                    .setReason("r".repeat(2_000)).setCorrelationId("c".repeat(256)).build();

            assertThat(rules.validate(atLimits))
                    .isInstanceOf(io.github.reselleroffboarding.consumer.rules.Validation.Valid.class);
        }

        @Test
        void anInvalidRequestIsBlockedAsInvalidRequestSayingNothingWasSent() {
            var invalid = (io.github.reselleroffboarding.consumer.rules.Validation.Invalid) rules.validate(
                    request("e-1", "", "alice"));

            Verdict.Blocked verdict = rules.rejectInvalid(invalid, NOW);

            assertThat(verdict.blockers()).singleElement().satisfies(b -> {
                assertThat(b.code()).isEqualTo(BlockReasonCode.INVALID_REQUEST);
                assertThat(b.message()).isEqualTo("customerTenantId is empty; nothing was sent to Partner Center");
            });
        }
    }

    @Nested
    class Reservations {

        @Test
        void aLegacyVmReservedInstanceBlocks() {
            Decision decision = evaluate(List.of(entitlement("VirtualMachineReservedInstance", null, "ri-1", LATER)));

            assertThat(codes(decision)).containsExactly(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE);
        }

        @Test
        void aCurrentFormReservationForVirtualMachinesBlocksAsAVmReservedInstance() {
            Decision decision = evaluate(List.of(entitlement("reservedinstance", "VirtualMachines", "ri-1", LATER)));

            assertThat(blockers(decision)).singleElement().satisfies(b -> {
                assertThat(b.code()).isEqualTo(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE);
                assertThat(b.resourceId()).isEqualTo("ri-1");
                assertThat(b.message()).contains("Azure Reserved VM Instance ri-1 is active until " + LATER);
            });
        }

        @Test
        void anyOtherReservationTypeBlocksAsAnAzureReservation() {
            Decision decision = evaluate(List.of(
                    entitlement("reservedInstance", "sqldatabases", "ri-sql", LATER),
                    entitlement("reserved_instance", null, "ri-mystery", LATER)));

            assertThat(codes(decision)).containsExactly(BlockReasonCode.ACTIVE_AZURE_RESERVATION,
                    BlockReasonCode.ACTIVE_AZURE_RESERVATION);
            assertThat(blockers(decision).get(1).message()).contains("type not given");
        }

        @Test
        void aReservationNestedInAnotherEntitlementBlocks() {
            Entitlement nested = entitlement("reservedinstance", "virtualmachines", "ri-nested", LATER);
            Entitlement software = new Entitlement(new ReferenceOrder("sw", "1", null), "P", "S", 1, "software", null,
                    null, List.of(), List.of(nested), Map.of());

            assertThat(codes(evaluate(List.of(software))))
                    .containsExactly(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE);
        }

        @Test
        void anExpiredReservationDoesNotBlock() {
            assertThat(evaluate(List.of(entitlement("reservedinstance", "virtualmachines", "ri-old", EARLIER))))
                    .isInstanceOf(Decision.Remove.class);
        }

        @Test
        void aReservationWithoutExpiryBlocks() {
            assertThat(codes(evaluate(List.of(entitlement("reservedinstance", "virtualmachines", "ri", null)))))
                    .containsExactly(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE);
        }

        @Test
        void theSameReservationInBothFormsIsReportedOnce() {
            Decision decision = evaluate(List.of(
                    entitlement("reservedinstance", "virtualmachines", "ri-1", LATER),
                    entitlement("virtualmachinereservedinstance", null, "ri-1", LATER)));

            assertThat(blockers(decision)).hasSize(1);
        }

        @Test
        void softwareDoesNotBlock() {
            Entitlement software = new Entitlement(new ReferenceOrder("sw", "1", null), "P", "S", 1, "software", null,
                    null, List.of(new Artifact("software", Map.of(), null)), List.of(), Map.of());

            assertThat(evaluate(List.of(software))).isInstanceOf(Decision.Remove.class);
        }
    }

    @Nested
    class Subscriptions {

        @Test
        void everyActiveSubscriptionBlocksWithItsIdAndOfferName() {
            Decision decision = rules.evaluate(List.of(), List.of(
                    subscription("s-1", "Microsoft 365 E3", SubscriptionStatus.ACTIVE),
                    subscription("s-2", "Visio Plan 2", SubscriptionStatus.ACTIVE),
                    subscription("s-3", "Old plan", SubscriptionStatus.SUSPENDED)), NOW);

            assertThat(blockers(decision)).extracting(Blocker::code, Blocker::resourceId, Blocker::resourceName)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_SUBSCRIPTION, "s-1",
                                    "Microsoft 365 E3"),
                            org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_SUBSCRIPTION, "s-2",
                                    "Visio Plan 2"));
        }

        @Test
        void suspendedDeletedAndExpiredSubscriptionsDoNotBlockByDefaultButAreReportedAsRemaining() {
            Decision decision = rules.evaluate(List.of(), List.of(
                    subscription("s-1", "A", SubscriptionStatus.SUSPENDED),
                    subscription("s-2", "B", SubscriptionStatus.DELETED),
                    subscription("s-3", "C", SubscriptionStatus.EXPIRED)), NOW);

            assertThat(decision).isInstanceOfSatisfying(Decision.Remove.class, remove -> {
                assertThat(remove.subscriptionsChecked()).isEqualTo(3);
                assertThat(remove.remaining()).extracting(SubscriptionLeft::status)
                        .containsExactly("suspended", "deleted", "expired");
            });
        }

        @Test
        void theBlockingSetIsConfigurableForPartnersWhoMustCancel() {
            OffboardingRules strict = new OffboardingRules(Set.of(SubscriptionStatus.ACTIVE,
                    SubscriptionStatus.SUSPENDED));

            Decision decision = strict.evaluate(List.of(), List.of(
                    subscription("s-1", "A", SubscriptionStatus.SUSPENDED)), NOW);

            assertThat(blockers(decision)).singleElement().satisfies(b -> assertThat(b.message())
                    .startsWith("Subscription 'A' is suspended"));
        }

        @Test
        void anEmptyBlockingSetIsRefused() {
            assertThatIllegalArgumentException().isThrownBy(() -> new OffboardingRules(Set.of()));
        }
    }

    @Test
    void everyBlockerIsListedNotJustTheFirst() {
        Decision decision = rules.evaluate(
                List.of(entitlement("reservedinstance", "virtualmachines", "ri-vm", LATER),
                        entitlement("reservedinstance", "sqldatabases", "ri-sql", LATER)),
                List.of(subscription("s-1", "E3", SubscriptionStatus.ACTIVE)), NOW);

        assertThat(codes(decision)).containsExactly(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE,
                BlockReasonCode.ACTIVE_AZURE_RESERVATION, BlockReasonCode.ACTIVE_SUBSCRIPTION);
    }

    @Test
    void nothingBlockingMeansRemoveWithWhatWasChecked() {
        Decision decision = rules.evaluate(
                List.of(entitlement("software", null, "sw", null)),
                List.of(subscription("s-1", "E3", SubscriptionStatus.SUSPENDED)), NOW);

        assertThat(decision).isEqualTo(new Decision.Remove(1, 1, List.of(new SubscriptionLeft("s-1", "E3",
                "suspended"))));
    }

    @Nested
    class UnknownCustomers {

        @Test
        void aCustomerThisServiceRemovedIsAlreadyRemoved() {
            Instant removedAt = Instant.parse("2026-01-02T03:04:05Z");

            Verdict verdict = rules.customerUnknown(TENANT, "e-1", history(null, new TenantHistory.PriorRemoval("e-0",
                    removedAt)), PATCH_ID, "403 20002", NOW);

            assertThat(verdict).isEqualTo(new Verdict.Removed(Verdict.RemovedBy.THIS_SERVICE_EARLIER, 0, 0,
                    List.of(), null, "e-0", NOW));
            assertThat(((Verdict.Removed) verdict).alreadyRemoved()).isTrue();
        }

        @Test
        void aCustomerThisVeryRequestWasRemovingIsRemovedByIt() {
            Verdict verdict = rules.customerUnknown(TENANT, "e-1", history("e-1", null), PATCH_ID, "403 20002", NOW);

            assertThat(verdict).isEqualTo(new Verdict.Removed(Verdict.RemovedBy.THIS_REQUEST, 0, 0, List.of(),
                    PATCH_ID, "e-1", NOW));
            assertThat(((Verdict.Removed) verdict).alreadyRemoved()).isFalse();
        }

        @Test
        void anyOtherUnknownCustomerIsCustomerNotFound() {
            Verdict verdict = rules.customerUnknown(TENANT, "e-1", TenantHistory.NONE, PATCH_ID,
                    "HTTP 404, code 1000", NOW);

            assertThat(blockers(verdict)).singleElement().satisfies(b -> {
                assertThat(b.code()).isEqualTo(BlockReasonCode.CUSTOMER_NOT_FOUND);
                assertThat(b.resourceId()).isEqualTo(TENANT.value());
                assertThat(b.message()).contains("HTTP 404, code 1000");
            });
        }

        @Test
        void anotherRequestsIntentDoesNotMakeThisOneTheRemover() {
            Verdict verdict = rules.customerUnknown(TENANT, "e-1", history("e-0", null), PATCH_ID, "403 20002", NOW);

            assertThat(codes(verdict)).containsExactly(BlockReasonCode.CUSTOMER_NOT_FOUND);
        }
    }

    @Nested
    class PatchAnswers {

        final Decision.Remove evidence = new Decision.Remove(3, 2, List.of(new SubscriptionLeft("s-1", "Office",
                "suspended")));

        @Test
        void relationshipNoneIsARemovalByThisRequestCarryingWhatWasChecked() {
            Verdict verdict = answered(new PatchAnswer.Accepted(RelationshipToPartner.NONE));

            assertThat(verdict).isEqualTo(new Verdict.Removed(Verdict.RemovedBy.THIS_REQUEST, 3, 2,
                    evidence.remaining(), PATCH_ID, "e-1", NOW));
        }

        @Test
        void anyOtherRelationshipInTheAnswerIsNotConfirmedAndEvaluatedAgain() {
            PatchOutcome outcome = rules.patchAnswered(new PatchAnswer.Accepted(RelationshipToPartner.RESELLER),
                    evidence, PATCH_ID, "e-1", NOW);

            assertThat(outcome).isInstanceOfSatisfying(PatchOutcome.Unconfirmed.class,
                    u -> assertThat(u.why()).contains("relationshipToPartner=RESELLER"));
        }

        @Test
        void theCustomerGoneAtThePatchIsThisRequestsRemoval() {
            assertThat(answered(new PatchAnswer.CustomerGone(403, "20002"))).isInstanceOfSatisfying(
                    Verdict.Removed.class, r -> assertThat(r.removedByThisRequest()).isTrue());
        }

        @Test
        void code3000MeansTheRelationshipNoLongerExists() {
            assertThat(answered(new PatchAnswer.Refused(400, "3000", "The relationship does not exist")))
                    .isInstanceOf(Verdict.Removed.class);
        }

        @Test
        void aRefusedRemovalIsBlockedWithPartnerCentersWords() {
            assertThat(blockers(answered(new PatchAnswer.Refused(409, "409", "The operation is not allowed"))))
                    .singleElement().satisfies(b -> {
                        assertThat(b.code()).isEqualTo(BlockReasonCode.REMOVAL_REJECTED);
                        assertThat(b.message()).isEqualTo(
                                "Partner Center refused the removal: The operation is not allowed (code 409)");
                    });
        }

        private Verdict answered(PatchAnswer answer) {
            PatchOutcome outcome = rules.patchAnswered(answer, evidence, PATCH_ID, "e-1", NOW);
            assertThat(outcome).isInstanceOf(PatchOutcome.Answered.class);
            return ((PatchOutcome.Answered) outcome).verdict();
        }
    }

    @Nested
    class Replays {

        @Test
        void aRequestTheTenantsHistoryShowsAsAnsweredGetsNoSecondOutcome() {
            TenantHistory answeredE1 = new TenantHistory() {
                @Override
                public boolean hasAnswered(String eventId) {
                    return "e-1".equals(eventId);
                }

                @Override
                public boolean removalStartedBy(String eventId) {
                    return false;
                }

                @Override
                public Optional<PriorRemoval> removedBy() {
                    return Optional.empty();
                }
            };

            assertThat(rules.onArrival("e-1", answeredE1)).isEqualTo(Arrival.ALREADY_ANSWERED);
            assertThat(rules.onArrival("e-2", answeredE1)).isEqualTo(Arrival.EVALUATE);
            assertThat(rules.onArrival("e-1", TenantHistory.NONE)).isEqualTo(Arrival.EVALUATE);
        }

        @Test
        void anInvalidRequestIsRememberedWhenItHasAnEventIdUnderAKeyThatStaysSmall() {
            assertThat(rules.remembers(invalid("e-1", "not-a-guid"))).isTrue();
            assertThat(rules.remembers(invalid("", "not-a-guid"))).isFalse();
            var huge = invalid("e-1", "x".repeat(100_000));
            assertThat(rules.remembers(huge)).isTrue();
            assertThat(huge.tenantKey()).hasSizeLessThanOrEqualTo(128);
        }

        private io.github.reselleroffboarding.consumer.rules.Validation.Invalid invalid(String eventId,
                String tenant) {
            return (io.github.reselleroffboarding.consumer.rules.Validation.Invalid) rules.validate(request(eventId, tenant, "alice"));
        }
    }

    private static TenantHistory history(String intentBy, TenantHistory.PriorRemoval removedBy) {
        return new TenantHistory() {
            @Override
            public boolean hasAnswered(String eventId) {
                return false;
            }

            @Override
            public boolean removalStartedBy(String eventId) {
                return eventId.equals(intentBy);
            }

            @Override
            public Optional<PriorRemoval> removedBy() {
                return Optional.ofNullable(removedBy);
            }
        };
    }

    private Decision evaluate(List<Entitlement> entitlements) {
        return rules.evaluate(entitlements, List.of(), NOW);
    }

    private static List<Blocker> blockers(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Block.class);
        return ((Decision.Block) decision).blockers();
    }

    private static List<Blocker> blockers(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Blocked.class);
        return ((Verdict.Blocked) verdict).blockers();
    }

    private static List<BlockReasonCode> codes(Decision decision) {
        return blockers(decision).stream().map(Blocker::code).toList();
    }

    private static List<BlockReasonCode> codes(Verdict verdict) {
        return blockers(verdict).stream().map(Blocker::code).toList();
    }

    static CustomerOffboardRequested request(String eventId, String tenant, String requestedBy) {
        return CustomerOffboardRequested.newBuilder().setEventId(eventId).setCustomerTenantId(tenant)
                .setRequestedAt(NOW).setRequestedBy(requestedBy).build();
    }

    static Entitlement entitlement(String type, String reservationType, String orderId, Instant expiry) {
        Map<String, Object> attributes = reservationType == null ? Map.of() : Map.of("reservationType",
                reservationType);
        return new Entitlement(new ReferenceOrder(orderId, "1", null), "DZH318Z0BQ3Q", "0001", 1, type, expiry,
                "Fulfilled", List.of(new Artifact(type, attributes, orderId)), List.of(), Map.of());
    }

    static Subscription subscription(String id, String offerName, SubscriptionStatus status) {
        return new Subscription(id, "offer", offerName, offerName, status, 1, null, true, "monthly", "P1Y");
    }
}
