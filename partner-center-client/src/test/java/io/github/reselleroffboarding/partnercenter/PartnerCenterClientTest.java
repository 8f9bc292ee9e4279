package io.github.reselleroffboarding.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.reselleroffboarding.ids.DerivedIds;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.Customer;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.RemovalResult;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import io.github.reselleroffboarding.partnercenter.simulator.Casing;
import io.github.reselleroffboarding.partnercenter.simulator.Counters;
import io.github.reselleroffboarding.partnercenter.simulator.FailNext;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.partnercenter.simulator.RecordedRequest;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against the simulator over real sockets on loopback. */
class PartnerCenterClientTest {

    static final TenantId CLEAN = TenantId.parse("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11");
    static final TenantId BUSY = TenantId.parse("0b5c3f1e-8d2a-4e6b-9c7d-1a2b3c4d5e6f");
    static final TenantId RESERVED = TenantId.parse("3e7d1c9b-2a4f-4b6e-8d1c-9f0a2b3c4d5e");
    static final Instant NEXT_YEAR = Instant.parse("2099-01-01T00:00:00Z"); // unexpired for any run
    static final CallContext CONTEXT = new CallContext("4d3c2b1a-0000-4000-8000-000000000001", null);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    static SimulatorSettings seeded() {
        ObjectNode oddStatus = SeedCustomer.subscriptionJson("sub-odd", "Migrated plan", "Migrating");
        return SimulatorSettings.defaults().withPageSize(10).withCustomers(List.of(
                SeedCustomer.customer(CLEAN.value()).companyName("Contoso")
                        .subscription("sub-s", "Old plan", "suspended").rawSubscription(oddStatus).build(),
                SeedCustomer.customer(BUSY.value()).subscriptions(23, "active", "Microsoft 365 E3").build(),
                SeedCustomer.customer(RESERVED.value())
                        .reservedInstance("ri-vm", "virtualmachines", NEXT_YEAR)
                        .reservedInstance("ri-sql", "sqldatabases", NEXT_YEAR)
                        .legacyVmReservedInstance("ri-legacy", NEXT_YEAR)
                        .software("sw-1", SeedCustomer.reservedInstanceJson("ri-nested", "VirtualMachines", NEXT_YEAR))
                        .build()));
    }

    SimulatedPartnerCenter pc;

    @BeforeEach
    void start() {
        pc = new SimulatedPartnerCenter(seeded());
    }

    @AfterEach
    void stop() {
        pc.close();
    }

    @Nested
    class Endpoints {

        @Test
        void readsACustomer() {
            Customer customer = pc.client.customer(CLEAN, CONTEXT).block();

            assertThat(customer.id()).isEqualTo(CLEAN.value());
            assertThat(customer.companyProfile().companyName()).isEqualTo("Contoso");
            assertThat(customer.relationshipToPartner()).isEqualTo(RelationshipToPartner.RESELLER);
        }

