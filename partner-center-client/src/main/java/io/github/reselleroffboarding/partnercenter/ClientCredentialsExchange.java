package io.github.reselleroffboarding.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Microsoft Graph tokens for the app itself ({@code grant_type=client_credentials}, {@code scope
 * <graph>/.default}) at {@code <authority>/<tenant>/oauth2/v2.0/token}; cached, refreshed ahead of expiry, one
 * exchange at a time. Nothing here logs or throws the client secret.
 */
final class ClientCredentialsExchange implements AccessTokenSource {

    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final HttpClient http;
    private final GraphSettings settings;
    private final URI tokenEndpoint;
    private final Clock clock;
    private final PartnerCenterJson json = new PartnerCenterJson();
    private final AtomicReference<AccessToken> current = new AtomicReference<>();
    private final AtomicReference<Mono<AccessToken>> inFlight = new AtomicReference<>();

    ClientCredentialsExchange(HttpClient http, GraphSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.tokenEndpoint = URI.create(settings.authority() + "/" + settings.tenantId() + "/oauth2/v2.0/token");
        this.clock = clock;
    }

    @Override
    public Mono<AccessToken> token() {
        AccessToken token = current.get();
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return Mono.just(token);
        }
        while (true) {
            Mono<AccessToken> running = inFlight.get();
            if (running != null) {
                return running;
            }
            Mono<AccessToken> exchange = Retries.apply(Mono.defer(this::exchangeOnce), Operation.GRAPH_TOKEN,
                    settings.retry(), clock).doOnNext(current::set).doFinally(signal -> inFlight.set(null)).cache();
            if (inFlight.compareAndSet(null, exchange)) {
                return exchange;
            }
        }
    }

    @Override
    public void rejected(AccessToken token) {
        current.compareAndSet(token, null);
    }

    @Override
    public boolean canRefresh() {
        return true;
    }

    private Mono<AccessToken> exchangeOnce() {
        String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId()) + "&client_secret="
                + encode(settings.clientSecret().reveal()) + "&scope=" + encode(settings.scope());
        Instant requestedAt = clock.instant();
        return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .set(HttpHeaderNames.ACCEPT, "application/json"))
                .post()
                .uri(tokenEndpoint)
                .send(ByteBufFlux.fromString(Mono.just(form)))
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new RawResponse(response.status().code(), response.responseHeaders(), text)))
                .onErrorMap(Transport::isTransportFailure, e -> Transport.failure(Operation.GRAPH_TOKEN, null, e))
                .map(raw -> accept(raw, requestedAt));
    }

    private AccessToken accept(RawResponse raw, Instant requestedAt) {
        if (raw.status() >= 500 || raw.status() == 408 || raw.status() == 429) {
            throw new PartnerCenterTransientException(Operation.GRAPH_TOKEN, raw.status(), null, null,
                    "token authority unavailable", Transport.retryAfter(raw).orElse(null), 1, null);
        }
        JsonNode body;
        try {
            body = json.tree(raw.body().isBlank() ? "{}" : raw.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = MissingNode.getInstance();
        }
        String accessToken = body.path("access_token").asText("");
        if (raw.status() != 200 || accessToken.isBlank()) {
            String error = body.path("error").asText("");
            String description = settings.clientSecret().scrub(body.path("error_description").asText(""))
                    .lines().findFirst().orElse("");
            throw new PartnerCenterAuthException(Operation.GRAPH_TOKEN, raw.status(), error.isEmpty() ? null : error,
                    null, "the token authority refused the Graph client credentials"
                            + (description.isEmpty() ? "" : ": " + description));
        }
        Duration lifetime = RefreshTokenExchange.lifetime(body.path("expires_in"));
        Duration margin = REFRESH_BEFORE.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : REFRESH_BEFORE;
        return new AccessToken(Secret.of(accessToken), requestedAt.plus(lifetime).minus(margin));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
