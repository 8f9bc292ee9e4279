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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * App+User tokens: exchanges the refresh token ({@code grant_type=refresh_token}, client id and secret,
 * {@code resource}) at {@code <authority>/<partner tenant>/oauth2/token}. The access token is cached and
 * refreshed ahead of expiry; concurrent callers share one exchange; a refresh token that Azure AD rotates is
 * kept (and handed to {@code onRotation}, so a deployment can persist it). Nothing here logs a credential.
 */
final class RefreshTokenExchange implements AccessTokenSource {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenExchange.class);
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final Credentials.RefreshToken credentials;
    private final String resource;
    private final Clock clock;
    private final Duration refreshBefore;
    private final RetryPolicy retry;
    private final Consumer<Secret> onRotation;
    private final PartnerCenterJson json = new PartnerCenterJson();
    private final AtomicReference<Secret> refreshToken;
    private final AtomicReference<AccessToken> current = new AtomicReference<>();
    private final AtomicReference<Mono<AccessToken>> inFlight = new AtomicReference<>();

    RefreshTokenExchange(HttpClient http, URI authority, Credentials.RefreshToken credentials, String resource,
            Clock clock, Duration refreshBefore, RetryPolicy retry, Consumer<Secret> onRotation) {
        this.http = http;
        this.tokenEndpoint = URI.create(authority + "/" + credentials.partnerTenantId() + "/oauth2/token");
        this.credentials = credentials;
        this.resource = resource;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
        this.retry = retry;
        this.onRotation = Objects.requireNonNull(onRotation, "onRotation");
        this.refreshToken = new AtomicReference<>(credentials.refreshToken());
    }

    @Override
    public Mono<AccessToken> token() {
        AccessToken token = current.get();
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return Mono.just(token);
        }
        return refresh();
    }

    @Override
    public void rejected(AccessToken token) {
        current.compareAndSet(token, null);
    }

    @Override
    public boolean canRefresh() {
        return true;
    }

    /** One exchange at a time: callers that arrive while it runs wait for the same result. */
    private Mono<AccessToken> refresh() {
        while (true) {
            Mono<AccessToken> running = inFlight.get();
            if (running != null) {
                return running;
            }
            Mono<AccessToken> exchange = Mono.defer(this::exchangeWithRetries)
                    .doOnNext(current::set)
                    .doFinally(signal -> inFlight.set(null))
                    .cache();
            if (inFlight.compareAndSet(null, exchange)) {
                return exchange;
            }
        }
    }

    private Mono<AccessToken> exchangeWithRetries() {
        return Retries.apply(Mono.defer(this::exchangeOnce), Operation.TOKEN_REFRESH, retry, clock);
    }

    private Mono<AccessToken> exchangeOnce() {
        String form = "grant_type=refresh_token"
                + "&client_id=" + encode(credentials.clientId())
                + "&client_secret=" + encode(credentials.clientSecret().reveal())
                + "&refresh_token=" + encode(refreshToken.get().reveal())
                + "&resource=" + encode(resource);
        Instant requestedAt = clock.instant();
        return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .set(HttpHeaderNames.ACCEPT, "application/json"))
                .post()
                .uri(tokenEndpoint)
                .send(ByteBufFlux.fromString(Mono.just(form)))
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new RawResponse(response.status().code(), response.responseHeaders(), text)))
                .onErrorMap(Transport::isTransportFailure, e -> Transport.failure(Operation.TOKEN_REFRESH, null, e))
                .map(raw -> accept(raw, requestedAt));
    }

    private AccessToken accept(RawResponse raw, Instant requestedAt) {
        if (raw.status() >= 500 || raw.status() == 408 || raw.status() == 429) {
            throw new PartnerCenterTransientException(Operation.TOKEN_REFRESH, raw.status(), null, null,
                    "token authority unavailable", Transport.retryAfter(raw).orElse(null), 1, null);
        }
        JsonNode body;
        try {
            body = json.tree(raw.body().isBlank() ? "{}" : raw.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = MissingNode.getInstance();
        }
        if (raw.status() != 200) {
            String error = body.path("error").asText("");
            String description = scrub(body.path("error_description").asText(""));
            throw new PartnerCenterAuthException(Operation.TOKEN_REFRESH, raw.status(), error.isEmpty() ? null : error,
                    null, "the token authority refused the refresh token or client credentials"
                            + (description.isEmpty() ? "" : ": " + firstLine(description)));
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw new PartnerCenterAuthException(Operation.TOKEN_REFRESH, raw.status(), null, null,
                    "the token response has no access_token");
        }
        Duration lifetime = lifetime(body.path("expires_in"));
        String rotated = body.path("refresh_token").asText("");
        if (!rotated.isBlank() && !rotated.equals(refreshToken.get().reveal())) {
            Secret next = Secret.of(rotated);
            refreshToken.set(next);
            onRotation.accept(next);
            log.info("Azure AD rotated the Partner Center refresh token; using the new one");
        }
        // refresh well before expiry, but never so early that a short-lived token is refreshed on every call
        Duration margin = refreshBefore.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshBefore;
        log.debug("Partner Center access token obtained, valid for {} s", lifetime.toSeconds());
        return new AccessToken(Secret.of(accessToken), requestedAt.plus(lifetime).minus(margin));
    }

    static Duration lifetime(JsonNode expiresIn) {
        if (expiresIn.isMissingNode() || expiresIn.isNull()) {
            return DEFAULT_LIFETIME;
        }
        try {
            long seconds = expiresIn.isNumber() ? expiresIn.asLong() : Long.parseLong(expiresIn.asText().strip());
            return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
        } catch (NumberFormatException e) {
            return DEFAULT_LIFETIME;
        }
    }

    private String scrub(String text) {
        return refreshToken.get().scrub(credentials.clientSecret().scrub(text));
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