        @Test
        void readsEveryPageOfSubscriptions() {
            List<Subscription> subscriptions = pc.client.subscriptions(BUSY, CONTEXT).collectList().block();

            assertThat(subscriptions).hasSize(23).extracting(Subscription::id).doesNotHaveDuplicates();
            assertThat(subscriptions).allSatisfy(s -> assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE));
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}/subscriptions", 200)).isEqualTo(3);
        }

        @Test
        void keepsAnUnknownStatusAsUnknownInsteadOfFailing() {
            List<Subscription> subscriptions = pc.client.subscriptions(CLEAN, CONTEXT).collectList().block();

            assertThat(subscriptions).extracting(Subscription::status)
                    .containsExactly(SubscriptionStatus.SUSPENDED, SubscriptionStatus.UNKNOWN);
        }

        @Test
        void readsEveryEntitlementWithItsExpiryAndNestedOnes() {
            List<Entitlement> entitlements = pc.client.entitlements(RESERVED, CONTEXT).collectList().block();

            assertThat(entitlements).extracting(Entitlement::normalizedType)
                    .containsExactly("reservedinstance", "reservedinstance", "virtualmachinereservedinstance",
                            "software");
            assertThat(entitlements.get(0).reservationType()).contains("virtualmachines");
            assertThat(entitlements.get(1).reservationType()).contains("sqldatabases");
            assertThat(entitlements.get(0).expiryDate()).isNotNull();
            assertThat(entitlements.get(0).resourceId()).contains("ri-vm");
            Entitlement nested = entitlements.get(3).includedEntitlements().get(0);
            assertThat(nested.reservationType()).contains("virtualmachines");
            assertThat(nested.expiryDate()).isNotNull();
        }

        @Test
        void pagesEntitlementsToo() {
            pc.simulator.pageSize(1);

            assertThat(pc.client.entitlements(RESERVED, CONTEXT).collectList().block()).hasSize(4);
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}/entitlements", 200)).isEqualTo(4);
        }

        @Test
        void readsPascalCaseAnswersIncludingDictionaryKeysAndLinks() {
            pc.simulator.casing(Casing.PASCAL);

            Customer customer = pc.client.customer(CLEAN, CONTEXT).block();
            List<Subscription> subscriptions = pc.client.subscriptions(BUSY, CONTEXT).collectList().block();
            List<Entitlement> entitlements = pc.client.entitlements(RESERVED, CONTEXT).collectList().block();

            assertThat(customer.companyProfile().companyName()).isEqualTo("Contoso");
            assertThat(subscriptions).hasSize(23);
            assertThat(entitlements.get(0).reservationType()).contains("virtualmachines");
        }

        @Test
        void readsTheAzureSubscriptionsUnderAPlanAndTheCustomersActivityLog() {
            String plan = "a1b2c3d4-0000-4000-8000-00000000aaaa";
            pc.simulator.putCustomer(SeedCustomer.customer(CLEAN.value())
                    .rawSubscription(SeedCustomer.azurePlanJson(plan, "active"))
                    .azureEntitlement(plan, SeedCustomer.azureEntitlementJson("3f15978e-0000-4000-8000-000000000001",
                            "Production", "active"))
                    .activity(SeedCustomer.removalRecordJson(CLEAN.value(), "bob@partner.example",
                            java.time.Instant.now().minusSeconds(3600)))
                    .build());

            List<io.github.reselleroffboarding.partnercenter.model.AzureEntitlement> azure = pc.client
                    .azureEntitlements(CLEAN, plan, CONTEXT).collectList().block();
            List<io.github.reselleroffboarding.partnercenter.model.AuditRecord> log = pc.client.auditRecords(CLEAN,
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(89), CONTEXT).collectList().block();

            assertThat(azure).singleElement().satisfies(a -> {
                assertThat(a.active()).isTrue();
                assertThat(a.subscriptionId()).isEqualTo("3f15978e-0000-4000-8000-000000000001");
            });
            assertThat(log).singleElement().satisfies(r -> {
                assertThat(r.operationType()).isEqualTo("remove_partner_customer_relationship");
                assertThat(r.principal()).contains("bob@partner.example");
            });
            assertThat(pc.simulator.recentRequests()).last().satisfies(r -> assertThat(r.uri())
                    .contains("filter=%7B%22Field%22%3A%22CustomerId%22"));
        }

        @Test
        void aPlanIdThatIsNotAGuidNeverReachesAUrl() {
            assertThatThrownBy(() -> pc.client.azureEntitlements(CLEAN, "../../x", CONTEXT).blockLast())
                    .isInstanceOf(PartnerCenterRejectedException.class);
            assertThat(pc.simulator.recentRequests()).isEmpty();
        }

        @Test
        void removesTheRelationshipAndConfirmsItFromThePascalCaseAnswer() {
            RemovalResult result = remove(pc, CLEAN, CONTEXT).block();

            assertThat(result.removed()).isTrue();
            assertThat(pc.simulator.counters().removalsByCustomer()).containsEntry(CLEAN.value(), 1L);
            assertThat(pc.simulator.recentRequests()).last().satisfies(r -> {
                assertThat(r.method()).isEqualTo("PATCH");
                assertThat(r.header("Content-Type")).startsWith("application/json");
            });
        }

        @Test
        void removesWithCamelCaseAnswersToo() {
            pc.simulator.casing(Casing.CAMEL);

            assertThat(remove(pc, CLEAN, CONTEXT).block().removed()).isTrue();
        }
    }

    @Nested
    class Headers {

        @Test
        void sendsTheDocumentedHeaders() {
            pc.client.customer(CLEAN, new CallContext("e-1", "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")).block();

            RecordedRequest request = pc.simulator.recentRequests().get(0);
            assertThat(request.header("Authorization")).isEqualTo("Bearer ***");
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("MS-Contract-Version")).isEqualTo("v1");
            assertThat(request.header("X-Locale")).isEqualTo("en-US");
            assertThat(request.header("MS-CorrelationId")).isEqualTo("8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
            assertThat(request.header("MS-RequestId"))
                    .isEqualTo(DerivedIds.partnerCenterRequestId("e-1", "get-customer"));
        }

        @Test
        void readsSendNoBodyAndTheRemovalSendsItsJson() {
            pc.client.entitlements(CLEAN, CONTEXT).collectList().block();
            remove(pc, CLEAN, CONTEXT).block();

            RecordedRequest read = pc.simulator.recentRequests().get(0);
            RecordedRequest patch = pc.simulator.recentRequests().get(1);
            assertThat(read.header("Transfer-Encoding")).isNull();
            assertThat(read.header("Content-Type")).isNull();
            assertThat(read.header("Content-Length")).isIn(null, "0");
            assertThat(patch.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(patch.header("Transfer-Encoding")).isNull();
            assertThat(patch.header("Content-Length")).isNotNull();
        }

        @Test
        void aCallRetriedAfterAnAnswerCarriesANewRequestIdDerivedFromTheFirst() {
            pc.simulator.failNext(FailNext.status(1, 503));

            pc.client.customer(CLEAN, CONTEXT).block();

            String first = DerivedIds.partnerCenterRequestId(CONTEXT.requestEventId(), "get-customer");
            assertThat(pc.simulator.recentRequests().stream().map(r -> r.header("MS-RequestId")).toList())
                    .containsExactly(first, DerivedIds.partnerCenterRequestId(first, "after-answer-1"));
        }

        @Test
        void aRemovalPartnerCenterAnsweredWithAFailureIsRetriedWithANewRequestId() {
            pc.simulator.failNext(FailNext.status(1, 503));
            String given = "0f6f5d2e-aaaa-4bbb-8ccc-123456789abc";

            assertThat(pc.client.removeResellerRelationship(CLEAN, given, CONTEXT).block().removed()).isTrue();

            assertThat(pc.simulator.recentRequests().stream().map(r -> r.header("MS-RequestId")).toList())
                    .containsExactly(given, DerivedIds.partnerCenterRequestId(given, "after-answer-1"));
        }

        @Test
        void aRemovalLeftUnansweredIsNotRetriedHereButLeftToTheCallerWhoKnowsItMayHaveGoneThrough() {
            try (SimulatedPartnerCenter slow = new SimulatedPartnerCenter(seeded(),
                    s -> s.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), java.time.Clock.systemUTC())) {
                slow.simulator.failNext(FailNext.noAnswer(1));

                assertThatThrownBy(() -> slow.client.removeResellerRelationship(CLEAN,
                        "0f6f5d2e-aaaa-4bbb-8ccc-123456789abc", CONTEXT).block())
                        .isInstanceOfSatisfying(PartnerCenterTransientException.class,
                                e -> assertThat(e.definiteAnswer()).isFalse());
                assertThat(slow.simulator.recentRequests()).singleElement().satisfies(r ->
                        assertThat(r.header("MS-RequestId")).isEqualTo("0f6f5d2e-aaaa-4bbb-8ccc-123456789abc"));
            }
        }

        @Test
        void eachPageAndOperationHasItsOwnRequestId() {
            pc.client.subscriptions(BUSY, CONTEXT).blockLast();
            pc.client.customer(BUSY, CONTEXT).block();

            assertThat(pc.simulator.recentRequests()).extracting(r -> r.header("MS-RequestId"))
                    .hasSize(4).doesNotHaveDuplicates();
        }

        @Test
        void aCorrelationIdThatIsNotAGuidBecomesAStableGuid() {
            pc.client.customer(CLEAN, new CallContext("e-2", "crm\r\nX-Injected: 1")).block();
            pc.client.customer(CLEAN, new CallContext("e-3", "crm\r\nX-Injected: 1")).block();

            List<String> sent = pc.simulator.recentRequests().stream().map(r -> r.header("MS-CorrelationId"))
                    .toList();
            assertThat(sent.get(0)).matches("[0-9a-f-]{36}").isEqualTo(sent.get(1));
        }

        @Test
        void followsTheNextLinkWithTheHeadersItCarries() {
            pc.client.subscriptions(BUSY, CONTEXT).blockLast();

            List<RecordedRequest> requests = pc.simulator.recentRequests();
            assertThat(requests.get(0).header("MS-ContinuationToken")).isNull();
            assertThat(requests.get(1).uri()).isEqualTo("/v1/customers/" + BUSY.value()
                    + "/subscriptions?seekOperation=Next");
            assertThat(requests.get(1).header("MS-ContinuationToken")).isNotBlank();
            assertThat(requests.get(2).header("MS-ContinuationToken")).isNotEqualTo(
                    requests.get(1).header("MS-ContinuationToken"));
        }
    }

    @Nested
    class Authentication {

        @Test
        void exchangesTheRefreshTokenOnceAndReusesTheAccessToken() {
            pc.client.customer(CLEAN, CONTEXT).block();
            pc.client.subscriptions(BUSY, CONTEXT).blockLast();

            assertThat(pc.simulator.counters().tokensIssued()).isEqualTo(1);
        }

        @Test
        void refreshesBeforeTheTokenExpires() {
            MutableClock clock = new MutableClock();
            try (SimulatedPartnerCenter timed = new SimulatedPartnerCenter(seeded(), s -> s.withTokenRefreshBefore(
                    Duration.ofMinutes(5)), clock)) {
                timed.client.customer(CLEAN, CONTEXT).block();
                clock.advance(Duration.ofMinutes(56));

                timed.client.customer(CLEAN, CONTEXT).block();

                Counters counters = timed.simulator.counters();
                assertThat(counters.tokensIssued()).isEqualTo(2);
                assertThat(counters.callsWithStatus(401)).isZero();
            }
        }

        @Test
        void keepsUsingAValidTokenUntilItsRefreshTime() {
            MutableClock clock = new MutableClock();
            try (SimulatedPartnerCenter timed = new SimulatedPartnerCenter(seeded(), s -> s, clock)) {
                timed.client.customer(CLEAN, CONTEXT).block();
                clock.advance(Duration.ofMinutes(50));

                timed.client.customer(CLEAN, CONTEXT).block();

                assertThat(timed.simulator.counters().tokensIssued()).isEqualTo(1);
            }
        }

        @Test
        void aRevokedTokenIsRefreshedOnceAndTheCallRetried() {
            pc.client.customer(CLEAN, CONTEXT).block();
            pc.simulator.revokeAccessTokens();

            Customer customer = pc.client.customer(CLEAN, CONTEXT).block();

            assertThat(customer.id()).isEqualTo(CLEAN.value());
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}", 401)).isEqualTo(1);
            assertThat(pc.simulator.counters().tokensIssued()).isEqualTo(2);
        }

        @Test
        void keepsTheRotatedRefreshTokenWhenTheOldOneStopsWorking() {
            MutableClock clock = new MutableClock();
            try (SimulatedPartnerCenter strict = new SimulatedPartnerCenter(
                    seeded().withStrictRefreshTokenRotation(true), s -> s, clock)) {
                for (int i = 0; i < 3; i++) {
                    strict.client.customer(CLEAN, CONTEXT).block();
                    clock.advance(Duration.ofMinutes(59));
                }

                assertThat(strict.simulator.counters().tokensIssued()).isEqualTo(3);
                assertThat(strict.rotatedRefreshTokens).hasSize(3).doesNotHaveDuplicates();
            }
        }

        @Test
        void aRefreshTokenTheAuthorityRejectsIsAnAuthFailureThatDoesNotShowIt() {
            SimulatorSettings settings = seeded();
            try (SimulatedPartnerCenter wrong = new SimulatedPartnerCenter(settings, s -> new PartnerCenterSettings(
                    s.baseUrl(), s.authority(), s.tokenResource(), new Credentials.RefreshToken(
                            settings.partnerTenantId(), settings.clientId(), Secret.of(settings.clientSecret()),
                            Secret.of("revoked-refresh-token-value")), s.connectTimeout(), s.responseTimeout(),
                    s.retry(), 0, 10, "en-US", Duration.ofMinutes(5)), java.time.Clock.systemUTC())) {

                assertThatThrownBy(() -> wrong.client.customer(CLEAN, CONTEXT).block())
                        .isInstanceOf(PartnerCenterAuthException.class)
                        .hasMessageContaining("invalid_grant")
                        .hasMessageNotContaining("revoked-refresh-token-value")
                        .hasMessageNotContaining(settings.clientSecret());
                assertThat(wrong.simulator.counters().totalApiCalls()).isZero();
            }
        }

        @Test
        void a401WithAStaticTokenIsStopAndAlertWithoutRetries() {
            try (SimulatedPartnerCenter fixed = new SimulatedPartnerCenter(seeded(), s -> new PartnerCenterSettings(
                    s.baseUrl(), s.authority(), s.tokenResource(), new Credentials.StaticAccessToken(
                            Secret.of("expired-dev-token")), s.connectTimeout(), s.responseTimeout(), s.retry(), 0, 10,
                    "en-US", Duration.ofMinutes(5)), java.time.Clock.systemUTC())) {

                assertThatThrownBy(() -> fixed.client.customer(CLEAN, CONTEXT).block())
                        .isInstanceOf(PartnerCenterAuthException.class)
                        .hasMessageNotContaining("expired-dev-token");
                assertThat(fixed.simulator.counters().calls("GET /v1/customers/{id}", 401)).isEqualTo(1);
            }
        }

        @Test
        void aStaticTokenThePartnerCenterAcceptsWorks() {
            try (SimulatedPartnerCenter fixed = new SimulatedPartnerCenter(
                    seeded().withStaticAccessTokens(java.util.Set.of("dev-token")),
                    s -> new PartnerCenterSettings(s.baseUrl(), s.authority(), s.tokenResource(),
                            new Credentials.StaticAccessToken(Secret.of("dev-token")), s.connectTimeout(),
                            s.responseTimeout(), s.retry(), 0, 10, "en-US", Duration.ofMinutes(5)),
                    java.time.Clock.systemUTC())) {

                assertThat(fixed.client.customer(CLEAN, CONTEXT).block().id()).isEqualTo(CLEAN.value());
                assertThat(fixed.simulator.counters().tokensIssued()).isZero();
            }
        }

        @Test
        void a403OtherThan20002IsStopAndAlert() {
            pc.simulator.failNext(FailNext.status(1, 403));

            assertThatThrownBy(() -> pc.client.customer(CLEAN, CONTEXT).block())
                    .isInstanceOf(PartnerCenterAuthException.class)
                    .satisfies(e -> assertThat(((PartnerCenterException) e).httpStatus()).isEqualTo(403));
        }
    }

    @Nested
    class Resilience {

        @Test
        void retriesA5xxAndSucceeds() {
            pc.simulator.failNext(FailNext.status(2, 503));

            assertThat(pc.client.customer(CLEAN, CONTEXT).block().id()).isEqualTo(CLEAN.value());
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}", 503)).isEqualTo(2);
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}", 200)).isEqualTo(1);
        }

        @Test
        void aGetOnAConnectionTheServerClosedIsSentAgainAtOnceOnANewOneWithoutSpendingAnAttempt() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SimulatedPartnerCenter once = new SimulatedPartnerCenter(seeded(), s -> s.withRetry(RetryPolicy.none()),
                    java.time.Clock.systemUTC(), registry)) {
                once.simulator.failNext(FailNext.connectionClosed(1));

                assertThat(once.client.customer(CLEAN, CONTEXT).block().id()).isEqualTo(CLEAN.value());

                assertThat(once.simulator.counters().calls("GET /v1/customers/{id}", 0)).isEqualTo(1);
                assertThat(once.simulator.counters().calls("GET /v1/customers/{id}", 200)).isEqualTo(1);
                assertThat(once.simulator.recentRequests().stream().map(r -> r.header("MS-RequestId")).distinct())
                        .as("the same call, sent again").hasSize(1);
                assertThat(registry.get(CallMetrics.RETRIES).tags("operation", "get-customer", "reason",
                        "stale_connection").counter().count()).isEqualTo(1);
                assertThat(registry.get(CallMetrics.RETRIES).tags("operation", "get-customer", "reason",
                        "transport").counter().count()).as("no attempt of the retry policy spent").isZero();
            }
        }

        @Test
        void theRemovalPatchOnAConnectionTheServerClosedIsSentAgainAtOnceWithTheSameRequestId() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SimulatedPartnerCenter once = new SimulatedPartnerCenter(seeded(), s -> s.withRetry(RetryPolicy.none()),
                    java.time.Clock.systemUTC(), registry)) {
                once.simulator.failNext(FailNext.connectionClosed(1).onlyFor("PATCH"));

                assertThat(remove(once, CLEAN, CONTEXT).block()).isNotNull();

                assertThat(once.simulator.counters().calls("PATCH /v1/customers/{id}", 0)).isEqualTo(1);
                assertThat(once.simulator.counters().calls("PATCH /v1/customers/{id}", 200)).isEqualTo(1);
                assertThat(once.simulator.recentRequests().stream().filter(r -> r.method().equals("PATCH"))
                        .map(r -> r.header("MS-RequestId")).distinct()).as("the same call, sent again").hasSize(1);
                assertThat(registry.get(CallMetrics.RETRIES).tags("operation", "remove-relationship", "reason",
                        "stale_connection").counter().count()).isEqualTo(1);
            }
        }

        @Test
        void aPatchWhoseFreshConnectionAlsoClosesIsLeftToTheCaller() {
            try (SimulatedPartnerCenter twice = new SimulatedPartnerCenter(seeded(), s -> s.withRetry(RetryPolicy.none()),
                    java.time.Clock.systemUTC())) {
                twice.simulator.failNext(FailNext.connectionClosed(2).onlyFor("PATCH"));

                assertThatThrownBy(() -> remove(twice, CLEAN, CONTEXT).block())
                        .isInstanceOf(PartnerCenterTransientException.class);
                assertThat(twice.simulator.counters().calls("PATCH /v1/customers/{id}")).as("once, then once again")
                        .isEqualTo(2);
            }
        }

        @Test
        void idleConnectionsAreClosedBeforeACommonServerKeepAliveWould() {
            assertThat(PartnerCenterSettings.DEFAULT_MAX_IDLE_TIME).isLessThan(Duration.ofSeconds(5));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SimulatedPartnerCenter idle = new SimulatedPartnerCenter(seeded(),
                    s -> s.withMaxIdleTime(Duration.ofMillis(300)), java.time.Clock.systemUTC(), registry)) {
                idle.client.customer(CLEAN, CONTEXT).block();
                assertThat(registry.get("reactor.netty.connection.provider.total.connections").gauge().value())
                        .isPositive();

                // closed in the background once idle for longer than maxIdleTime, not only when next used
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        registry.get("reactor.netty.connection.provider.total.connections").gauge().value())
                        .isZero());
            }
        }

        @Test
        void theConnectionReleasedLastIsReusedFirstSoSpareOnesAgeOutInsteadOfNearingTheServersKeepAlive() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SimulatedPartnerCenter pool = new SimulatedPartnerCenter(seeded(),
                    s -> s.withMaxIdleTime(Duration.ofSeconds(1)), java.time.Clock.systemUTC(), registry)) {
                // each call holds its connection a whole second, so the three overlap even on a very busy machine
                pool.simulator.faults(FaultPlan.NONE.withLatency(1000, 0));
                reactor.core.publisher.Flux.range(0, 3).flatMap(i -> pool.client.customer(CLEAN, CONTEXT)).blockLast();
                assertThat(connections(registry)).isGreaterThanOrEqualTo(3);
                pool.simulator.faults(FaultPlan.NONE);

                // one call every 100 ms: first-in-first-out would rotate them all, each idle well under the
                // second and never evicted; most-recently-used-first keeps using one, and the others age out
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(100)).until(() -> {
                            pool.client.customer(CLEAN, CONTEXT).block();
                            return connections(registry) == 1;
                        });
            }
        }

        private static double connections(SimpleMeterRegistry registry) {
            return registry.get("reactor.netty.connection.provider.total.connections").gauge().value();
        }

        @Test
        void waitsWhatRetryAfterSaysOnA429() {
            pc.simulator.failNext(FailNext.throttled(1, 1));
            long started = System.nanoTime();

            pc.client.customer(CLEAN, CONTEXT).block();

            // a lower bound only: the retry must not come before Partner Center said it may
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}", 429)).isEqualTo(1);
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}", 200)).isEqualTo(1);
        }

        @Test
        void backsOffOnA429WithoutRetryAfter() {
            pc.simulator.failNext(new FailNext(2, 429, -1));

            assertThat(pc.client.customer(CLEAN, CONTEXT).block().id()).isEqualTo(CLEAN.value());
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}", 429)).isEqualTo(2);
        }

        @Test
        void retriesAfterAResponseTimeout() {
            try (SimulatedPartnerCenter slow = new SimulatedPartnerCenter(seeded(),
                    s -> s.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), java.time.Clock.systemUTC())) {
                slow.simulator.failNext(FailNext.noAnswer(1));

                assertThat(slow.client.customer(CLEAN, CONTEXT).block().id()).isEqualTo(CLEAN.value());
                assertThat(slow.simulator.counters().calls("GET /v1/customers/{id}", 0)).isEqualTo(1);
                assertThat(slow.simulator.counters().calls("GET /v1/customers/{id}", 200)).isEqualTo(1);
                // no answer came, so Partner Center may have the first call: the retry must carry the same id
                assertThat(slow.simulator.recentRequests().stream().map(r -> r.header("MS-RequestId")).distinct())
                        .containsExactly(DerivedIds.partnerCenterRequestId(CONTEXT.requestEventId(), "get-customer"));
            }
        }

        @Test
        void givesUpWhenTheRetryBudgetRunsOut() {
            pc.simulator.failNext(FailNext.status(100, 503));

            assertThatThrownBy(() -> pc.client.subscriptions(BUSY, CONTEXT).blockLast())
                    .isInstanceOfSatisfying(PartnerCenterTransientException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(4);
                        assertThat(e.httpStatus()).isEqualTo(503);
                        assertThat(e.getMessage()).contains("gave up after 4 attempts");
                    });
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}/subscriptions", 503)).isEqualTo(4);
        }

        @Test
        void givesUpAtOnceWhenRetryAfterIsBeyondTheTimeBudget() {
            pc.simulator.failNext(FailNext.throttled(1, 120));

            assertThatThrownBy(() -> pc.client.customer(CLEAN, CONTEXT).block())
                    .isInstanceOfSatisfying(PartnerCenterTransientException.class, e -> {
                        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
                        assertThat(e.attempts()).isEqualTo(1);
                    });
        }

        @Test
        void aConnectionThatCannotBeMadeIsTransient() throws Exception {
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            try (PartnerCenterClient nowhere = PartnerCenterClient.create(PartnerCenterSettings.forCloud(Cloud.GLOBAL,
                    new Credentials.StaticAccessToken(Secret.of("t")))
                    .withBaseUrl(java.net.URI.create("http://127.0.0.1:" + closed))
                    .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), 0,
                            Duration.ofSeconds(5))))) {

                assertThatThrownBy(() -> nowhere.customer(CLEAN, CONTEXT).block())
                        .isInstanceOfSatisfying(PartnerCenterTransientException.class,
                                e -> assertThat(e.attempts()).isEqualTo(2));
            }
        }

        @Test
        void doesNotRetryARefusal() {
            assertThatThrownBy(() -> remove(pc, BUSY, CONTEXT).block())
                    .isInstanceOfSatisfying(PartnerCenterRejectedException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.errorCode()).isEmpty();
                        assertThat(e.description()).contains("active subscriptions");
                    });
            assertThat(pc.simulator.counters().patchesByCustomer()).containsEntry(BUSY.value(), 1L);
        }

        @Test
        void anUnknownCustomerIsNotFoundWithoutRetries() {
            TenantId stranger = TenantId.parse(UUID.randomUUID().toString());

            assertThatThrownBy(() -> pc.client.customer(stranger, CONTEXT).block())
                    .isInstanceOfSatisfying(CustomerNotFoundException.class,
                            e -> assertThat(e.httpStatus()).isEqualTo(404));
            assertThat(pc.simulator.counters().calls("GET /v1/customers/{id}", 404)).isEqualTo(1);
        }

        @Test
        void aCustomerWhoseRelationshipIsGoneIsNotFoundWithCode20002() {
            remove(pc, CLEAN, CONTEXT).block();

            assertThatThrownBy(() -> pc.client.subscriptions(CLEAN, CONTEXT).blockLast())
                    .isInstanceOfSatisfying(CustomerNotFoundException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(403);
                        assertThat(e.errorCode()).contains("20002");
                    });
        }

        @Test
        void aSecondRemovalIsRejectedWithTheDocumentedCode() {
            remove(pc, CLEAN, CONTEXT).block();

            assertThatThrownBy(() -> remove(pc, CLEAN, new CallContext("other", null))
                    .block())
                    .isInstanceOfSatisfying(PartnerCenterRejectedException.class,
                            e -> assertThat(e.errorCode()).contains("3000"));
        }

        @Test
        void theRateLimiterKeepsABacklogInsidePartnerCentersLimit() {
            try (SimulatedPartnerCenter limited = new SimulatedPartnerCenter(
                    seeded().withFaults(FaultPlan.NONE.withRateLimit(20, true)),
                    s -> s.withRequestsPerSecond(18), java.time.Clock.systemUTC())) {

                reactor.core.publisher.Flux.range(0, 40)
                        .flatMap(i -> limited.client.customer(CLEAN, new CallContext("e-" + i, null)))
                        .blockLast(Duration.ofSeconds(30));

                assertThat(limited.simulator.counters().calls("GET /v1/customers/{id}", 200)).isEqualTo(40);
                assertThat(limited.simulator.counters().calls("GET /v1/customers/{id}", 429)).isZero();
            }
        }

        @Test
        void withoutTheRateLimiterTheSameBacklogIsThrottled() {
            try (SimulatedPartnerCenter unlimited = new SimulatedPartnerCenter(
                    seeded().withFaults(FaultPlan.NONE.withRateLimit(20, false)))) {

                reactor.core.publisher.Flux.range(0, 40)
                        .flatMap(i -> unlimited.client.customer(CLEAN, new CallContext("e-" + i, null))
                                .onErrorResume(e -> reactor.core.publisher.Mono.empty()))
                        .blockLast(Duration.ofSeconds(30));

                assertThat(unlimited.simulator.counters().calls("GET /v1/customers/{id}", 429)).isPositive();
            }
        }
    }

    @Nested
    class Safety {

        @Test
        void aMaliciousTenantIdNeverBecomesARequest() {
            for (String hostile : List.of("../admin/reset", "..%2Fadmin%2Freset", "%2e%2e/admin/reset",
                    CLEAN.value() + "/../../admin/reset", "evil.example/" + CLEAN.value(),
                    CLEAN.value() + "@evil.example", "http://evil.example/", CLEAN.value() + "?x=1",
                    CLEAN.value() + "#frag", CLEAN.value() + "\r\nHost: evil.example")) {
                assertThatIllegalArgumentException().isThrownBy(() -> TenantId.parse(hostile));
            }

            assertThat(pc.simulator.counters().totalApiCalls()).isZero();
            assertThat(pc.simulator.recentRequests()).isEmpty();
        }

        @Test
        void noCredentialAppearsInAnyLogLineOrErrorMessage() {
            SimulatorSettings settings = pc.simulator.settings();
            pc.client.customer(CLEAN, CONTEXT).block();
            pc.simulator.revokeAccessTokens();
            pc.client.subscriptions(BUSY, CONTEXT).blockLast();
            pc.simulator.failNext(FailNext.status(10, 500));
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                    () -> pc.client.customer(CLEAN, CONTEXT).block());

            List<String> lines = new java.util.ArrayList<>(logs.lines());
            List<String> json = logs.jsonLines();
            assertThat(json).as("the JSON form carries the call's ids as fields")
                    .anyMatch(l -> l.contains("\"msRequestId\":") && l.contains("\"msCorrelationId\":"));
            lines.addAll(json);
            assertThat(lines).isNotEmpty();
            assertThat(lines).noneMatch(l -> l.contains(settings.clientSecret()) || l.contains(settings.refreshToken())
                    || l.contains("sim-at-") || l.contains("sim-rt-"));
            assertThat(failure).isNotNull();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("sim-at-", "sim-rt-",
                        settings.clientSecret());
            }
            assertThat(pc.client.describe().toString()).doesNotContain(settings.clientSecret(),
                    settings.refreshToken());
        }

        @Test
        void settingsAndSecretsPrintWithoutTheirValues() {
            Credentials.RefreshToken credentials = SimulatedPartnerCenter.credentials(pc.simulator.settings());

            assertThat(credentials.toString()).doesNotContain(pc.simulator.settings().clientSecret())
                    .doesNotContain(pc.simulator.settings().refreshToken());
            assertThat(Secret.of("abc").toString()).isEqualTo("***");
        }
    }

    private static reactor.core.publisher.Mono<io.github.reselleroffboarding.partnercenter.model.RemovalResult> remove(
            SimulatedPartnerCenter pc, TenantId tenant, CallContext context) {
        return pc.client.removeResellerRelationship(tenant, context.msRequestId(Operation.REMOVE_RELATIONSHIP, 1),
                context);
    }
}
