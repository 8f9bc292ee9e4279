package io.github.reselleroffboarding.partnercenter;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.reselleroffboarding.ids.DerivedIds;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.AuditRecord;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.Customer;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.RemovalResult;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionChange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Partner Center calls that decide and perform the end of a reseller relationship, as non-blocking
 * {@link Mono}/{@link Flux} over Reactor Netty.
 *
 * <ul>
 *   <li>Collections follow {@code links.next} with the headers it carries ({@code MS-ContinuationToken}) until
 *       there is no next link; a next link may not leave the configured host.</li>
 *   <li>Every call sends {@code Authorization: Bearer}, {@code MS-RequestId} (derived from the request event and
 *       operation, the same on every retry and replay), {@code MS-CorrelationId}, {@code MS-Contract-Version: v1},
 *       {@code Accept} and {@code X-Locale}.</li>
 *   <li>Transient failures are retried per {@link RetryPolicy}; a 401 refreshes the token and tries once more;
 *       400/403/404/409 are not retried. Failures arrive as {@link PartnerCenterException} subtypes.</li>
 *   <li>Tenant ids are {@link TenantId}s: validated, canonical GUIDs, so nothing in a request event can change a
 *       path or a host.</li>
 * </ul>
 */
public final class PartnerCenterClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartnerCenterClient.class);
    private static final String CANCEL_AZURE_BODY = "{\"cancellationReason\":\"compromise\"}";
    private static final String REMOVE_BODY = "{\"relationshipToPartner\":\"none\",\"attributes\":{\"objectType\":"
            + "\"Customer\"}}";
    private static final int MAX_PAGES = 10_000;
    /** Headers a next link may not set: they are ours. */
    private static final Set<String> PROTECTED_HEADERS = Set.of("authorization", "host", "content-length",
            "content-type", "ms-requestid", "ms-correlationid", "ms-contract-version", "transfer-encoding");

    private final PartnerCenterSettings settings;
    private final ConnectionProvider connections;
    private final HttpClient http;
    /** The same client without the pool: a try again after the server closed a pooled connection. */
    private final HttpClient freshConnections;
    private final AccessTokenSource tokens;
    private final RateLimiter limiter;
    private final Clock clock;
    private final PartnerCenterJson json = new PartnerCenterJson();
    private final ResponseClassifier classifier = new ResponseClassifier(json);
    private final CallMetrics metrics;

    private PartnerCenterClient(PartnerCenterSettings settings, Clock clock, Consumer<Secret> onRefreshTokenRotated,
            MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = new CallMetrics(registry);
        this.connections = ConnectionProvider.builder("partner-center")
                .metrics(true, metrics::poolRegistrar)
                .maxConnections(settings.maxConnections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(settings.responseTimeout())
                .maxIdleTime(settings.maxIdleTime())
                .evictInBackground(settings.maxIdleTime())
                // the connection released last is taken first: the busy ones stay warm and the spare ones age out,
                // where first-in-first-out hands out the one idle longest, nearest the server's keep-alive close
                .lifo()
                .build();
        this.http = configured(HttpClient.create(connections), settings);
        this.freshConnections = configured(HttpClient.newConnection(), settings);
        this.limiter = RateLimiter.perSecond(settings.requestsPerSecond());
        if (settings.credentials() instanceof Credentials.RefreshToken refresh) {
            this.tokens = new RefreshTokenExchange(http, settings.authority(), refresh, settings.tokenResource(),
                    clock, settings.tokenRefreshBefore(), settings.retry(), onRefreshTokenRotated);
        } else {
            this.tokens = new StaticAccessTokenSource(
                    ((Credentials.StaticAccessToken) settings.credentials()).accessToken());
        }
    }

    private static HttpClient configured(HttpClient client, PartnerCenterSettings settings) {
        return client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .responseTimeout(settings.responseTimeout())
                .followRedirect(false);
    }

    public static PartnerCenterClient create(PartnerCenterSettings settings) {
        return create(settings, Clock.systemUTC(), rotated -> { }, new CompositeMeterRegistry());
    }

    /** @param registry where calls, retries and the connection pool are measured */
    public static PartnerCenterClient create(PartnerCenterSettings settings, MeterRegistry registry) {
        return create(settings, Clock.systemUTC(), rotated -> { }, registry);
    }

    /**
     * @param onRefreshTokenRotated called with the new refresh token when Azure AD rotates it, so it can be
     *     stored where the next start will find it
     */
    public static PartnerCenterClient create(PartnerCenterSettings settings, Clock clock,
            Consumer<Secret> onRefreshTokenRotated) {
        return create(settings, clock, onRefreshTokenRotated, new CompositeMeterRegistry());
    }

    public static PartnerCenterClient create(PartnerCenterSettings settings, Clock clock,
            Consumer<Secret> onRefreshTokenRotated, MeterRegistry registry) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        return new PartnerCenterClient(settings, clock, onRefreshTokenRotated, registry);
    }

    /** {@code GET /v1/customers/{id}}. */
    public Mono<Customer> customer(TenantId customer, CallContext context) {
        return call(Operation.GET_CUSTOMER, customer, HttpMethod.GET, url("/v1/customers/" + customer.value()),
                List.of(), null, context.msRequestId(Operation.GET_CUSTOMER, 1), context, settings.retry())
                .map(raw -> parse(raw, Customer.class, Operation.GET_CUSTOMER));
    }

    /** {@code GET /v1/customers/{id}/entitlements?showExpiry=true}, every page. */
    public Flux<Entitlement> entitlements(TenantId customer, CallContext context) {
        return collection(Operation.LIST_ENTITLEMENTS, customer,
                url("/v1/customers/" + customer.value() + "/entitlements?showExpiry=true"), Entitlement.class,
                context);
    }

    /** {@code GET /v1/customers/{id}/subscriptions}, every page. */
    public Flux<Subscription> subscriptions(TenantId customer, CallContext context) {
        return collection(Operation.LIST_SUBSCRIPTIONS, customer, url("/v1/customers/" + customer.value() + "/subscriptions"),
                Subscription.class, context);
    }

    /**
     * {@code GET /v1/customers/{id}/subscriptions/{planId}/azureEntitlements}: the Azure subscriptions under an
     * Azure plan, every page.
     *
     * @param planSubscriptionId the plan's subscription id as Partner Center listed it; only a GUID is sent
     */
    public Flux<AzureEntitlement> azureEntitlements(TenantId customer, String planSubscriptionId,
            CallContext context) {
        TenantId plan;
        try {
            plan = TenantId.parse(planSubscriptionId);
        } catch (IllegalArgumentException e) {
            return Flux.error(rejected(Operation.LIST_AZURE_ENTITLEMENTS, "the Azure plan's subscription id is not "
                    + "a GUID"));
        }
        CallContext perPlan = context.forItem(plan.value());
        return collection(Operation.LIST_AZURE_ENTITLEMENTS, customer, url("/v1/customers/" + customer.value()
                + "/subscriptions/" + plan.value() + "/azureEntitlements"), AzureEntitlement.class, perPlan);
    }

    /**
     * {@code GET /v1/auditrecords} for one customer from {@code startDate} (Partner Center keeps 90 days and
     * refuses a start further back), every page.
     */
    public Flux<AuditRecord> auditRecords(TenantId customer, LocalDate startDate, CallContext context) {
        String filter = "{\"Field\":\"CustomerId\",\"Value\":\"" + customer.value()
                + "\",\"Operator\":\"equals\"}";
        return collection(Operation.LIST_AUDIT_RECORDS, customer, url("/v1/auditrecords?startDate=" + startDate + "&size=500"
                + "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")),
                AuditRecord.class, context);
    }

    /** {@code GET /v1/customers/{id}/subscriptions/{subscriptionId}}: one subscription, with its current ETag. */
    public Mono<Subscription> subscription(TenantId customer, String subscriptionId, CallContext context) {
        CallContext perSubscription = context.forItem(subscriptionId);
        return subscriptionUrl(customer, subscriptionId, Operation.GET_SUBSCRIPTION)
                .flatMap(url -> call(Operation.GET_SUBSCRIPTION, customer, HttpMethod.GET, url, List.of(), null,
                        perSubscription.msRequestId(Operation.GET_SUBSCRIPTION, 1), perSubscription, settings.retry()))
                .map(raw -> parse(raw, Subscription.class, Operation.GET_SUBSCRIPTION));
    }

    /**
     * {@code PATCH /v1/customers/{id}/subscriptions/{subscriptionId}}: suspends it, cancels it or turns its
     * auto-renew off. The body is the subscription as read with the one field changed, sent with {@code If-Match}
     * and the ETag it was read with: Partner Center applies it only to the subscription as it was read, so a copy
     * sent again after a timeout, a lost connection or a restart cannot apply twice (it finds a new ETag: 412).
     * Retried like a read.
     *
     * @param current the subscription as last read; its ETag goes into {@code If-Match}
     * @return the subscription as Partner Center answered it
     */
    public Mono<Subscription> updateSubscription(TenantId customer, Subscription current, SubscriptionChange change,
            String msRequestId, CallContext context) {
        if (current.etag() == null || current.etag().isBlank()) {
            return Mono.error(rejected(Operation.UPDATE_SUBSCRIPTION, "Partner Center gave no ETag for the "
                    + "subscription; a write without If-Match could overwrite a change made since it was read"));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", current.id());
        body.put("offerId", current.offerId());
        body.put("status", change == SubscriptionChange.SUSPEND ? "suspended"
                : change == SubscriptionChange.CANCEL ? "deleted" : current.status().name().toLowerCase(Locale.ROOT));
        boolean renewalEnds = change == SubscriptionChange.AUTO_RENEW_OFF || change == SubscriptionChange.CANCEL;
        body.put("autoRenewEnabled", renewalEnds ? Boolean.FALSE : current.autoRenewEnabled());
        body.put("attributes", Map.of("etag", current.etag(), "objectType", "Subscription"));
        String text = json.write(body);
        List<PartnerCenterJson.Header> ifMatch = List.of(new PartnerCenterJson.Header("If-Match", current.etag()));
        return subscriptionUrl(customer, current.id(), Operation.UPDATE_SUBSCRIPTION)
                .flatMap(url -> call(Operation.UPDATE_SUBSCRIPTION, customer, HttpMethod.PATCH, url, ifMatch, text,
                        msRequestId, context, settings.retry()))
                .map(raw -> parse(raw, Subscription.class, Operation.UPDATE_SUBSCRIPTION));
    }

    /**
     * {@code POST .../subscriptions/{planId}/azureEntitlements/{id}/cancel}: cancels one Azure subscription under an
     * Azure plan. Partner Center answers 202 and turns it from {@code active} to {@code inactive} later (about ten
     * minutes), so the caller reads it again to see the effect. The reason is {@code compromise}, the only one
     * the documentation shows; Partner Center refuses unknown ones ({@code 900307}).
     */
    public Mono<Void> cancelAzureSubscription(TenantId customer, String planSubscriptionId, String entitlementId,
            String msRequestId, CallContext context) {
        if (entitlementId == null || !entitlementId.matches("[A-Za-z0-9-]{1,64}")) {
            return Mono.error(rejected(Operation.CANCEL_AZURE_SUBSCRIPTION, "the Azure entitlement id is not one "
                    + "Partner Center gives"));
        }
        return subscriptionUrl(customer, planSubscriptionId, Operation.CANCEL_AZURE_SUBSCRIPTION)
                .flatMap(plan -> call(Operation.CANCEL_AZURE_SUBSCRIPTION, customer, HttpMethod.POST,
                        URI.create(plan + "/azureEntitlements/" + entitlementId + "/cancel"), List.of(),
                        CANCEL_AZURE_BODY, msRequestId, context, settings.retry()))
                .then();
    }

    /** Only an id made of letters, digits and dashes goes into a path. */
    private Mono<URI> subscriptionUrl(TenantId customer, String subscriptionId, Operation operation) {
        if (subscriptionId == null || !subscriptionId.matches("[A-Za-z0-9-]{1,64}")) {
            return Mono.error(rejected(operation, "the subscription id is not one Partner Center gives"));
        }
        return Mono.just(url("/v1/customers/" + customer.value() + "/subscriptions/" + subscriptionId));
    }

    /**
     * {@code PATCH /v1/customers/{id}} with {@code relationshipToPartner: none}. Retried here only after Partner
     * Center answered that it failed (a 5xx with its body, a 429), each time with a new {@code MS-RequestId}; a
     * timeout or a broken connection is left to the caller, who knows (from what it recorded before sending)
     * that this PATCH may have gone through, and sends it again with the same {@code msRequestId}. The result says
     * whether Partner Center confirmed the removal ({@link RemovalResult#removed()}).
     */
    public Mono<RemovalResult> removeResellerRelationship(TenantId customer, String msRequestId,
            CallContext context) {
        return call(Operation.REMOVE_RELATIONSHIP, customer, HttpMethod.PATCH, url("/v1/customers/" + customer.value()),
                List.of(), REMOVE_BODY, msRequestId, context, settings.retry(),
                PartnerCenterException::definiteAnswer)
                .map(raw -> (raw.body().isBlank() ? new RemovalResult(null, null)
                        : parse(raw, RemovalResult.class, Operation.REMOVE_RELATIONSHIP)).sentAs(raw.msRequestId()));
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(10));
    }

    private <T> Flux<T> collection(Operation operation, TenantId customer, URI first, Class<T> itemType,
            CallContext context) {
        record Fetched<T>(int number, PartnerCenterJson.Page<T> page) {
        }
        return fetchPage(operation, customer, first, List.of(), itemType, context, 1)
                .map(page -> new Fetched<>(1, page))
                .expand(fetched -> fetched.page().next()
                        .map(link -> {
                            if (fetched.number() >= MAX_PAGES) {
                                return Mono.<Fetched<T>>error(rejected(operation, "more than " + MAX_PAGES
                                        + " pages; the next link seems to loop"));
                            }
                            return fetchPage(operation, customer, nextUrl(operation, link), link.headersOrEmpty(), itemType,
                                    context, fetched.number() + 1).map(page -> new Fetched<>(fetched.number() + 1,
                                    page));
                        })
                        .orElse(Mono.empty()))
                .concatMapIterable(fetched -> fetched.page().itemsOrEmpty());
    }

    private <T> Mono<PartnerCenterJson.Page<T>> fetchPage(Operation operation, TenantId customer, URI url,
            List<PartnerCenterJson.Header> headers, Class<T> itemType, CallContext context, int number) {
        return call(operation, customer, HttpMethod.GET, url, headers, null, context.msRequestId(operation, number),
                context, settings.retry()).map(raw -> {
            try {
                return json.readPage(raw.body(), itemType);
            } catch (JsonProcessingException e) {
                throw unreadable(operation, e);
            }
        });
    }

    /**
     * One logical call: rate-limited, authenticated, retried, its failure typed. A retry after a timeout or a
     * connection failure carries the same {@code MS-RequestId}, so Partner Center can recognise it; a retry
     * after an answer (a 5xx or 429 with a status) carries a new one, derived from the first, as the header
     * rules ask.
     */
    private Mono<RawResponse> call(Operation operation, TenantId customer, HttpMethod method, URI url,
            List<PartnerCenterJson.Header> extraHeaders, String body, String firstRequestId, CallContext context,
            RetryPolicy retry) {
        return call(operation, customer, method, url, extraHeaders, body, firstRequestId, context, retry,
                failure -> true);
    }

    private Mono<RawResponse> call(Operation operation, TenantId customer, HttpMethod method, URI url,
            List<PartnerCenterJson.Header> extraHeaders, String body, String firstRequestId, CallContext context,
            RetryPolicy retry, java.util.function.Predicate<PartnerCenterTransientException> retryable) {
        return Mono.defer(() -> {
            AtomicInteger answered = new AtomicInteger();
            Mono<RawResponse> attempt = Mono.defer(() -> {
                int answers = answered.get();
                String requestId = answers == 0 ? firstRequestId
                        : DerivedIds.partnerCenterRequestId(firstRequestId, "after-answer-" + answers);
                return limiter.acquire()
                        .then(tokens.token())
                        .flatMap(token -> send(operation, customer, method, url, extraHeaders, body, token,
                                requestId, context)
                                .flatMap(raw -> {
                                    if (raw.status() != 401 || !tokens.canRefresh()) {
                                        return Mono.just(raw);
                                    }
                                    // an access token can be revoked before it expires: get a new one, try once
                                    tokens.rejected(token);
                                    return limiter.acquire().then(tokens.token()).flatMap(fresh -> send(operation,
                                            customer, method, url, extraHeaders, body, fresh, requestId, context));
                                }))
                        .map(raw -> {
                            if (!raw.ok()) {
                                PartnerCenterException failure = classifier.classify(operation, raw, requestId);
                                if (failure.definiteAnswer()) {
                                    answered.incrementAndGet();
                                }
                                throw failure;
                            }
                            return raw;
                        });
            });
            return Retries.apply(attempt, operation, retry, clock, retryable,
                    failure -> metrics.retrying(operation, failure));
        });
    }

    /**
     * One try. A connection the server closed under us (a keep-alive race, a proxy recycling connections) costs
     * no retry attempt: a repeatable call (the reads, the removal PATCH, whose intent is recorded before it is
     * first sent and whose second answer the caller confirms by a read) is sent again at once with the same
     * {@code MS-RequestId}, on a new connection outside the pool; so is any call that never went out. The token
     * exchange is not repeatable and is left to the retry policy.
     */
    private Mono<RawResponse> send(Operation operation, TenantId customer, HttpMethod method, URI url,
            List<PartnerCenterJson.Header> extraHeaders, String body, AccessToken token, String requestId,
            CallContext context) {
        return exchange(http, operation, customer, method, url, extraHeaders, body, token, requestId, context)
                .onErrorResume(e -> Transport.closedUnderUs(e, operation), e -> {
                    metrics.freshConnection(operation);
                    return exchange(freshConnections, operation, customer, method, url, extraHeaders, body, token,
                            requestId, context);
                })
                .onErrorMap(Transport::isTransportFailure, e -> Transport.failure(operation, requestId, e));
    }

    private Mono<RawResponse> exchange(HttpClient client, Operation operation, TenantId customer, HttpMethod method,
            URI url, List<PartnerCenterJson.Header> extraHeaders, String body, AccessToken token, String requestId,
            CallContext context) {
        return Mono.defer(() -> exchangeNow(client, operation, customer, method, url, extraHeaders, body, token,
                requestId, context));
    }

    private Mono<RawResponse> exchangeNow(HttpClient client, Operation operation, TenantId customer,
            HttpMethod method, URI url, List<PartnerCenterJson.Header> extraHeaders, String body, AccessToken token,
            String requestId, CallContext context) {
        String correlationId = context.msCorrelationId();
        long started = System.nanoTime();
        // headers go on the request itself: http.headers(...) would copy the client's whole configuration per call
        HttpClient.ResponseReceiver<?> receiver = client.request(method).uri(url).send((request, outbound) -> {
            HttpHeaders h = request.requestHeaders();
            for (PartnerCenterJson.Header header : extraHeaders) {
                if (header.key() != null && header.value() != null
                        && !PROTECTED_HEADERS.contains(header.key().toLowerCase(Locale.ROOT))) {
                    h.set(header.key(), header.value());
                }
            }
            h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token.value().reveal());
            h.set(HttpHeaderNames.ACCEPT, "application/json");
            h.set("MS-RequestId", requestId);
            h.set("MS-CorrelationId", correlationId);
            h.set("MS-Contract-Version", "v1");
            h.set("X-Locale", settings.locale());
            h.set("MS-PartnerCenter-Application", "reseller-offboarding");
            if (body == null) {
                return outbound;
            }
            h.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            return outbound.sendString(Mono.just(body), StandardCharsets.UTF_8);
        });
        return receiver.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> new RawResponse(response.status().code(), response.responseHeaders(), text,
                                requestId)))
                .doOnNext(raw -> {
                    metrics.answered(operation, raw.status(), System.nanoTime() - started);
                    if (log.isDebugEnabled()) {
                        long millis = (System.nanoTime() - started) / 1_000_000;
                        // key-values: JSON logs carry the ids as fields, on whichever Reactor thread this runs
                        log.atDebug().addKeyValue("tenantId", customer.value())
                                .addKeyValue("requestEventId", context.requestEventId())
                                .addKeyValue("correlationId", context.correlationId())
                                .addKeyValue("operation", operation.id()).addKeyValue("status", raw.status())
                                .addKeyValue("durationMs", millis).addKeyValue("msRequestId", requestId)
                                .addKeyValue("msCorrelationId", correlationId)
                                .log("{} {} -> {} in {} ms (MS-RequestId {}, MS-CV {})", method, url.getRawPath(),
                                        raw.status(), millis, requestId, raw.headers().get("MS-CV"));
                    }
                })
                .doOnError(Transport::isTransportFailure, e -> metrics.failed(operation, System.nanoTime() - started));
    }

    private URI url(String pathAndQuery) {
        return URI.create(settings.baseUrl() + pathAndQuery);
    }

    /**
     * Where a next link points. Partner Center writes it relative, sometimes without {@code /v1}; an absolute
     * link must stay on the configured host, or the bearer token would go elsewhere.
     */
    private URI nextUrl(Operation operation, PartnerCenterJson.Link link) {
        if (link.method() != null && !link.method().isBlank() && !link.method().equalsIgnoreCase("GET")) {
            throw rejected(operation, "next link asks for " + link.method() + ", only GET is followed");
        }
        String uri = link.uri().strip();
        URI resolved;
        try {
            if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
                resolved = URI.create(uri);
                URI base = settings.baseUrl();
                if (!base.getScheme().equalsIgnoreCase(resolved.getScheme())
                        || !base.getHost().equalsIgnoreCase(resolved.getHost()) || base.getPort() != resolved.getPort()) {
                    throw rejected(operation, "next link points to another host (" + resolved.getHost() + ")");
                }
            } else {
                String path = uri.startsWith("/") ? uri : "/" + uri;
                resolved = url(path.regionMatches(true, 0, "/v1/", 0, 4) ? path : "/v1" + path);
            }
        } catch (IllegalArgumentException e) {
            throw rejected(operation, "next link is not a URL");
        }
        String path = resolved.getRawPath() == null ? "" : resolved.getRawPath();
        if (!path.startsWith("/v1/") || path.contains("/../") || path.contains("/./") || path.contains("%2e")
                || path.contains("%2E")) {
            throw rejected(operation, "next link leaves /v1/ (" + path + ")");
        }
        return resolved;
    }

    private <T> T parse(RawResponse raw, Class<T> type, Operation operation) {
        try {
            return json.read(raw.body(), type);
        } catch (JsonProcessingException e) {
            throw unreadable(operation, e);
        }
    }

    /** A 2xx body we cannot read is most often a proxy's error page: worth another try. */
    private static PartnerCenterTransientException unreadable(Operation operation, JsonProcessingException e) {
        return new PartnerCenterTransientException(operation, 0, null, null, "unreadable response body: "
                + e.getOriginalMessage(), null, 1, null);
    }

    private static PartnerCenterRejectedException rejected(Operation operation, String why) {
        return new PartnerCenterRejectedException(operation, 0, null, null, why);
    }

    /** Settings without credentials, for startup logs. */
    public Map<String, Object> describe() {
        return Map.of("baseUrl", settings.baseUrl(), "authority", settings.authority(),
                "credentials", settings.credentials() instanceof Credentials.RefreshToken ? "App+User refresh token"
                        : "static access token",
                "requestsPerSecond", settings.requestsPerSecond() == 0 ? "unlimited" : settings.requestsPerSecond(),
                "maxConnections", settings.maxConnections(), "maxIdleTime", settings.maxIdleTime(),
                "retry", settings.retry());
    }
}
