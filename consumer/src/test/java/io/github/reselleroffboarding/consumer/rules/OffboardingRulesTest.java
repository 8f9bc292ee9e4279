package io.github.reselleroffboarding.consumer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.Artifact;
import io.github.reselleroffboarding.partnercenter.model.AuditRecord;
import io.github.reselleroffboarding.partnercenter.model.CompanyProfile;
import io.github.reselleroffboarding.partnercenter.model.Customer;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.ReferenceOrder;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    final OffboardingRules rules = new OffboardingRules(FamilyPolicy.DEFAULT);

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

            Verdict.Blocked verdict = (Verdict.Blocked) rules.rejectInvalid(invalid, NOW);

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
                assertThat(b.message()).contains("Azure Reserved VM Instance ri-1 is active until 2026-11-22 (in 1 day)")
                        .contains("Azure portal");
                assertThat(b.family()).isEqualTo(ProductFamily.AZURE_RESERVATION);
                assertThat(b.action()).isEqualTo(ClearingAction.CANCEL_OR_EXCHANGE_IN_AZURE_PORTAL);
                assertThat(b.endsAt()).isEqualTo(LATER);
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
        void softwareDoesNotBlockByDefaultButIsReportedAsANotice() {
            Entitlement software = new Entitlement(new ReferenceOrder("sw", "1", null), "P", "S", 1, "software", null,
                    null, List.of(new Artifact("software", Map.of(), null)), List.of(), Map.of());

            assertThat(evaluate(List.of(software))).isInstanceOfSatisfying(Decision.Remove.class, remove ->
                    assertThat(remove.notices()).singleElement().satisfies(n -> {
                        assertThat(n.code()).isEqualTo(BlockReasonCode.SOFTWARE_PURCHASE);
                        assertThat(n.family()).isEqualTo(ProductFamily.SOFTWARE);
                        assertThat(n.message()).contains("does not block");
                    }));
        }

        @Test
        void softwareBlocksWhereThePolicySaysSo() {
            OffboardingRules strict = new OffboardingRules(new FamilyPolicy(FamilyPolicy.DEFAULT.legacy(),
                    FamilyPolicy.DEFAULT.newCommerce(), FamilyPolicy.DEFAULT.marketplace(), true));

            assertThat(codes(strict.evaluate(reads(List.of(entitlement("software", null, "sw", null)), List.of()),
                    NOW))).containsExactly(BlockReasonCode.SOFTWARE_PURCHASE);
        }
    }

    @Test
    void everyBlockerIsListedNotJustTheFirst() {
        Decision decision = rules.evaluate(reads(
                List.of(entitlement("reservedinstance", "virtualmachines", "ri-vm", LATER),
                        entitlement("reservedinstance", "sqldatabases", "ri-sql", LATER)),
                List.of(ProductFamiliesTest.legacy("s-1", SubscriptionStatus.ACTIVE))), NOW);

        assertThat(codes(decision)).containsExactly(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE,
                BlockReasonCode.ACTIVE_AZURE_RESERVATION, BlockReasonCode.ACTIVE_SUBSCRIPTION);
    }

    @Test
    void nothingBlockingMeansRemoveWithWhatWasCheckedAndTheCustomerAsItWas() {
        Decision decision = rules.evaluate(reads(
                List.of(entitlement("reservedinstance", "virtualmachines", "ri-old", EARLIER)),
                List.of(ProductFamiliesTest.legacy("s-1", SubscriptionStatus.SUSPENDED))), NOW);

        assertThat(decision).isEqualTo(new Decision.Remove(1, 1, List.of(new SubscriptionLeft("s-1", "Office 365 E3",
                "suspended")), List.of(), new CustomerSnapshot("Contoso", "contoso.onmicrosoft.com", "reseller")));
    }

    @Nested
    class TheCustomer {

        @Test
        void aCustomerWhoseRelationshipIsNotResellerIsNotPatched() {
            Decision decision = rules.evaluate(new CustomerReads(customer(RelationshipToPartner.ADVISOR), List.of(),
                    List.of(), Map.of()), NOW);

            assertThat(blockers(decision)).singleElement().satisfies(b -> {
                assertThat(b.code()).isEqualTo(BlockReasonCode.NOT_A_RESELLER_CUSTOMER);
                assertThat(b.message()).contains("is advisor, not reseller");
            });
            assertThat(decision.snapshot().relationshipBefore()).isEqualTo("advisor");
        }

        @Test
        void aCustomerShownWithoutARelationshipIsGone() {
            assertThat(rules.evaluate(new CustomerReads(customer(RelationshipToPartner.NONE), List.of(), List.of(),
                    Map.of()), NOW)).isInstanceOf(Decision.Gone.class);
        }

        @Test
        void aRelationshipPartnerCenterDoesNotNameIsNotTakenForReseller() {
            assertThat(codes(rules.evaluate(new CustomerReads(customer(RelationshipToPartner.UNKNOWN), List.of(),
                    List.of(), Map.of()), NOW))).containsExactly(BlockReasonCode.NOT_A_RESELLER_CUSTOMER);
        }
    }

    @Nested
    class ARelationshipFoundGone {

        static final ActivityLog NO_RECORDS = new ActivityLog.Records(List.of());

        @Test
        void aCustomerThisServiceRemovedIsAlreadyRemovedByAnEarlierRequest() {
            Instant removedAt = Instant.parse("2026-01-02T03:04:05Z");
            TenantHistory history = history(null, new TenantHistory.PriorRemoval("e-0", removedAt));

            assertThat(rules.needsActivityLog("e-1", history)).isFalse();
            Verdict verdict = gone(history, NO_RECORDS);

            assertThat(verdict).isInstanceOfSatisfying(Verdict.Removed.class, r -> {
                assertThat(r.removedBy()).isEqualTo(Verdict.RemovedBy.THIS_SERVICE_EARLIER);
                assertThat(r.removedByRequestEventId()).isEqualTo("e-0");
                assertThat(r.removedByAt()).isEqualTo(removedAt);
                assertThat(r.alreadyRemoved()).isTrue();
                assertThat(r.partnerCenterRequestId()).isNull();
            });
        }

        @Test
        void aCustomerThisVeryRequestWasRemovingIsRemovedByItAfterACrashOrATimeout() {
            TenantHistory history = history("e-1", null);

            assertThat(rules.needsActivityLog("e-1", history)).isFalse();
            assertThat(gone(history, NO_RECORDS)).isInstanceOfSatisfying(Verdict.Removed.class, r -> {
                assertThat(r.removedBy()).isEqualTo(Verdict.RemovedBy.THIS_REQUEST);
                assertThat(r.partnerCenterRequestId()).isEqualTo(PATCH_ID);
                assertThat(r.alreadyRemoved()).isFalse();
            });
        }

        @Test
        void aRemovalInTheActivityLogIsSomeoneElsesWithWhoAndWhen() {
            Instant when = Instant.parse("2026-11-02T09:30:00Z");
            ActivityLog log = new ActivityLog.Records(List.of(
                    audit("update_customer_qualification", "x@partner.example", NOW.minusSeconds(60), "succeeded"),
                    audit("remove_partner_customer_relationship", "bob@partner.example", when, "succeeded"),
                    audit("RemovePartnerCustomerRelationship", "eve@partner.example", NOW.minusSeconds(10), "failed")));

            assertThat(rules.needsActivityLog("e-1", TenantHistory.NONE)).isTrue();
            assertThat(gone(TenantHistory.NONE, log)).isInstanceOfSatisfying(Verdict.Removed.class, r -> {
                assertThat(r.removedBy()).isEqualTo(Verdict.RemovedBy.SOMEONE_ELSE);
                assertThat(r.removedByPrincipal()).isEqualTo("bob@partner.example");
                assertThat(r.removedByAt()).isEqualTo(when);
                assertThat(r.alreadyRemoved()).isTrue();
                assertThat(r.removedByRequestEventId()).isNull();
            });
        }

        @Test
        void noRemovalInTheActivityLogIsCustomerNotFound() {
            Verdict verdict = rules.customerGone(TENANT, "e-1", TenantHistory.NONE, PATCH_ID, "HTTP 404, code 1000",
                    false, NO_RECORDS, CustomerSnapshot.NOT_READ, NOW);

            assertThat(blockers(verdict)).singleElement().satisfies(b -> {
                assertThat(b.code()).isEqualTo(BlockReasonCode.CUSTOMER_NOT_FOUND);
                assertThat(b.resourceId()).isEqualTo(TENANT.value());
                assertThat(b.message()).contains("HTTP 404, code 1000").contains("activity log");
            });
        }

        @Test
        void withoutAnActivityLogATenantPartnerCenterDoesNotKnowStaysNotFoundSayingWhy() {
            Verdict verdict = rules.customerGone(TENANT, "e-1", TenantHistory.NONE, PATCH_ID, "HTTP 404, code 1000",
                    false, new ActivityLog.Unavailable("this cloud has no activity log"), CustomerSnapshot.NOT_READ,
                    NOW);

            assertThat(blockers(verdict)).singleElement().satisfies(b -> {
                assertThat(b.code()).isEqualTo(BlockReasonCode.CUSTOMER_NOT_FOUND);
                assertThat(b.message()).contains("this cloud has no activity log");
            });
        }

        @Test
        void withoutAnActivityLogARelationshipPartnerCenterSaysIsGoneWasRemovedByUnknown() {
            Verdict verdict = gone(TenantHistory.NONE, new ActivityLog.Unavailable("this cloud has no activity log"));

            assertThat(verdict).isInstanceOfSatisfying(Verdict.Removed.class, r -> {
                assertThat(r.removedBy()).isEqualTo(Verdict.RemovedBy.UNKNOWN);
                assertThat(r.alreadyRemoved()).isTrue();
                assertThat(r.removedByPrincipal()).isNull();
            });
        }

        @Test
        void aCustomerShownWithoutRelationshipButNoRemovalInTheLogWasRemovedByUnknown() {
            Verdict verdict = rules.customerGone(TENANT, "e-1", TenantHistory.NONE, PATCH_ID, "none", true,
                    NO_RECORDS, new CustomerSnapshot("Contoso", "c.example", "none"), NOW);

            assertThat(verdict).isInstanceOfSatisfying(Verdict.Removed.class,
                    r -> assertThat(r.removedBy()).isEqualTo(Verdict.RemovedBy.UNKNOWN));
        }

        @Test
        void anotherRequestsIntentDoesNotMakeThisOneTheRemover() {
            assertThat(rules.needsActivityLog("e-1", history("e-0", null))).isTrue();
            assertThat(codes(gone(history("e-0", null), NO_RECORDS)))
                    .containsExactly(BlockReasonCode.CUSTOMER_NOT_FOUND);
        }

        @Test
        void theActivityLogIsAskedForTheLast89DaysWhichPartnerCenterAccepts() {
            assertThat(rules.activityLogStart(Instant.parse("2026-12-01T23:59:00Z")))
                    .isEqualTo(java.time.LocalDate.parse("2026-09-03"));
        }

        private Verdict gone(TenantHistory history, ActivityLog log) {
            return rules.customerGone(TENANT, "e-1", history, PATCH_ID, "403 20002", true, log,
                    CustomerSnapshot.NOT_READ, NOW);
        }

        private AuditRecord audit(String type, String user, Instant at, String status) {
            return new AuditRecord("a", TENANT.value(), type, at, status, user, null, "customer");
        }
    }

    @Nested
    class PatchAnswers {

        final CustomerSnapshot snapshot = new CustomerSnapshot("Contoso", "contoso.onmicrosoft.com", "reseller");
        final Decision.Remove evidence = new Decision.Remove(3, 2, List.of(new SubscriptionLeft("s-1", "Office",
                "suspended")), List.of(), snapshot);

        @Test
        void relationshipNoneIsARemovalByThisRequestCarryingWhatWasChecked() {
            Verdict verdict = answered(new PatchAnswer.Accepted(RelationshipToPartner.NONE));

            assertThat(verdict).isEqualTo(new Verdict.Removed(Verdict.RemovedBy.THIS_REQUEST, 3, 2,
                    evidence.remaining(), List.of(), PATCH_ID, "e-1", null, NOW, snapshot, NOW));
        }

        @Test
        void anyOtherRelationshipInTheAnswerIsNotConfirmedAndEvaluatedAgain() {
            PatchOutcome outcome = rules.patchAnswered(new PatchAnswer.Accepted(RelationshipToPartner.RESELLER),
                    evidence, PATCH_ID, "e-1", NOW);

            assertThat(outcome).isInstanceOfSatisfying(PatchOutcome.Unconfirmed.class,
                    u -> assertThat(u.why()).contains("relationshipToPartner=RESELLER"));
        }

        @Test
        void theCustomerGoneAtThePatchIsNoConfirmationButAQuestionForARead() {
            assertThat(rules.patchAnswered(new PatchAnswer.CustomerGone(403, "20002"), evidence, PATCH_ID, "e-1", NOW))
                    .isInstanceOfSatisfying(PatchOutcome.NoRelationship.class,
                            n -> assertThat(n.said()).contains("HTTP 403, code 20002"));
        }

        @Test
        void code3000IsARefusalQuotedVerbatimNeverARemoval() {
            Verdict verdict = answered(new PatchAnswer.Refused(400, "3000",
                    "Invalid property 'relationshipToPartner'"));

            assertThat(blockers(verdict)).singleElement().satisfies(b -> {
                assertThat(b.code()).isEqualTo(BlockReasonCode.REMOVAL_REJECTED);
                assertThat(b.message()).isEqualTo("Partner Center refused the removal (HTTP 400, code 3000): "
                        + "Invalid property 'relationshipToPartner'");
                assertThat(b.action()).isEqualTo(ClearingAction.CONTACT_SUPPORT);
            });
            assertThat(verdict.snapshot()).isEqualTo(snapshot);
        }

        @Test
        void aPerCustomer403IsARefusalOfThatRequest() {
            assertThat(blockers(answered(new PatchAnswer.Refused(403, "2006", "Not valid for the offer"))))
                    .singleElement().satisfies(b -> assertThat(b.message())
                            .isEqualTo("Partner Center refused the removal (HTTP 403, code 2006): Not valid for the offer"));
        }

        @Test
        void aRefusalWithoutACodeSaysSo() {
            assertThat(blockers(answered(new PatchAnswer.Refused(409, null, "The operation is not allowed"))))
                    .singleElement().satisfies(b -> assertThat(b.message()).isEqualTo(
                            "Partner Center refused the removal (HTTP 409): The operation is not allowed"));
        }

        @Test
        void aRefusalIsCheckedByAReadBeforeItIsTheAnswer() {
            assertThat(rules.patchAnswered(new PatchAnswer.Refused(400, "3000", "The relationship does not exist"),
                    evidence, PATCH_ID, "e-1", NOW)).isInstanceOfSatisfying(PatchOutcome.Refused.class,
                            r -> assertThat(r.said()).isEqualTo("the removal was refused (HTTP 400, code 3000)"));
        }

        /** The answer a refusal gives when the read after it finds the relationship still there. */
        private Verdict answered(PatchAnswer answer) {
            PatchOutcome outcome = rules.patchAnswered(answer, evidence, PATCH_ID, "e-1", NOW);
            if (outcome instanceof PatchOutcome.Refused refused) {
                return refused.rejection();
            }
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
        return rules.evaluate(reads(entitlements, List.of()), NOW);
    }

    static CustomerReads reads(List<Entitlement> entitlements, List<Subscription> subscriptions) {
        return new CustomerReads(customer(RelationshipToPartner.RESELLER), entitlements, subscriptions, Map.of());
    }

    static Customer customer(RelationshipToPartner relationship) {
        return new Customer(TENANT.value(), new CompanyProfile(TENANT.value(), "contoso.onmicrosoft.com", "Contoso"),
                relationship, true, null);
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

}
