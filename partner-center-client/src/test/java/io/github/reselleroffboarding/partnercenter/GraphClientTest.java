package io.github.reselleroffboarding.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.GdapRelationship;
import io.github.reselleroffboarding.partnercenter.simulator.FailNext;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The GDAP calls on Microsoft Graph, against the simulator over HTTP. */
class GraphClientTest {

    static final TenantId CUSTOMER = TenantId.parse("5b1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a66");
    static final CallContext CONTEXT = new CallContext("4d3c2b1a-0000-4000-8000-000000000003", null);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    PartnerCenterSimulator simulator;
    GraphClient graph;

    @BeforeEach
    void start() {
        simulator = PartnerCenterSimulator.start(SimulatorSettings.defaults().withPageSize(3));
        simulator.putGdapRelationships(CUSTOMER.value(), IntStream.range(0, 7).mapToObj(i -> PartnerCenterSimulator
                .gdapRelationship("rel-" + i, "Admin " + i, i == 6 ? "terminated" : "active")).toList());
        graph = GraphClient.create(settings(simulator.settings().clientSecret()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        graph.close();
        simulator.close();
    }

    GraphSettings settings(String secret) {
        SimulatorSettings s = simulator.settings();
        return GraphSettings.forCloud(Cloud.GLOBAL, s.partnerTenantId(), s.clientId(), Secret.of(secret))
                .withBaseUrl(simulator.baseUri()).withAuthority(simulator.baseUri())
                .withRetry(SimulatedPartnerCenter.FAST_RETRIES).withTimeouts(Duration.ofSeconds(2),
                        Duration.ofSeconds(2));
    }

    @Test
    void listsEveryRelationshipWithTheCustomerAcrossPages() {
        List<GdapRelationship> all = graph.relationships(CUSTOMER, CONTEXT).collectList().block();

        assertThat(all).extracting(GdapRelationship::id).containsExactly("rel-0", "rel-1", "rel-2", "rel-3", "rel-4",
                "rel-5", "rel-6");
        assertThat(all).filteredOn(GdapRelationship::active).hasSize(6);
        assertThat(all.get(0).customer().tenantId()).isEqualTo(CUSTOMER.value());
        assertThat(all.get(0).etag()).isNotBlank();
    }

    @Test
    void terminatesOnceAndTheStatusConfirmsIt() {
        assertThat(graph.terminate("rel-1", "req-1").block()).isEqualTo(GraphClient.Termination.REQUESTED);
        assertThat(graph.terminate("rel-1", "req-1").block()).isEqualTo(GraphClient.Termination.NOT_ACTIVE);

        GdapRelationship after = graph.relationship("rel-1", CONTEXT).block();

        assertThat(after.ending()).isTrue();
        assertThat(simulator.counters().gdapTerminateRequests(CUSTOMER.value())).isEqualTo(2);
    }

    @Test
    void aThrottledCallWaitsRetryAfterAndSucceeds() {
        simulator.failNext(FailNext.throttled(1, 1).forCustomer(CUSTOMER.value()));

        assertThat(graph.relationships(CUSTOMER, CONTEXT).collectList().block()).hasSize(7);
        assertThat(simulator.counters().calls("GET /v1.0/tenantRelationships/delegatedAdminRelationships", 429))
                .isEqualTo(1);
    }

    @Test
    void anOutageIsATransientFailureOnceTheRetriesAreSpent() {
        simulator.graphOutage(true);

        Throwable failure = catchThrowable(() -> graph.relationships(CUSTOMER, CONTEXT).collectList().block());

        assertThat(failure).isInstanceOf(PartnerCenterTransientException.class).hasMessageContaining("503");
    }

    @Test
    void aWrongClientSecretIsAnAuthFailureThatNeverShowsTheSecret() {
        try (GraphClient wrong = GraphClient.create(settings("not-the-secret-42"), Clock.systemUTC())) {
            Throwable failure = catchThrowable(() -> wrong.relationships(CUSTOMER, CONTEXT).collectList().block());

            assertThat(failure).isInstanceOf(PartnerCenterAuthException.class)
                    .hasMessageNotContaining("not-the-secret-42");
        }
        assertThat(String.join("\n", logs.lines())).doesNotContain("not-the-secret-42")
                .doesNotContain(simulator.settings().clientSecret());
    }

    @Test
    void aRelationshipIdThatIsNotGraphsNeverReachesAUrl() {
        assertThat(catchThrowable(() -> graph.terminate("../customers", "req").block()))
                .isInstanceOf(PartnerCenterRejectedException.class);
    }
}
