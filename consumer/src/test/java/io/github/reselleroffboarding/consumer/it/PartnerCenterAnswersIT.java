package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static io.github.reselleroffboarding.consumer.it.OffboardingRulesIT.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.ids.DerivedIds;
import io.github.reselleroffboarding.partnercenter.simulator.FailNext;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.RecordedRequest;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What Partner Center's answers mean, end to end on the real broker and the simulator: the customer snapshot,
 * no "removed" without a confirmation, a per-customer refusal that stalls no one, {@code MS-RequestId}s by the
 * header rules on the wire, and who removed a relationship found gone.
 */
@IntegrationTest
class PartnerCenterAnswersIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;
    /** A second Partner Center stand-in some tests need (another cloud); closed after the consumer. */
    PartnerCenterSimulator other;

    PartnerCenterAnswersIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 3);
    }

    @AfterEach
    void stop() {
        harness.close();
        if (other != null) {
            other.close();
        }
    }

    @Nested
    class TheCustomerSnapshot {

        @Test
        void bothOutcomesCarryTheCustomerAsItWasBeforeThePatch() {
            harness.start();
            String clean = newTenant();
            String busy = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(clean).companyName("Contoso").domain("contoso.example")
                    .build());
            partnerCenter.putCustomer(SeedCustomer.customer(busy).companyName("Fabrikam").domain("fabrikam.example")
                    .subscription("s-1", "Office 365 E3", "active").build());

            harness.publish(request(clean), request(busy));

            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
            assertThat(removed.getCompanyName()).isEqualTo("Contoso");
            assertThat(removed.getCustomerDomain()).isEqualTo("contoso.example");
            assertThat(removed.getRelationshipBefore()).isEqualTo("reseller");
            assertThat(removed.getRemovedBy()).isEqualTo(RemovedBy.THIS_REQUEST);
            OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
            assertThat(blocked.getCompanyName()).isEqualTo("Fabrikam");
            assertThat(blocked.getRelationshipBefore()).isEqualTo("reseller");
        }

        @Test
        void aCustomerWhoseRelationshipIsNotResellerIsNotPatched() {
            harness.start();
            String advisor = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(advisor).relationshipToPartner("advisor").build());

            harness.publish(request(advisor));

            OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
            assertThat(blocked.getReasons()).singleElement().satisfies(r ->
                    assertThat(r.getCode()).isEqualTo(BlockReasonCode.NOT_A_RESELLER_CUSTOMER));
            assertThat(blocked.getRelationshipBefore()).isEqualTo("advisor");
            assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(advisor);
        }
    }

    @Nested
    class NoFalseRemoved {

        @Test
        void aPatchAnswered3000IsRejectedVerbatimAfterOnePatchNeverRemoved() {
            harness.start();
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant)
                    .refuseRemoval(400, 3000, "Invalid property 'RelationshipToPartner'").build());

            harness.publish(request(tenant));

            OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
            assertThat(blocked.getReasons()).singleElement().satisfies(r -> {
                assertThat(r.getCode()).isEqualTo(BlockReasonCode.REMOVAL_REJECTED);
                assertThat(r.getMessage()).isEqualTo("Partner Center refused the removal (HTTP 400, code 3000): "
                        + "Invalid property 'RelationshipToPartner'");
                assertThat(r.getAction()).isEqualTo(ClearingAction.CONTACT_SUPPORT);
            });
            assertThat(harness.removedOutcomes(1, Duration.ofSeconds(1))).isEmpty();
            assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(tenant, 1L);
        }
    }

    @Nested
    class APerCustomerRefusal {

        @Test
        void aBusiness403OnOnePatchRejectsThatRequestWhileTwoHundredOthersAreAnsweredAndReadinessNeverDrops()
                throws Exception {
            // a generous timeout: on a slow machine slow answers must not look like an outage for everyone
            OffboardingService service = harness.with("PARTNER_CENTER_TIMEOUT", "30s").start();
            String refused = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(refused)
                    .refuseRemoval(403, 2006, "The partner is not valid for the offer").build());
            List<CustomerOffboardRequested> others = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String tenant = newTenant();
                partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
                others.add(request(tenant));
            }
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> service.health().isReady());
            AtomicBoolean watching = new AtomicBoolean(true);
            AtomicInteger notReady = new AtomicInteger();
            AtomicInteger looks = new AtomicInteger();
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    looks.incrementAndGet();
                    if (!service.health().isReady()) {
                        notReady.incrementAndGet();
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "readiness-watcher");
            watcher.start();

            harness.publish(request(refused));
            harness.publish(others.toArray(CustomerOffboardRequested[]::new));

            List<RelationshipRemoved> removed = harness.removedOutcomes(200, Duration.ofSeconds(90));
            OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
            watching.set(false);
            watcher.join();

            assertThat(removed).hasSize(200);
            assertThat(blocked.getCustomerTenantId()).isEqualTo(refused);
            assertThat(blocked.getReasons()).singleElement().satisfies(r -> {
                assertThat(r.getCode()).isEqualTo(BlockReasonCode.REMOVAL_REJECTED);
                assertThat(r.getMessage()).contains("HTTP 403, code 2006").contains("not valid for the offer");
            });
            assertThat(looks.get()).isPositive();
            assertThat(notReady.get()).as("times readiness was seen down").isZero();
            assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Nested
    class RequestIdsOnTheWire {

        @Test
        void aPatchRetriedAfterNoAnswerCarriesTheSameIdAndTheRemovalIsThisRequests() {
            harness.start();
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            // the PATCH is carried out but its answer is lost: Partner Center may have it, the id must not change
            partnerCenter.failNext(FailNext.answerLost(1).forCustomer(tenant).onlyFor("PATCH"));
            CustomerOffboardRequested request = request(tenant);

            harness.publish(request);

            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
            assertThat(removed.getRemovedBy()).isEqualTo(RemovedBy.THIS_REQUEST);
            assertThat(removed.getAlreadyRemoved()).isFalse();
            assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
            assertThat(patchIds(tenant)).containsExactly(DerivedIds.partnerCenterRequestId(request.getEventId(),
                    "remove-relationship"));
        }

        @Test
        void aPatchTimedOutAndSentAgainCarriesTheSameId() {
            harness.start();
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            partnerCenter.failNext(FailNext.noAnswer(1).forCustomer(tenant).onlyFor("PATCH"));

            harness.publish(request(tenant));

            assertThat(harness.removedOutcomes(1, WAIT)).hasSize(1);
            List<String> ids = patchIds(tenant);
            // a slow machine may time out once more; every PATCH sent after no answer carries the first one's id
            assertThat(ids).hasSizeGreaterThanOrEqualTo(2).containsOnly(ids.get(0));
        }

        @Test
        void aPatchPartnerCenterAnsweredIsFollowedByOneWithANewId() {
            harness.start();
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            partnerCenter.failNext(FailNext.status(1, 503).forCustomer(tenant).onlyFor("PATCH"));

            harness.publish(request(tenant));

            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
            List<String> ids = patchIds(tenant);
            assertThat(ids).hasSize(2).doesNotHaveDuplicates();
            assertThat(removed.getPartnerCenterRequestId()).isEqualTo(ids.get(1));
        }

        @Test
        void aDeadLetterReplayedSendsNewIds() {
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            partnerCenter.failNext(FailNext.noAnswer(100).forCustomer(tenant).onlyFor("PATCH"));
            OffboardingService impatient = harness.with("PARTNER_CENTER_TIMEOUT", "300ms").start();
            harness.publish(request(tenant));
            assertThat(harness.deadLetterRecords(1, WAIT)).hasSize(1);
            List<String> failedRun = patchIds(tenant);
            assertThat(failedRun).isNotEmpty().containsOnly(failedRun.get(0));
            // the replay is answered by a consumer as patient as the default, so a slow machine cannot fail it
            impatient.close();
            harness.with("PARTNER_CENTER_TIMEOUT", "30s").start();

            partnerCenter.failNext(FailNext.status(0, 503));
            java.io.StringWriter out = new java.io.StringWriter();
            int exit = harness.replayDeadLetters(out);

            assertThat(exit).isZero();
            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
            List<String> all = patchIds(tenant);
            String replayed = all.get(all.size() - 1);
            assertThat(replayed).isNotEqualTo(failedRun.get(0));
            assertThat(removed.getPartnerCenterRequestId()).isEqualTo(replayed);
        }

        private List<String> patchIds(String tenant) {
            return partnerCenter.recentRequests().stream()
                    .filter(r -> r.method().equals("PATCH") && r.uri().contains(tenant))
                    .map(r -> r.header("MS-RequestId")).toList();
        }
    }

    @Nested
    class WhoRemovedIt {

        @Test
        void aRelationshipEndedInThePortalBeforeTheRequestIsSomeoneElsesWithWhoAndWhen() {
            harness.start();
            String tenant = newTenant();
            Instant when = Instant.now().minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.MILLIS);
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            partnerCenter.removeElsewhere(tenant, "jane.admin@partner.example", when);

            harness.publish(request(tenant));

            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
            assertThat(removed.getAlreadyRemoved()).isTrue();
            assertThat(removed.getRemovedBy()).isEqualTo(RemovedBy.SOMEONE_ELSE);
            assertThat(removed.getRemovedByPrincipal()).isEqualTo("jane.admin@partner.example");
            assertThat(removed.getRemovedByAt()).isEqualTo(when);
            assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
        }

        @Test
        void aRelationshipEndedElsewhereBetweenTheReadsAndThePatchIsNotCreditedToThisRequest() {
            harness.start();
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            partnerCenter.removeElsewhereBeforeNextPatch(tenant, "other-tool@partner.example");

            harness.publish(request(tenant));

            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
            assertThat(removed.getRemovedBy()).isEqualTo(RemovedBy.SOMEONE_ELSE);
            assertThat(removed.getRemovedByPrincipal()).isEqualTo("other-tool@partner.example");
            assertThat(removed.getAlreadyRemoved()).isTrue();
            assertThat(partnerCenter.counters().removalsByCustomer()).doesNotContainKey(tenant);
        }

        @Test
        void aTenantGoneWithNoRemovalInTheActivityLogIsNotFound() {
            harness.start();
            String stranger = newTenant();

            harness.publish(request(stranger));

            OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
            assertThat(blocked.getReasons()).singleElement().satisfies(r -> {
                assertThat(r.getCode()).isEqualTo(BlockReasonCode.CUSTOMER_NOT_FOUND);
                assertThat(r.getMessage()).contains("activity log of the last 90 days shows no removal");
            });
        }

        @Test
        void in21VianetWithNoActivityLogAGoneRelationshipIsRemovedByUnknownAndTheLogIsNotAsked() {
            // 21Vianet's token resource is its own: a stand-in of that cloud, reached with a development token
            other = PartnerCenterSimulator.start(SimulatorSettings.defaults()
                    .withStaticAccessTokens(java.util.Set.of("vianet-dev-token")));
            for (String key : List.of("PARTNER_CENTER_TENANT_ID", "PARTNER_CENTER_CLIENT_ID",
                    "PARTNER_CENTER_CLIENT_SECRET", "PARTNER_CENTER_REFRESH_TOKEN")) {
                harness.environment.remove(key);
            }
            harness.with("PARTNER_CENTER_CLOUD", "china")
                    .with("PARTNER_CENTER_BASE_URL", other.baseUri().toString())
                    .with("PARTNER_CENTER_AUTHORITY", other.baseUri().toString())
                    .with("PARTNER_CENTER_ACCESS_TOKEN", "vianet-dev-token").start();
            String gone = newTenant();
            String stranger = newTenant();
            other.putCustomer(SeedCustomer.customer(gone).build());
            other.removeElsewhere(gone, "jane.admin@partner.example", Instant.now());

            harness.publish(request(gone), request(stranger));

            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
            assertThat(removed.getCustomerTenantId()).isEqualTo(gone);
            assertThat(removed.getRemovedBy()).isEqualTo(RemovedBy.UNKNOWN);
            assertThat(removed.getRemovedByPrincipal()).isNull();
            assertThat(single(harness.blockedOutcomes(1, WAIT)).getReasons()).singleElement().satisfies(r -> {
                assertThat(r.getCode()).isEqualTo(BlockReasonCode.CUSTOMER_NOT_FOUND);
                assertThat(r.getMessage()).contains("no activity log");
            });
            assertThat(other.recentRequests()).extracting(RecordedRequest::uri)
                    .noneMatch(uri -> uri.contains("auditrecords"));
        }
    }
}
