package io.github.reselleroffboarding.partnercenter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.reselleroffboarding.partnercenter.simulator.SimHttp.Answer;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, as a client sees it. */
class PartnerCenterSimulatorTest {

    static final String CLEAN = "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11";
    static final String BUSY = "0b5c3f1e-8d2a-4e6b-9c7d-1a2b3c4d5e6f";
    static final String RESERVED = "3e7d1c9b-2a4f-4b6e-8d1c-9f0a2b3c4d5e";
    static final Instant NEXT_YEAR = Instant.parse("2099-01-01T00:00:00Z"); // unexpired for any run

    /** The simulator's rate-limit clock: still unless a test moves it. */
    final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    PartnerCenterSimulator simulator;
    SimHttp http;
    String token;

    @BeforeEach
    void start() {
        simulator = PartnerCenterSimulator.start(SimulatorSettings.defaults().withPageSize(10).withCustomers(List.of(
                SeedCustomer.customer(CLEAN).companyName("Contoso").subscription("sub-s", "Old plan", "suspended")
                        .build(),
                SeedCustomer.customer(BUSY).subscriptions(23, "active", "Microsoft 365 E3").build(),
                SeedCustomer.customer(RESERVED)
                        .reservedInstance("ri-vm", "virtualmachines", NEXT_YEAR)
                        .reservedInstance("ri-sql", "sqldatabases", NEXT_YEAR)
                        .legacyVmReservedInstance("ri-legacy", NEXT_YEAR)
                        .software("sw-1", SeedCustomer.reservedInstanceJson("ri-nested", "virtualmachines", NEXT_YEAR))
                        .build())), nanos::get);
        http = new SimHttp(simulator.baseUri());
        token = http.token(simulator.settings());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Nested
    class Tokens {

        @Test
        void exchangesTheRefreshTokenForAnExpiringBearerTokenAndRotatesIt() {
            SimulatorSettings s = simulator.settings();

            Answer answer = http.tokenExchange(s.partnerTenantId(), form(s.refreshToken(), s.clientSecret()));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("token_type").asText()).isEqualTo("Bearer");
            assertThat(answer.body().get("expires_in").asText()).isEqualTo("3600");
            assertThat(answer.body().get("access_token").asText()).startsWith("sim-at-");
            assertThat(answer.body().get("refresh_token").asText()).isNotEqualTo(s.refreshToken());
        }

        @Test
        void aWrongClientSecretIsInvalidClient() {
            SimulatorSettings s = simulator.settings();

            Answer answer = http.tokenExchange(s.partnerTenantId(), form(s.refreshToken(), "wrong"));

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().get("error").asText()).isEqualTo("invalid_client");
        }

