package io.github.reselleroffboarding.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reselleroffboarding.ids.TenantId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A server that answers a collection whose next link points somewhere else: the client must refuse to follow
 * it, so the bearer token never leaves the configured host and never reaches a path outside {@code /v1/}.
 */
class NextLinkSafetyTest {

    static final TenantId TENANT = TenantId.parse("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11");

    final List<String> requested = new CopyOnWriteArrayList<>();
    DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void refusesANextLinkToAnotherHost() {
        PartnerCenterClient client = clientFor(page("http://attacker.invalid/v1/customers/x/subscriptions"));

        assertThatThrownBy(() -> client.subscriptions(TENANT, CallContext.of("e")).blockLast())
                .isInstanceOf(PartnerCenterRejectedException.class)
                .hasMessageContaining("next link points to another host (attacker.invalid)");
        assertThat(requested).hasSize(1);
        client.close();
    }

    @Test
    void refusesANextLinkThatLeavesV1() {
        PartnerCenterClient client = clientFor(page("/v1/customers/../../admin/reset"));

        assertThatThrownBy(() -> client.subscriptions(TENANT, CallContext.of("e")).blockLast())
                .isInstanceOf(PartnerCenterRejectedException.class)
                .hasMessageContaining("leaves /v1/");
        assertThat(requested).hasSize(1);
        client.close();
    }

    @Test
    void refusesANextLinkThatIsNotAGet() {
        PartnerCenterClient client = clientFor("{\"items\":[],\"links\":{\"next\":{\"uri\":\"/customers/x\","
                + "\"method\":\"DELETE\",\"headers\":[]}}}");

        assertThatThrownBy(() -> client.subscriptions(TENANT, CallContext.of("e")).blockLast())
                .isInstanceOf(PartnerCenterRejectedException.class)
                .hasMessageContaining("only GET is followed");
        client.close();
    }

    @Test
    void aNextLinkCannotOverrideTheAuthorizationHeader() {
        String first = "{\"items\":[{\"id\":\"a\"}],\"links\":{\"next\":{\"uri\":\"/customers/x/subscriptions?p=2\","
                + "\"headers\":[{\"key\":\"Authorization\",\"value\":\"Bearer stolen\"}]}}}";
        List<String> authorizations = new CopyOnWriteArrayList<>();
        server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            requested.add(req.uri());
            authorizations.add(req.requestHeaders().get("Authorization"));
            String body = requested.size() == 1 ? first : "{\"items\":[{\"id\":\"b\"}]}";
            return res.header("Content-Type", "application/json").sendString(Mono.just(body));
        }).bindNow();
        PartnerCenterClient client = client();

        assertThat(client.subscriptions(TENANT, CallContext.of("e")).collectList().block()).hasSize(2);
        assertThat(authorizations).containsOnly("Bearer the-real-token");
        client.close();
    }

    private static String page(String nextUri) {
        return "{\"totalCount\":1,\"items\":[{\"id\":\"s1\",\"status\":\"active\"}],\"links\":{\"next\":{\"uri\":\""
                + nextUri + "\",\"method\":\"GET\",\"headers\":[]}}}";
    }

    private PartnerCenterClient clientFor(String body) {
        server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            requested.add(req.uri());
            return res.header("Content-Type", "application/json").sendString(Mono.just(body));
        }).bindNow();
        return client();
    }

    private PartnerCenterClient client() {
        int port = ((InetSocketAddress) server.address()).getPort();
        return PartnerCenterClient.create(PartnerCenterSettings.forCloud(Cloud.GLOBAL,
                        new Credentials.StaticAccessToken(Secret.of("the-real-token")))
                .withBaseUrl(URI.create("http://127.0.0.1:" + port))
                .withRetry(RetryPolicy.none())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }
}
