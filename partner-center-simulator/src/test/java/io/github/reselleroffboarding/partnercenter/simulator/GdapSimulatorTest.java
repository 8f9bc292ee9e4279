package io.github.reselleroffboarding.partnercenter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.reselleroffboarding.partnercenter.simulator.SimHttp.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Microsoft Graph GDAP endpoints over real HTTP, as a client sees them. */
class GdapSimulatorTest {

    static final String CUSTOMER = "4a1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a55";
    static final String LIST = "/v1.0/tenantRelationships/delegatedAdminRelationships";

    PartnerCenterSimulator simulator;
    SimHttp http;
    String token;

    @BeforeEach
    void start() {
        simulator = PartnerCenterSimulator.start(SimulatorSettings.defaults().withPageSize(2));
        simulator.putGdapRelationships(CUSTOMER, IntStream.range(0, 5).mapToObj(i -> PartnerCenterSimulator
                .gdapRelationship("rel-" + i, "Contoso admin " + i, i < 4 ? "active" : "expired")).toList());
        http = new SimHttp(simulator.baseUri());
        token = graphToken();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void listsACustomersRelationshipsPageByPageFollowingTheNextLink() {
        List<String> ids = new ArrayList<>();
        String next = LIST + "?$filter=" + encode("customer/tenantId eq '" + CUSTOMER + "'");
        int pages = 0;
        while (next != null) {
            Answer page = http.get(next, token);
            assertThat(page.status()).isEqualTo(200);
            page.body().get("value").forEach(r -> ids.add(r.get("id").asText()));
            next = page.body().has("@odata.nextLink") ? relative(page.body().get("@odata.nextLink").asText()) : null;
            pages++;
        }

        assertThat(ids).containsExactly("rel-0", "rel-1", "rel-2", "rel-3", "rel-4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersByStatusAndRefusesATopAboveThreeHundred() {
        Answer active = http.get(LIST + "?$top=300&$filter=" + encode("status eq 'active' and customer/tenantId eq '"
                + CUSTOMER + "'"), token);

        assertThat(active.body().get("value")).hasSize(2).allSatisfy(r -> assertThat(r.get("status").asText())
                .isEqualTo("active"));
        assertThat(active.body().get("@odata.nextLink").asText()).contains("$top=300").contains("$skiptoken=2");
        assertThat(http.get(LIST + "?$top=301&$filter=" + encode("customer/tenantId eq '" + CUSTOMER + "'"), token)
                .status()).isEqualTo(400);
    }

    @Test
    void aTerminateRequestIsAcceptedOnceAndTheStatusMovesOnToTerminated() {
        Answer first = terminate("rel-0");
        Answer second = terminate("rel-0");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).contains("/delegatedAdminRelationships/rel-0/requests/");
        assertThat(second.status()).isEqualTo(409);
        assertThat(statusOf("rel-0")).isEqualTo("terminating");
        assertThat(statusOf("rel-0")).isEqualTo("terminated");
        assertThat(simulator.counters().gdapTerminateRequests(CUSTOMER)).isEqualTo(2);
    }

    @Test
    void partnerCenterTokensAreNotGraphTokensAndAnOutageIsA503WithRetryAfter() {
        String partnerCenterToken = http.token(simulator.settings());

        assertThat(http.get(LIST + "/rel-1", partnerCenterToken).status()).isEqualTo(401);
        simulator.graphOutage(true);
        Answer down = http.get(LIST + "/rel-1", token);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("1");
        assertThat(down.body().get("error").get("code").asText()).isEqualTo("ServiceUnavailable");
    }

    @Test
    void theSameInjectedFaultsApplyToGraphCalls() {
        simulator.failNext(FailNext.throttled(1, 2).forCustomer(CUSTOMER));

        Answer throttled = http.get(LIST + "/rel-1", token);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("2");
        assertThat(http.get(LIST + "/rel-1", token).status()).isEqualTo(200);
    }

    private Answer terminate(String id) {
        return http.send(HttpRequest.newBuilder(simulator.baseUri().resolve(LIST + "/" + id + "/requests"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"terminate\"}")), Duration.ofSeconds(5));
    }

    private String statusOf(String id) {
        JsonNode relationship = http.get(LIST + "/" + id, token).body();
        return relationship.get("status").asText();
    }

    private String graphToken() {
        SimulatorSettings s = simulator.settings();
        String form = Map.of("grant_type", "client_credentials", "client_id", s.clientId(), "client_secret",
                s.clientSecret(), "scope", "https://graph.microsoft.com/.default").entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        Answer answer = http.send(HttpRequest.newBuilder(simulator.baseUri().resolve("/" + s.partnerTenantId()
                + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), Duration.ofSeconds(5));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("access_token").asText();
    }

    private static String relative(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
