package io.github.reselleroffboarding.partnercenter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.reselleroffboarding.partnercenter.simulator.SimHttp.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Suspend, cancel and auto-renew off over real HTTP, with the rules Partner Center documents for them. */
class SubscriptionWritesTest {

    static final String CUSTOMER = "7a1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a22";
    final Instant inAWeek = Instant.now().plus(Duration.ofDays(7));
    final Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
    final Instant nextYear = Instant.now().plus(Duration.ofDays(365));

    PartnerCenterSimulator simulator;
    SimHttp http;
    String token;

    @BeforeEach
    void start() {
        simulator = PartnerCenterSimulator.start(SimulatorSettings.defaults().withCustomers(List.of(
                SeedCustomer.customer(CUSTOMER)
                        .subscription("legacy-1", "Office 365 E3", "active")
                        .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-open", "Microsoft 365 E3", "active",
                                inAWeek, nextYear, true))
                        .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-closed", "Microsoft 365 E5", "active",
                                lastWeek, nextYear, true))
                        .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-suspended", "Teams", "suspended",
                                inAWeek, nextYear, true))
                        .rawSubscription(SeedCustomer.azurePlanJson("plan-1", "active"))
                        .azureEntitlement("plan-1", SeedCustomer.azureEntitlementJson("az-1", "Production",
                                "active"))
                        .build())), System::nanoTime);
        http = new SimHttp(simulator.baseUri());
        token = http.token(simulator.settings());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aLegacySubscriptionIsSuspendedWithItsEtagAndShowsANewOne() {
        String etag = etagOf("legacy-1");

        Answer answer = write("legacy-1", "{\"status\":\"suspended\"}", etag);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("suspended");
        assertThat(etagOf("legacy-1")).isNotEqualTo(etag);
        assertThat(simulator.counters().appliedWrites(CUSTOMER, "suspend")).isEqualTo(1);
    }

    @Test
    void aWriteWithAStaleEtagIsRefusedWith412AndChangesNothing() {
        String etag = etagOf("nce-open");
        assertThat(write("nce-open", "{\"autoRenewEnabled\":false}", etag).status()).isEqualTo(200);

        Answer stale = write("nce-open", "{\"status\":\"deleted\"}", etag);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("code").asText()).isEqualTo("2055");
        assertThat(subscription("nce-open").get("status").asText()).isEqualTo("active");
        assertThat(simulator.counters().writes(CUSTOMER, "cancel")).isEqualTo(1);
        assertThat(simulator.counters().appliedWrites(CUSTOMER, "cancel")).isZero();
    }

    @Test
    void aNewCommerceSubscriptionIsCancelledInsideItsWindowOnly() {
        Answer open = write("nce-open", "{\"status\":\"deleted\"}", etagOf("nce-open"));
        Answer closed = write("nce-closed", "{\"status\":\"deleted\"}", etagOf("nce-closed"));

        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body().get("status").asText()).isEqualTo("deleted");
        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.body().get("code").asText()).isEqualTo("900117");
        assertThat(subscription("nce-closed").get("status").asText()).isEqualTo("active");
    }

    @Test
    void autoRenewCanBeTurnedOffOutsideTheWindow() {
        Answer answer = write("nce-closed", "{\"autoRenewEnabled\":false}", etagOf("nce-closed"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(subscription("nce-closed").get("autoRenewEnabled").asBoolean()).isFalse();
        assertThat(simulator.counters().appliedWrites(CUSTOMER, "auto-renew-off")).isEqualTo(1);
    }

    @Test
    void aSuspendedSubscriptionCannotBeCancelled() {
        Answer answer = write("nce-suspended", "{\"status\":\"deleted\"}", etagOf("nce-suspended"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("code").asText()).isEqualTo("800091");
    }

    @Test
    void anAzurePlanIsNotSuspendedWhileAnAzureSubscriptionUnderItIsActive() {
        Answer answer = write("plan-1", "{\"status\":\"suspended\"}", etagOf("plan-1"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().get("code").asText()).isEqualTo("900115");
    }

    @Test
    void anAzureSubscriptionCancelledIsAcceptedThenShowsInactiveAndThePlanCanBeSuspended() {
        Answer cancel = cancelAzure("az-1", "{\"cancellationReason\":\"compromise\"}", "req-cancel-1");

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(azureStatus("az-1")).isEqualTo("inactive");
        assertThat(write("plan-1", "{\"status\":\"suspended\"}", etagOf("plan-1")).status()).isEqualTo(200);
        assertThat(simulator.counters().appliedWrites(CUSTOMER, "cancel-azure-subscription")).isEqualTo(1);
    }

    @Test
    void whileACancellationIsUnderWayTheAzureSubscriptionStaysActiveAndACopyChangesNothing() {
        simulator.azureCancellationDelay(Duration.ofHours(1));
        assertThat(cancelAzure("az-1", "{\"cancellationReason\":\"compromise\"}", "req-cancel-1").status())
                .isEqualTo(202);

        Answer copy = cancelAzure("az-1", "{\"cancellationReason\":\"compromise\"}", "req-cancel-1");
        Answer another = cancelAzure("az-1", "{\"cancellationReason\":\"compromise\"}", "req-cancel-2");

        assertThat(copy.status()).as("the same MS-RequestId: answered as the first").isEqualTo(202);
        assertThat(another.status()).isEqualTo(409);
        assertThat(another.body().get("code").asText()).isEqualTo("800060");
        assertThat(azureStatus("az-1")).isEqualTo("active");
        assertThat(write("plan-1", "{\"status\":\"suspended\"}", etagOf("plan-1")).body().get("code").asText())
                .isEqualTo("900115");
        assertThat(simulator.counters().writes(CUSTOMER, "cancel-azure-subscription")).isEqualTo(3);
        assertThat(simulator.counters().appliedWrites(CUSTOMER, "cancel-azure-subscription")).isEqualTo(1);
        simulator.completeAzureCancellations();
        assertThat(azureStatus("az-1")).isEqualTo("inactive");
    }

    @Test
    void anAzureCancellationNeedsTheDocumentedReasonAndAKnownAzureSubscription() {
        Answer badReason = cancelAzure("az-1", "{\"cancellationReason\":\"offboarding\"}", "req-1");
        Answer unknown = cancelAzure("az-nope", "{\"cancellationReason\":\"compromise\"}", "req-2");
        cancelAzure("az-1", "{\"cancellationReason\":\"compromise\"}", "req-3");
        Answer again = cancelAzure("az-1", "{\"cancellationReason\":\"compromise\"}", "req-4");

        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.body().get("code").asText()).isEqualTo("900307");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asText()).isEqualTo("800111");
        assertThat(again.status()).as("no longer active").isEqualTo(400);
        assertThat(again.body().get("code").asText()).isEqualTo("800096");
    }

    @Test
    void aDeletedSubscriptionCannotBeUpdated() {
        write("nce-open", "{\"status\":\"deleted\"}", etagOf("nce-open"));

        Answer again = write("nce-open", "{\"autoRenewEnabled\":false}", etagOf("nce-open"));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("code").asText()).isEqualTo("2011");
    }

    @Test
    void aWriteWithoutIfMatchIsRefused() {
        Answer answer = write("legacy-1", "{\"status\":\"suspended\"}", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(subscription("legacy-1").get("status").asText()).isEqualTo("active");
        assertThat(simulator.counters().appliedWrites(CUSTOMER, "suspend")).isZero();
    }

    @Test
    void anUnknownSubscriptionIsNotFound() {
        assertThat(write("nope", "{\"status\":\"suspended\"}", "x").status()).isEqualTo(404);
        assertThat(http.get(path("nope"), token).status()).isEqualTo(404);
    }

    @Test
    void theListShowsTheSameEtagAsTheSingleRead() {
        JsonNode listed = http.get("/v1/customers/" + CUSTOMER + "/subscriptions", token).body().get("items");

        for (JsonNode item : listed) {
            assertThat(item.get("attributes").get("etag").asText()).isEqualTo(etagOf(item.get("id").asText()));
        }
    }

    private Answer write(String subscriptionId, String body, String etag) {
        return http.patch(path(subscriptionId), token, body, "req-" + subscriptionId, etag);
    }

    private Answer cancelAzure(String entitlementId, String body, String requestId) {
        return http.post(path("plan-1") + "/azureEntitlements/" + entitlementId + "/cancel", token, body, requestId);
    }

    private String azureStatus(String entitlementId) {
        for (JsonNode item : http.get(path("plan-1") + "/azureEntitlements", token).body().get("items")) {
            if (item.get("id").asText().equals(entitlementId)) {
                return item.get("status").asText();
            }
        }
        throw new AssertionError("no Azure subscription " + entitlementId);
    }

    private JsonNode subscription(String subscriptionId) {
        Answer answer = http.get(path(subscriptionId), token);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private String etagOf(String subscriptionId) {
        return subscription(subscriptionId).get("attributes").get("etag").asText();
    }

    private static String path(String subscriptionId) {
        return "/v1/customers/" + CUSTOMER + "/subscriptions/" + subscriptionId;
    }
}
