package io.github.reselleroffboarding.partnercenter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.GdapRelationship;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Microsoft Graph calls that end the partner's GDAP access to a customer: list the relationships with the
 * customer (every page, by {@code @odata.nextLink}), ask for one to be terminated, read one back to confirm its
 * status. App-only token ({@link ClientCredentialsExchange}); transient failures (5xx, 429 with
 * {@code Retry-After}, timeouts) are retried by the policy; every call carries a {@code client-request-id}
 * derived from the request, so a copy sent again can be told apart in Graph's logs.
 */
public final class GraphClient implements AutoCloseable {

    static final String RELATIONSHIPS = "/v1.0/tenantRelationships/delegatedAdminRelationships";
    private static final int PAGE_SIZE = 300;
    private static final int MAX_PAGES = 100;
    private static final String TERMINATE_BODY = "{\"action\":\"terminate\"}";

    /** What a terminate request got: accepted, or refused because the relationship is no longer active. */
    public enum Termination {
        REQUESTED,
        NOT_ACTIVE
    }

    private final GraphSettings settings;
    private final Clock clock;
    private final ConnectionProvider connections;
    private final HttpClient http;
    private final AccessTokenSource tokens;
    private final PartnerCenterJson json = new PartnerCenterJson();

    private GraphClient(GraphSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.connections = ConnectionProvider.builder("graph").maxConnections(16).pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(4)).evictInBackground(Duration.ofSeconds(4)).lifo().build();
        this.http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .responseTimeout(settings.responseTimeout())
                .followRedirect(false);
        this.tokens = new ClientCredentialsExchange(http, settings, clock);
    }

    public static GraphClient create(GraphSettings settings, Clock clock) {
        return new GraphClient(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock, "clock"));
    }

    /** Every GDAP relationship the partner has with {@code customer}, whatever its status. */
    public Flux<GdapRelationship> relationships(TenantId customer, CallContext context) {
        String filter = "customer/tenantId eq '" + customer.value() + "'";
        URI first = URI.create(settings.baseUrl() + RELATIONSHIPS + "?$top=" + PAGE_SIZE + "&$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
        record Page(int number, JsonNode body) {
        }
        return page(first, context, 1).map(body -> new Page(1, body))
                .expand(page -> {
                    String next = page.body().path("@odata.nextLink").asText("");
                    if (next.isBlank()) {
                        return Mono.empty();
                    }
                    if (page.number() >= MAX_PAGES) {
                        return Mono.error(rejected(Operation.LIST_GDAP_RELATIONSHIPS, "more than " + MAX_PAGES
                                + " pages; the next link seems to loop"));
                    }
                    return nextLink(next).flatMap(url -> page(url, context, page.number() + 1))
                            .map(body -> new Page(page.number() + 1, body));
                })
                .concatMapIterable(page -> relationshipsIn(page.body()));
    }

    /** One relationship as Graph shows it now. */
    public Mono<GdapRelationship> relationship(String relationshipId, CallContext context) {
        return relationshipUrl(relationshipId, "", Operation.GET_GDAP_RELATIONSHIP)
                .flatMap(url -> call(Operation.GET_GDAP_RELATIONSHIP, HttpMethod.GET, url, null,
                        context.forItem(relationshipId).msRequestId(Operation.GET_GDAP_RELATIONSHIP, 1)))
                .map(raw -> parse(raw.body(), GdapRelationship.class, Operation.GET_GDAP_RELATIONSHIP));
    }

    /**
     * {@code POST .../delegatedAdminRelationships/{id}/requests} with {@code {"action": "terminate"}}: 201 is
     * {@link Termination#REQUESTED}; 409, the relationship no longer active (terminating already, or ended), is
     * {@link Termination#NOT_ACTIVE}.
     */
    public Mono<Termination> terminate(String relationshipId, String requestId) {
        return relationshipUrl(relationshipId, "/requests", Operation.TERMINATE_GDAP_RELATIONSHIP)
                .flatMap(url -> call(Operation.TERMINATE_GDAP_RELATIONSHIP, HttpMethod.POST, url, TERMINATE_BODY,
                        requestId))
                .map(raw -> Termination.REQUESTED)
                .onErrorResume(PartnerCenterRejectedException.class, e -> e.httpStatus() == 409
                        ? Mono.just(Termination.NOT_ACTIVE) : Mono.error(e));
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(10));
    }

    private Mono<JsonNode> page(URI url, CallContext context, int number) {
        return call(Operation.LIST_GDAP_RELATIONSHIPS, HttpMethod.GET, url, null,
                context.msRequestId(Operation.LIST_GDAP_RELATIONSHIPS, number))
                .map(raw -> parse(raw.body(), JsonNode.class, Operation.LIST_GDAP_RELATIONSHIPS));
    }

    private List<GdapRelationship> relationshipsIn(JsonNode body) {
        List<GdapRelationship> list = new ArrayList<>();
        for (JsonNode item : body.path("value")) {
            list.add(parse(item.toString(), GdapRelationship.class, Operation.LIST_GDAP_RELATIONSHIPS));
        }
        return list;
    }

    /** One call: token, send, judge, retried after transient failures only; a 401 gets one fresh token. */
    private Mono<RawResponse> call(Operation operation, HttpMethod method, URI url, String body, String requestId) {
        Mono<RawResponse> attempt = tokens.token()
                .flatMap(token -> send(method, url, body, token, requestId, operation)
                        .flatMap(raw -> {
                            if (raw.status() != 401) {
                                return Mono.just(raw);
                            }
                            tokens.rejected(token);
                            return tokens.token().flatMap(fresh -> send(method, url, body, fresh, requestId,
                                    operation));
                        }))
                .map(raw -> {
                    if (!raw.ok()) {
                        throw classify(operation, raw, requestId);
                    }
                    return raw;
                });
        return Retries.apply(Mono.defer(() -> attempt), operation, settings.retry(), clock);
    }

    private Mono<RawResponse> send(HttpMethod method, URI url, String body, AccessToken token, String requestId,
            Operation operation) {
        return http.headers(h -> {
                    h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token.value().reveal());
                    h.set(HttpHeaderNames.ACCEPT, "application/json");
                    h.set("client-request-id", requestId);
                    if (body != null) {
                        h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    }
                })
                .request(method)
                .uri(url)
                .send(body == null ? Mono.empty() : reactor.netty.ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new RawResponse(response.status().code(), response.responseHeaders(), text,
                                requestId)))
                .onErrorMap(Transport::isTransportFailure, e -> Transport.failure(operation, requestId, e));
    }

    /** Graph's error body is {@code {"error": {"code": ..., "message": ...}}}; the status decides what to do. */
    private PartnerCenterException classify(Operation operation, RawResponse raw, String requestId) {
        String code = null;
        String message = "HTTP " + raw.status();
        try {
            JsonNode error = json.tree(raw.body().isBlank() ? "{}" : raw.body()).path("error");
            code = error.path("code").isTextual() ? error.path("code").asText() : null;
            message = error.path("message").asText(message).lines().findFirst().orElse(message);
        } catch (JsonProcessingException e) {
            // not Graph's JSON (a proxy's page): the status alone decides
        }
        int status = raw.status();
        if (status == 408 || status == 429 || status >= 500) {
            return new PartnerCenterTransientException(operation, status, code, requestId, message,
                    Transport.retryAfter(raw).orElse(null), 1, null);
        }
        if (status == 401 || status == 403) {
            return new PartnerCenterAuthException(operation, status, code, requestId, "Microsoft Graph refused the "
                    + "app's access (it needs DelegatedAdminRelationship.ReadWrite.All): " + message);
        }
        return new PartnerCenterRejectedException(operation, status, code, requestId, message);
    }

    /** Graph's next links are absolute; only one back to the same host and collection is followed. */
    private Mono<URI> nextLink(String link) {
        URI next;
        try {
            next = URI.create(link);
        } catch (IllegalArgumentException e) {
            return Mono.error(rejected(Operation.LIST_GDAP_RELATIONSHIPS, "the next link is not a URI"));
        }
        URI base = settings.baseUrl();
        boolean sameHost = Objects.equals(next.getScheme(), base.getScheme())
                && Objects.equals(next.getHost(), base.getHost()) && next.getPort() == base.getPort();
        String path = next.getRawPath() == null ? "" : next.getRawPath();
        if (!sameHost || !path.equals(RELATIONSHIPS)) {
            return Mono.error(rejected(Operation.LIST_GDAP_RELATIONSHIPS, "the next link leaves "
                    + base.getHost() + RELATIONSHIPS));
        }
        return Mono.just(next);
    }

    private Mono<URI> relationshipUrl(String relationshipId, String suffix, Operation operation) {
        if (relationshipId == null || !relationshipId.matches("[A-Za-z0-9-]{1,128}")) {
            return Mono.error(rejected(operation, "the relationship id is not one Graph gives"));
        }
        return Mono.just(URI.create(settings.baseUrl() + RELATIONSHIPS + "/" + relationshipId + suffix));
    }

    private <T> T parse(String body, Class<T> type, Operation operation) {
        try {
            return json.read(body, type);
        } catch (JsonProcessingException e) {
            throw new PartnerCenterTransientException(operation, 0, null, null, "unreadable response body: "
                    + e.getOriginalMessage(), null, 1, null);
        }
    }

    private static PartnerCenterRejectedException rejected(Operation operation, String why) {
        return new PartnerCenterRejectedException(operation, 0, null, null, why);
    }
}