        @Test
        void anUnknownRefreshTokenIsInvalidGrant() {
            SimulatorSettings s = simulator.settings();

            Answer answer = http.tokenExchange(s.partnerTenantId(), form("stolen", s.clientSecret()));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("error").asText()).isEqualTo("invalid_grant");
            assertThat(answer.body().get("error_description").asText()).startsWith("AADSTS70000");
        }

        @Test
        void requestsWithoutAValidTokenAre401() {
            assertThat(http.get("/v1/customers/" + CLEAN, null).status()).isEqualTo(401);
            assertThat(http.get("/v1/customers/" + CLEAN, "made-up").status()).isEqualTo(401);
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
        }

        @Test
        void revokedTokensAre401() {
            simulator.revokeAccessTokens();

            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(401);
        }

        private Map<String, String> form(String refreshToken, String secret) {
            SimulatorSettings s = simulator.settings();
            return Map.of("grant_type", "refresh_token", "client_id", s.clientId(), "client_secret", secret,
                    "refresh_token", refreshToken, "resource", s.tokenResource());
        }
    }

    @Nested
    class Customers {

        @Test
        void servesACustomerInCamelCaseByDefault() {
            Answer answer = http.get("/v1/customers/" + CLEAN, token);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("id").asText()).isEqualTo(CLEAN);
            assertThat(answer.body().get("companyProfile").get("companyName").asText()).isEqualTo("Contoso");
            assertThat(answer.body().get("relationshipToPartner").asText()).isEqualTo("reseller");
        }

        @Test
        void servesPascalCaseWhenAsked() {
            simulator.casing(Casing.PASCAL);

            JsonNode body = http.get("/v1/customers/" + CLEAN, token).body();

            assertThat(body.has("Id")).isTrue();
            assertThat(body.get("CompanyProfile").get("CompanyName").asText()).isEqualTo("Contoso");
        }

        @Test
        void anUnknownCustomerIs404() {
            Answer answer = http.get("/v1/customers/" + UUID.randomUUID(), token);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body().get("code").asInt()).isEqualTo(1000);
        }
    }

    @Nested
    class Paging {

        @Test
        void pagesSubscriptionsWithAContinuationTokenInTheNextLinksHeaders() {
            List<String> ids = new ArrayList<>();
            Answer page = http.get("/v1/customers/" + BUSY + "/subscriptions", token);
            int pages = 1;
            page.body().get("items").forEach(i -> ids.add(i.get("id").asText()));
            while (page.body().get("links").has("next")) {
                JsonNode next = page.body().get("links").get("next");
                assertThat(next.get("uri").asText()).startsWith("/customers/" + BUSY + "/subscriptions?");
                JsonNode header = next.get("headers").get(0);
                assertThat(header.get("key").asText()).isEqualTo("MS-ContinuationToken");
                page = http.get("/v1" + next.get("uri").asText(), token,
                        Map.of(header.get("key").asText(), header.get("value").asText()));
                page.body().get("items").forEach(i -> ids.add(i.get("id").asText()));
                pages++;
            }

            assertThat(pages).isEqualTo(3);
            assertThat(ids).hasSize(23).doesNotHaveDuplicates();
        }

        @Test
        void aClientThatIgnoresPagingSeesOnlyTheFirstPage() {
            Answer first = http.get("/v1/customers/" + BUSY + "/subscriptions", token);

            assertThat(first.body().get("totalCount").asInt()).isEqualTo(10);
            assertThat(first.body().get("items")).hasSize(10);
        }

        @Test
        void followingANextLinkWithoutItsHeaderIsAnError() {
            Answer answer = http.get("/v1/customers/" + BUSY + "/subscriptions?seekOperation=Next", token);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("description").asText()).contains("MS-ContinuationToken");
        }
    }

    @Nested
    class Entitlements {

        @Test
        void servesTheCurrentFormAsSeededWithExpiryOnlyWhenAsked() {
            JsonNode withoutExpiry = http.get("/v1/customers/" + RESERVED + "/entitlements", token).body();
            JsonNode withExpiry = http.get("/v1/customers/" + RESERVED + "/entitlements?showExpiry=true", token)
                    .body();

            assertThat(withoutExpiry.get("items")).hasSize(4);
            assertThat(withoutExpiry.get("items").get(0).get("entitlementType").asText()).isEqualTo("reservedinstance");
            assertThat(withoutExpiry.get("items").get(0).get("entitledArtifacts").get(0).get("dynamicAttributes")
                    .get("reservationType").asText()).isEqualTo("virtualmachines");
            assertThat(withoutExpiry.get("items").get(0).has("expiryDate")).isFalse();
            assertThat(withExpiry.get("items").get(0).get("expiryDate").asText()).isNotBlank();
            assertThat(withExpiry.get("items").get(3).get("includedEntitlements").get(0).get("expiryDate").asText())
                    .isNotBlank();
        }

        @Test
        void servesEveryVmReservationInTheLegacyFormWhenAskedForIt() {
            JsonNode items = http.get("/v1/customers/" + RESERVED
                    + "/entitlements?entitlementType=virtualmachinereservedinstance", token).body().get("items");

            List<String> orders = new ArrayList<>();
            items.forEach(i -> {
                assertThat(i.get("entitlementType").asText()).isEqualTo("virtualmachinereservedinstance");
                orders.add(i.get("referenceOrder").get("id").asText());
            });
            assertThat(orders).containsExactlyInAnyOrder("ri-vm", "ri-legacy", "ri-nested");
        }

        @Test
        void filtersByTypeCaseInsensitively() {
            JsonNode items = http.get("/v1/customers/" + RESERVED + "/entitlements?entitlementType=reservedInstance",
                    token).body().get("items");

            assertThat(items).hasSize(2);
        }
    }

    @Nested
    class Removal {

        @Test
        void removesAndAnswersWithThePascalCaseEchoOfTheDocs() {
            Answer answer = http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "req-1");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("RelationshipToPartner").asText()).isEqualTo("none");
            assertThat(answer.body().get("Id").isNull()).isTrue();
            assertThat(simulator.counters().removalsByCustomer()).containsEntry(CLEAN, 1L);
        }

        @Test
        void afterRemovalTheCustomerIsGoneForThisPartner() {
            http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "req-1");

            Answer customer = http.get("/v1/customers/" + CLEAN, token);
            Answer subscriptions = http.get("/v1/customers/" + CLEAN + "/subscriptions", token);

            assertThat(customer.status()).isEqualTo(403);
            assertThat(customer.body().get("code").asInt()).isEqualTo(20002);
            assertThat(subscriptions.status()).isEqualTo(403);
        }

        @Test
        void aSecondPatchAnswersThatTheRelationshipDoesNotExist() {
            http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "req-1");

            Answer again = http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "req-2");

            assertThat(again.status()).isEqualTo(400);
            assertThat(again.body().get("code").asInt()).isEqualTo(3000);
            assertThat(simulator.counters().patchesByCustomer()).containsEntry(CLEAN, 2L);
            assertThat(simulator.counters().removalsByCustomer()).containsEntry(CLEAN, 1L);
        }

        @Test
        void theSameRequestIdRepeatedGetsTheSameAnswer() {
            http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "req-1");

            Answer replay = http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "req-1");

            assertThat(replay.status()).isEqualTo(200);
            assertThat(simulator.counters().removalsByCustomer()).containsEntry(CLEAN, 1L);
        }

        @Test
        void activeSubscriptionsOrReservationsBlockTheRemovalWith400NamingTheOrders() {
            Answer busy = http.patch("/v1/customers/" + BUSY, token, SimHttp.REMOVE, "req-b");
            Answer reserved = http.patch("/v1/customers/" + RESERVED, token, SimHttp.REMOVE, "req-r");

            assertThat(busy.status()).isEqualTo(400);
            assertThat(busy.body().has("code")).as("the sandbox's answer carried no code").isFalse();
            assertThat(busy.body().get("description").asText()).startsWith("Customer relationship cannot be removed")
                    .contains("Please cancel the following orders: subscription ");
            assertThat(busy.body().get("data")).hasSize(23);
            assertThat(reserved.status()).isEqualTo(400);
            assertThat(reserved.body().get("data")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("reservation ri-vm", "reservation ri-sql", "reservation ri-legacy",
                            "reservation ri-nested");
        }

        @Test
        void expiredReservationsDoNotBlock() {
            simulator.putCustomer(SeedCustomer.customer(CLEAN)
                    .reservedInstance("ri-old", "virtualmachines", Instant.now().minus(Duration.ofDays(1))).build());

            assertThat(http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "r").status()).isEqualTo(200);
        }

        @Test
        void aCustomerSeededToRefuseGetsThatAnswerAndKeepsItsRelationship() {
            simulator.putCustomer(SeedCustomer.customer(CLEAN).refuseRemoval(403, 2006, "Not valid for the offer")
                    .build());

            Answer answer = http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "r");

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body().get("code").asInt()).isEqualTo(2006);
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
        }

        @Test
        void aRemovalIsWrittenToTheActivityLogAndSoIsOneMadeElsewhere() {
            http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "r");
            simulator.removeElsewhere(BUSY, "bob@partner.example", Instant.parse("2026-11-20T10:00:00Z"));
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30).toString();

            Answer ours = http.get("/v1/auditrecords?startDate=" + today + "&filter=" + filter(CLEAN), token);
            Answer theirs = http.get("/v1/auditrecords?startDate=" + today + "&filter=" + filter(BUSY), token);

            assertThat(ours.body().get("items")).singleElement().satisfies(r -> {
                assertThat(r.get("operationType").asText()).isEqualTo("remove_partner_customer_relationship");
                assertThat(r.get("customerId").asText()).isEqualTo(CLEAN);
            });
            assertThat(theirs.body().get("items")).singleElement().satisfies(r ->
                    assertThat(r.get("userPrincipalName").asText()).isEqualTo("bob@partner.example"));
            assertThat(http.get("/v1/customers/" + BUSY, token).status()).isEqualTo(403);
        }

        @Test
        void theActivityLogRefusesAStartMoreThan90DaysBack() {
            String tooEarly = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(91).toString();

            assertThat(http.get("/v1/auditrecords?startDate=" + tooEarly + "&filter=" + filter(CLEAN), token).status())
                    .isEqualTo(400);
        }

        @Test
        void theAzureSubscriptionsUnderAPlanAreListedAndAnActiveOneBlocksTheRemoval() {
            String plan = "a1b2c3d4-0000-4000-8000-00000000aaaa";
            simulator.putCustomer(SeedCustomer.customer(CLEAN)
                    .rawSubscription(SeedCustomer.azurePlanJson(plan, "suspended"))
                    .azureEntitlement(plan, SeedCustomer.azureEntitlementJson("3f15978e-0000-4000-8000-000000000001",
                            "Production", "active"))
                    .build());

            Answer list = http.get("/v1/customers/" + CLEAN + "/subscriptions/" + plan + "/azureEntitlements", token);
            Answer removal = http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "r");

            assertThat(list.body().get("items")).singleElement().satisfies(e ->
                    assertThat(e.get("friendlyName").asText()).isEqualTo("Production"));
            assertThat(removal.status()).isEqualTo(400);
            assertThat(http.get("/v1/customers/" + CLEAN + "/subscriptions/b1b2c3d4-0000-4000-8000-00000000bbbb"
                    + "/azureEntitlements", token).status()).isEqualTo(404);
        }

        @Test
        void aPatchThatDoesNotSetNoneIsRefused() {
            Answer answer = http.patch("/v1/customers/" + CLEAN, token, "{\"relationshipToPartner\":\"advisor\"}", "r");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(simulator.counters().removalsByCustomer()).doesNotContainKey(CLEAN);
        }
    }

    @Nested
    class Faults {

        @Test
        void failNextFailsExactlyThatManyCallsThenServesAgain() {
            simulator.failNext(FailNext.status(2, 503));

            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(503);
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(503);
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
            assertThat(simulator.counters().calls("GET /v1/customers/{id}", 503)).isEqualTo(2);
        }

        @Test
        void throttlingAnswers429WithRetryAfterAndTheDocumentedBody() {
            simulator.failNext(FailNext.throttled(1, 7));

            Answer answer = http.get("/v1/customers/" + CLEAN, token);

            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.header("Retry-After")).isEqualTo("7");
            assertThat(answer.body().get("statusCode").asInt()).isEqualTo(429);
            assertThat(answer.body().get("message").asText()).isEqualTo(
                    "Rate limit is exceeded. Try again in 7 seconds.");
        }

        @Test
        void aPartnerWideRateLimitAnswers429BeyondIt() {
            simulator.faults(FaultPlan.NONE.withRateLimit(5, false));
            List<Integer> statuses = new ArrayList<>();

            for (int i = 0; i < 12; i++) {
                statuses.add(http.get("/v1/customers/" + CLEAN, token).status());
            }

            // time stands still: the bucket holds 5 calls and does not refill
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(5L);
            assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(7L);

            nanos.addAndGet(java.time.Duration.ofSeconds(1).toNanos());
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
        }

        @Test
        void aTimeoutFaultNeverAnswers() {
            simulator.failNext(FailNext.noAnswer(1));

            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(simulator.baseUri().resolve(
                    "/v1/customers/" + CLEAN)).header("Authorization", "Bearer " + token).GET(),
                    Duration.ofMillis(500)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
        }

        @Test
        void failNextCanAimAtOneCustomer() {
            simulator.failNext(FailNext.status(1, 503).forCustomer(BUSY));

            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
            assertThat(http.get("/v1/customers/" + BUSY, token).status()).isEqualTo(503);
            assertThat(http.get("/v1/customers/" + BUSY, token).status()).isEqualTo(200);
        }

        @Test
        void anAuthOutageRefusesCallsAndRefreshTokensUntilItEnds() {
            http.admin("PUT", "/admin/auth-outage", Map.of("enabled", true));

            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(401);
            SimulatorSettings s = simulator.settings();
            assertThat(http.tokenExchange(s.partnerTenantId(), Map.of("grant_type", "refresh_token", "client_id",
                    s.clientId(), "client_secret", s.clientSecret(), "refresh_token", s.refreshToken(), "resource",
                    s.tokenResource())).body().get("error").asText()).isEqualTo("invalid_grant");

            http.admin("PUT", "/admin/auth-outage", Map.of("enabled", false));
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
        }

        @Test
        void countsTheMostCallsInProgressAtOnce() throws Exception {
            // held until all six are in progress together, however slowly the machine starts them
            simulator.holdCallsUntilConcurrent(6, java.time.Duration.ofMinutes(1));
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(6);
            try {
                List<java.util.concurrent.Future<Answer>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    calls.add(clients.submit(() -> http.get("/v1/customers/" + CLEAN, token)));
                }
                for (var call : calls) {
                    assertThat(call.get().status()).isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }

            assertThat(simulator.counters().maxConcurrentCalls()).isEqualTo(6);
        }

        @Test
        void heldCallsGoOnAfterAtMostEvenIfTooFewArrive() {
            simulator.holdCallsUntilConcurrent(2, java.time.Duration.ofMillis(200));

            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
            assertThat(simulator.counters().maxConcurrentCalls()).isEqualTo(1);
        }

        @Test
        void theSameSeedGivesTheSameFaults() {
            assertThat(statusesWithSeed(7)).isEqualTo(statusesWithSeed(7)).contains(200).containsAnyOf(500, 503);
        }

        private List<Integer> statusesWithSeed(long seed) {
            try (PartnerCenterSimulator seeded = PartnerCenterSimulator.start(SimulatorSettings.defaults()
                    .withSeed(seed).withFaults(FaultPlan.NONE.withErrorRate(0.5))
                    .withCustomers(List.of(SeedCustomer.customer(CLEAN).build())))) {
                SimHttp client = new SimHttp(seeded.baseUri());
                String bearer = client.token(seeded.settings());
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    statuses.add(client.get("/v1/customers/" + CLEAN, bearer).status());
                }
                return statuses;
            }
        }
    }

    @Nested
    class AdminApi {

        @Test
        void createsReadsAndDeletesCustomers() {
            String id = UUID.randomUUID().toString();
            Map<String, Object> customer = Map.of("companyName", "Fabrikam", "generateSubscriptions",
                    List.of(Map.of("count", 3, "status", "active", "offerName", "E5")));

            assertThat(http.admin("PUT", "/admin/customers/" + id, customer).status()).isEqualTo(204);
            assertThat(http.admin("GET", "/admin/customers/" + id, null).body().get("subscriptions")).hasSize(3);
            assertThat(http.get("/v1/customers/" + id + "/subscriptions", token).body().get("items")).hasSize(3);
            assertThat(http.admin("DELETE", "/admin/customers/" + id, null).status()).isEqualTo(204);
            assertThat(http.get("/v1/customers/" + id, token).status()).isEqualTo(404);
        }

        @Test
        void readsCountersAndResetsThem() {
            http.get("/v1/customers/" + CLEAN, token);

            JsonNode counters = http.admin("GET", "/admin/counters", null).body();
            assertThat(counters.get("calls").get("GET /v1/customers/{id}").get("200").asLong()).isEqualTo(1);
            assertThat(counters.get("tokensIssued").asLong()).isEqualTo(1);

            http.admin("POST", "/admin/counters/reset", null);
            assertThat(simulator.counters().totalApiCalls()).isZero();
        }

        @Test
        void setsFaultsAndFailNextOverHttp() {
            assertThat(http.admin("POST", "/admin/faults/fail-next", Map.of("count", 1, "status", 500,
                    "retryAfterSeconds", -1)).status()).isEqualTo(204);
            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(500);

            assertThat(http.admin("PUT", "/admin/faults", Map.of("latencyMillis", 5, "jitterMillis", 1))
                    .status()).isEqualTo(204);
            assertThat(http.admin("GET", "/admin/faults", null).body().get("latencyMillis").asLong()).isEqualTo(5);
            assertThat(http.admin("PUT", "/admin/faults", Map.of("errorRate", 2)).status()).isEqualTo(400);
        }

        @Test
        void switchesCasingAndPageSizeAtRuntime() {
            http.admin("PUT", "/admin/settings", Map.of("casing", "pascal", "pageSize", 5));

            JsonNode page = http.get("/v1/customers/" + BUSY + "/subscriptions", token).body();

            assertThat(page.get("Items")).hasSize(5);
            assertThat(page.get("Links").get("Next").get("Headers").get(0).get("Key").asText())
                    .isEqualTo("MS-ContinuationToken");
        }

        @Test
        void resetRestoresTheSeededBook() {
            http.patch("/v1/customers/" + CLEAN, token, SimHttp.REMOVE, "r");

            http.admin("POST", "/admin/reset", null);

            assertThat(http.get("/v1/customers/" + CLEAN, token).status()).isEqualTo(200);
            assertThat(simulator.counters().removalsByCustomer()).isEmpty();
        }
    }

    private static String filter(String customerId) {
        return java.net.URLEncoder.encode("{\"Field\":\"CustomerId\",\"Value\":\"" + customerId
                + "\",\"Operator\":\"equals\"}", java.nio.charset.StandardCharsets.UTF_8);
    }
}
