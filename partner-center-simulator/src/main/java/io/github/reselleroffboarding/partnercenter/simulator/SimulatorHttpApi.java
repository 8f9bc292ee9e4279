package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.reselleroffboarding.http.routing.RouteTable;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** The simulator's HTTP surface: the Partner Center API under {@code /v1}, the token endpoint, {@code /admin}. */
final class SimulatorHttpApi {

    private static final Logger log = LoggerFactory.getLogger(SimulatorHttpApi.class);

    /** An answer: status, JSON body (or none), extra headers; {@code noAnswer} holds the connection silent. */
    record Reply(int status, JsonNode body, Map<String, String> headers, boolean pascalInDocs, boolean noAnswer) {

        static Reply json(int status, JsonNode body) {
            return new Reply(status, body, Map.of(), false, false);
        }

        static Reply empty(int status) {
            return new Reply(status, null, Map.of(), false, false);
        }

        /** No answer, and the connection closed at once (its status, -1, says so). */
        static final Reply CLOSE = new Reply(-1, null, Map.of(), false, true);
    }

    /** One request as a handler sees it. */
    record Call(Map<String, String> path, Map<String, List<String>> query, String body,
            HttpServerRequest request) {

        String var(String name) {
            return path.get(name);
        }

        String param(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    @FunctionalInterface
    interface Handler {
        Mono<Reply> handle(Call call);
    }

    /** Body of {@code PUT /admin/auth-outage}. */
    record AuthOutage(boolean enabled) {
    }

    private record PageToken(String collection, String tenant, int offset, String filter, boolean showExpiry) {
    }

    private final SimulatorSettings settings;
    private final CustomerBook book;
    private final TokenIssuer tokens;
    private final FaultInjector faults;
    private final Clock clock;
    private final AtomicReference<Casing> casing;
    private final AtomicReference<Integer> pageSize;
    private final Map<String, Map<Integer, LongAdder>> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> patches = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> removals = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> writes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> appliedWrites = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean authOutage = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean graphOutage = new java.util.concurrent.atomic.AtomicBoolean();
    private final GdapBook gdap = new GdapBook();
    private final Map<String, LongAdder> gdapTerminations = new ConcurrentHashMap<>();
    private final AtomicReference<CallBarrier> barrier = new AtomicReference<>();
    /** Customers whose relationship someone else ends just before the next removal PATCH arrives, and by whom. */
    private final Map<String, String> racingRemovals = new ConcurrentHashMap<>();
    private final RouteTable<Handler> routes;
    private final java.util.Deque<RecordedRequest> recent = new java.util.ArrayDeque<>();
    private static final int RECENT_LIMIT = 500;

    SimulatorHttpApi(SimulatorSettings settings, CustomerBook book, TokenIssuer tokens, FaultInjector faults,
            Clock clock) {
        this.settings = settings;
        this.book = book;
        this.tokens = tokens;
        this.faults = faults;
        this.clock = clock;
        this.casing = new AtomicReference<>(settings.casing());
        this.pageSize = new AtomicReference<>(settings.pageSize());
        this.routes = new RouteTable<Handler>()
                .add("GET", "/admin/customers", call -> admin(adminCustomers()))
                .add("GET", "/admin/customers/{id}", this::adminGetCustomer)
                .add("PUT", "/admin/customers/{id}", this::adminPutCustomer)
                .add("DELETE", "/admin/customers/{id}", call -> Mono.just(book.delete(call.var("id"))
                        ? Reply.empty(204) : Reply.json(404, message("no customer " + call.var("id")))))
                .add("POST", "/admin/reset", call -> {
                    reset();
                    return Mono.just(Reply.empty(204));
                })
                .add("GET", "/admin/counters", call -> admin(SeedCustomer.JSON.valueToTree(counters())))
                .add("POST", "/admin/counters/reset", call -> {
                    resetCounters();
                    return Mono.just(Reply.empty(204));
                })
                .add("GET", "/admin/faults", call -> admin(SeedCustomer.JSON.valueToTree(faults.plan())))
                .add("PUT", "/admin/faults", call -> adminBody(call, FaultPlan.class, plan -> faults.plan(plan)))
                .add("POST", "/admin/faults/fail-next", call -> adminBody(call, FailNext.class, faults::failNext))
                .add("PUT", "/admin/auth-outage", call -> adminBody(call, AuthOutage.class,
                        outage -> authOutage(outage.enabled())))
                .add("POST", "/admin/tokens/revoke", call -> {
                    tokens.revokeAccessTokens();
                    return Mono.just(Reply.empty(204));
                })
                .add("GET", "/admin/requests", call -> admin(SeedCustomer.JSON.valueToTree(recentRequests())))
                .add("GET", "/admin/settings", call -> admin(settingsJson()))
                .add("PUT", "/admin/settings", this::adminPutSettings)
                .add("GET", "/v1/customers/{id}", call -> api(call, this::getCustomer))
                .add("GET", "/v1/customers/{id}/entitlements", call -> api(call, this::listEntitlements))
                .add("GET", "/v1/customers/{id}/subscriptions", call -> api(call, this::listSubscriptions))
                .add("GET", "/v1/customers/{id}/subscriptions/{subscriptionId}", call -> api(call,
                        this::getSubscription))
                .add("PATCH", "/v1/customers/{id}/subscriptions/{subscriptionId}", call -> api(call,
                        this::patchSubscription))
                .add("GET", "/v1/customers/{id}/subscriptions/{planId}/azureEntitlements",
                        call -> api(call, this::listAzureEntitlements))
                .add("POST", "/v1/customers/{id}/subscriptions/{planId}/azureEntitlements/{entitlementId}/cancel",
                        call -> api(call, this::cancelAzureSubscription))
                .add("GET", "/v1/auditrecords", call -> api(call, this::listAuditRecords))
                .add("POST", "/admin/customers/{id}/removed-elsewhere", this::adminRemovedElsewhere)
                .add("PATCH", "/v1/customers/{id}", call -> api(call, this::patchCustomer))
                .add("POST", "/{tenant}/oauth2/token", this::token)
                .add("POST", "/{tenant}/oauth2/v2.0/token", this::graphToken)
                .add("GET", "/v1.0/tenantRelationships/delegatedAdminRelationships", call -> graph(call,
                        filteredCustomer(call), this::listGdap))
                .add("GET", "/v1.0/tenantRelationships/delegatedAdminRelationships/{relationshipId}", call -> graph(call,
                        gdap.customerOfRelationship(call.var("relationshipId")), this::getGdap))
                .add("POST", "/v1.0/tenantRelationships/delegatedAdminRelationships/{relationshipId}/requests",
                        call -> graph(call, gdap.customerOfRelationship(call.var("relationshipId")),
                                this::requestGdap))
                .add("PUT", "/admin/graph-outage", call -> adminBody(call, AuthOutage.class,
                        outage -> graphOutage(outage.enabled())));
    }

    /** From now on, calls wait at {@code next} (or at none, when null). */
    void barrier(CallBarrier next) {
        barrier.set(next);
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        RouteTable.Match<Handler> match = routes.match(request.method().name(), uri.rawPath());
        String endpoint = request.method().name() + " " + (match instanceof RouteTable.Match.Found<Handler> found
                ? found.template() : "(unmatched)");
        if (endpoint.contains(" /v1/")) {
            record(request);
        }
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    if (match instanceof RouteTable.Match.Found<Handler> found) {
                        return found.handler().handle(new Call(found.variables(), uri.parameters(), body, request));
                    }
                    return Mono.just(Reply.json(match instanceof RouteTable.Match.MethodNotAllowed ? 405 : 404,
                            Shapes.error(match instanceof RouteTable.Match.MethodNotAllowed ? 405 : 404,
                                    "No route for " + request.method() + " " + uri.rawPath())));
                })
                .onErrorResume(e -> {
                    log.warn("{} {} failed", request.method(), request.uri(), e);
                    return Mono.just(Reply.json(500, Shapes.error(800003, "Unexpected service error")));
                })
                .flatMap(reply -> {
                    count(endpoint, reply.noAnswer() ? 0 : reply.status());
                    if (reply.noAnswer() && reply.status() < 0) {
                        response.withConnection(Connection::dispose);
                        return Mono.never();
                    }
                    if (reply.noAnswer()) {
                        return Mono.never();
                    }
                    reply.headers().forEach(response::header);
                    response.status(reply.status());
                    if (reply.body() == null) {
                        return response.send().then();
                    }
                    JsonNode body = endpoint.contains(" /v1/") && (casing.get() == Casing.PASCAL
                            || (casing.get() == Casing.DOCS && reply.pascalInDocs())) ? Shapes.pascal(reply.body())
                            : reply.body();
                    return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                            .sendString(Mono.just(write(body)), StandardCharsets.UTF_8).then();
                });
    }

    /** Which front door a call came through: Partner Center's or Microsoft Graph's. */
    private record Front(java.util.function.Predicate<Call> authorized,
            java.util.function.BiFunction<Integer, String, JsonNode> error,
            java.util.function.IntFunction<JsonNode> throttled) {
    }

    private final Front partnerCenter = new Front(this::partnerCenterAuthorized,
            (status, text) -> Shapes.error(status == 500 ? 800003 : status, text), Shapes::throttled);
    private final Front graph = new Front(this::graphAuthorized,
            (status, text) -> graphError(status == 429 ? "TooManyRequests" : "ServiceUnavailable", text),
            seconds -> graphError("TooManyRequests", "Too many requests; retry after " + seconds + " s"));

    /** A {@code /v1} call: faults first (as at Partner Center's front door), then the token, then the work. */
    private Mono<Reply> api(Call call, java.util.function.Function<Call, Reply> work) {
        return serve(call, call.var("id"), work, partnerCenter);
    }

    /**
     * A Graph call, about the customer {@code customerId} (from the filter, or the relationship's): the same
     * faults as Partner Center's calls, plus an outage of Graph alone.
     */
    private Mono<Reply> graph(Call call, String customerId, java.util.function.Function<Call, Reply> work) {
        if (graphOutage.get()) {
            return Mono.just(new Reply(503, graphError("ServiceUnavailable", "Graph is unavailable (simulated "
                    + "outage)"), Map.of("Retry-After", "1"), false, false));
        }
        return serve(call, customerId, work, graph);
    }

    private Mono<Reply> serve(Call call, String customerId, java.util.function.Function<Call, Reply> work,
            Front front) {
        book.settleAzureCancellations(clock.instant());
        FaultInjector.Decision decision = faults.decide(customerId, call.request().method().name());
        if (decision.kind() == FaultInjector.Kind.CONNECTION_CLOSED) {
            return Mono.just(Reply.CLOSE);
        }
        if (decision.kind() == FaultInjector.Kind.NO_ANSWER) {
            return Mono.just(new Reply(0, null, Map.of(), false, true));
        }
        if (decision.kind() == FaultInjector.Kind.ANSWER_LOST) {
            return Mono.fromSupplier(() -> front.authorized().test(call) ? work.apply(call) : null)
                    .thenReturn(new Reply(0, null, Map.of(), false, true));
        }
        Map<String, String> retryAfter = decision.retryAfterSeconds() >= 0
                ? Map.of("Retry-After", String.valueOf(decision.retryAfterSeconds())) : Map.of();
        Supplier<Reply> answer = () -> switch (decision.kind()) {
            case THROTTLED -> new Reply(429, front.throttled().apply(decision.retryAfterSeconds()), retryAfter, false,
                    false);
            case ERROR -> new Reply(decision.status(), front.error().apply(decision.status(), "Injected fault: HTTP "
                    + decision.status()), retryAfter, false, false);
            default -> front.authorized().test(call) ? work.apply(call)
                    : new Reply(401, null, Map.of("WWW-Authenticate", "Bearer realm=\"partner-center-simulator\""),
                            false, false);
        };
        Mono<Reply> reply = Mono.fromSupplier(answer);
        Mono<Reply> delayed = decision.latencyMillis() > 0
                ? Mono.delay(Duration.ofMillis(decision.latencyMillis())).then(reply) : reply;
        // the gauge counts calls being worked on: how many a client runs at once
        return Mono.defer(() -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            CallBarrier held = barrier.get();
            return held == null ? delayed : held.arrive(now).then(delayed);
        }).doFinally(signal -> inFlight.decrementAndGet());
    }

    private boolean partnerCenterAuthorized(Call call) {
        return authorized(call) && !authOutage.get();
    }

    private boolean graphAuthorized(Call call) {
        return tokens.acceptsGraph(call.request().requestHeaders().get(HttpHeaderNames.AUTHORIZATION),
                clock.instant());
    }

    private boolean authorized(Call call) {
        return tokens.accepts(call.request().requestHeaders().get(HttpHeaderNames.AUTHORIZATION), clock.instant());
    }

    private Reply getCustomer(Call call) {
        CustomerBook.Lookup lookup = book.lookup(call.var("id"));
        if (lookup instanceof CustomerBook.Lookup.Found found) {
            return Reply.json(200, Shapes.customer(found.customer()));
        }
        return lookup instanceof CustomerBook.Lookup.NoRelationship ? noRelationship() : notFound();
    }

    private Reply listEntitlements(Call call) {
        String id = call.var("id");
        return collection(call, "entitlements", id, "/v1/customers/" + id + "/entitlements",
                (customer, token) -> Shapes.entitlements(customer, token.filter(), token.showExpiry()),
                new PageToken("entitlements", id, 0, call.param("entitlementType"),
                        "true".equalsIgnoreCase(call.param("showExpiry"))));
    }

    private Reply listSubscriptions(Call call) {
        String id = call.var("id");
        // Partner Center's next links are relative and sometimes leave out /v1, as this one does
        return collection(call, "subscriptions", id, "/customers/" + id + "/subscriptions",
                (customer, token) -> customer.subscriptions().stream().map(SubscriptionWrites::withEtag).toList(),
                new PageToken("subscriptions", id, 0, null, false));
    }

    private Reply getSubscription(Call call) {
        String id = call.var("id");
        CustomerBook.Lookup lookup = book.lookup(id);
        if (!(lookup instanceof CustomerBook.Lookup.Found)) {
            return lookup instanceof CustomerBook.Lookup.NoRelationship ? noRelationship() : notFound();
        }
        return book.subscription(id, call.var("subscriptionId"))
                .map(subscription -> Reply.json(200, SubscriptionWrites.withEtag(subscription)))
                .orElseGet(SimulatorHttpApi::subscriptionNotFound);
    }

    /** Suspend, cancel or auto-renew off (see {@link SubscriptionWrites}), counted per customer and action. */
    private Reply patchSubscription(Call call) {
        String id = call.var("id");
        CustomerBook.Lookup lookup = book.lookup(id);
        if (!(lookup instanceof CustomerBook.Lookup.Found)) {
            return lookup instanceof CustomerBook.Lookup.NoRelationship ? noRelationship() : notFound();
        }
        JsonNode body;
        try {
            body = SeedCustomer.JSON.readTree(call.body().isBlank() ? "{}" : call.body());
        } catch (JsonProcessingException e) {
            return Reply.json(400, Shapes.error(3000, "The request body is not valid JSON"));
        }
        String ifMatch = call.request().requestHeaders().get("If-Match");
        return book.updateSubscription(id, call.var("subscriptionId"), body, ifMatch, clock.instant())
                .map(outcome -> {
                    String customer = id.toLowerCase(java.util.Locale.ROOT);
                    countWrite(writes, customer, outcome.action());
                    if (outcome.applied()) {
                        countWrite(appliedWrites, customer, outcome.action());
                    }
                    return Reply.json(outcome.status(), outcome.body());
                })
                .orElseGet(SimulatorHttpApi::subscriptionNotFound);
    }

    /** Cancel an Azure subscription under a plan ({@link AzureCancellations}), counted like the other writes. */
    private Reply cancelAzureSubscription(Call call) {
        String id = call.var("id");
        CustomerBook.Lookup lookup = book.lookup(id);
        if (!(lookup instanceof CustomerBook.Lookup.Found)) {
            return lookup instanceof CustomerBook.Lookup.NoRelationship ? noRelationship() : notFound();
        }
        JsonNode body;
        try {
            body = SeedCustomer.JSON.readTree(call.body().isBlank() ? "{}" : call.body());
        } catch (JsonProcessingException e) {
            return Reply.json(400, Shapes.error(3000, "The request body is not valid JSON"));
        }
        String requestId = call.request().requestHeaders().get("MS-RequestId");
        return book.cancelAzureSubscription(id, call.var("planId"), call.var("entitlementId"), body, requestId,
                clock.instant())
                .map(outcome -> {
                    String customer = id.toLowerCase(java.util.Locale.ROOT);
                    countWrite(writes, customer, SubscriptionWrites.Action.CANCEL_AZURE_SUBSCRIPTION);
                    if (outcome.applied()) {
                        countWrite(appliedWrites, customer, SubscriptionWrites.Action.CANCEL_AZURE_SUBSCRIPTION);
                    }
                    return Reply.json(outcome.status(), outcome.body());
                })
                .orElseGet(SimulatorHttpApi::subscriptionNotFound);
    }

    private static void countWrite(Map<String, Map<String, LongAdder>> into, String customer,
            SubscriptionWrites.Action action) {
        into.computeIfAbsent(customer, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(action.counterName, k -> new LongAdder()).increment();
    }

    private static Reply subscriptionNotFound() {
        return Reply.json(404, Shapes.error(20003, "Subscription not found"));
    }

    private Reply listAzureEntitlements(Call call) {
        String id = call.var("id");
        String plan = call.var("planId").toLowerCase(java.util.Locale.ROOT);
        CustomerBook.Lookup lookup = book.lookup(id);
        if (lookup instanceof CustomerBook.Lookup.Found found && found.customer().subscriptions().stream()
                .noneMatch(sub -> sub.path("id").asText("").equalsIgnoreCase(plan))) {
            return Reply.json(404, Shapes.error(20003, "Subscription not found"));
        }
        return collection(call, "azureEntitlements/" + plan, id, "/customers/" + id + "/subscriptions/" + plan
                + "/azureEntitlements", (customer, token) -> customer.azureEntitlements().getOrDefault(plan,
                List.of()), new PageToken("azureEntitlements/" + plan, id, 0, null, false));
    }

    /**
     * The activity log: {@code startDate} (yyyy-mm-dd, at most 90 days back) and a {@code filter} on
     * {@code CustomerId}, as the docs' example sends it. Every matching record is one page.
     */
    private Reply listAuditRecords(Call call) {
        java.time.LocalDate start;
        try {
            start = java.time.LocalDate.parse(String.valueOf(call.param("startDate")));
        } catch (java.time.format.DateTimeParseException e) {
            return Reply.json(400, Shapes.error(400, "startDate must be a date (yyyy-mm-dd)"));
        }
        if (start.isBefore(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(90))) {
            return Reply.json(400, Shapes.error(400, "startDate can be at most 90 days in the past"));
        }
        String customerId;
        try {
            JsonNode filter = SeedCustomer.JSON.readTree(String.valueOf(call.param("filter")));
            customerId = "CustomerId".equalsIgnoreCase(filter.path("Field").asText()) ? filter.path("Value").asText()
                    : null;
        } catch (JsonProcessingException e) {
            return Reply.json(400, Shapes.error(400, "filter must be JSON"));
        }
        if (customerId == null || customerId.isBlank()) {
            return Reply.json(400, Shapes.error(400, "this simulator answers the activity log filtered by CustomerId"));
        }
        List<ObjectNode> records = book.activity(customerId, start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        return Reply.json(200, Shapes.collection(records, call.request().uri(), null));
    }

    /** Body of {@code POST /admin/customers/{id}/removed-elsewhere}: who removed it, when (default now). */
    record RemovedElsewhere(String by, java.time.Instant at) {
    }

    private Mono<Reply> adminRemovedElsewhere(Call call) {
        try {
            RemovedElsewhere body = call.body().isBlank() ? new RemovedElsewhere(null, null)
                    : SeedCustomer.JSON.readValue(call.body(), RemovedElsewhere.class);
            boolean done = book.removeElsewhere(call.var("id"), body.by() == null ? "someone@partner.example"
                    : body.by(), body.at() == null ? clock.instant() : body.at());
            return Mono.just(done ? Reply.empty(204) : Reply.json(404, message("no customer " + call.var("id"))));
        } catch (JsonProcessingException e) {
            return Mono.just(Reply.json(400, message("invalid body: " + e.getOriginalMessage())));
        }
    }

    private Reply collection(Call call, String name, String id, String nextPath,
            java.util.function.BiFunction<SeedCustomer, PageToken, List<ObjectNode>> items, PageToken first) {
        CustomerBook.Lookup lookup = book.lookup(id);
        if (!(lookup instanceof CustomerBook.Lookup.Found found)) {
            return lookup instanceof CustomerBook.Lookup.NoRelationship ? noRelationship() : notFound();
        }
        SeedCustomer customer = found.customer();
        PageToken position = first;
        if ("next".equalsIgnoreCase(call.param("seekOperation"))) {
            String token = call.request().requestHeaders().get("MS-ContinuationToken");
            if (token == null || token.isBlank()) {
                return Reply.json(400, Shapes.error(3000, "MS-ContinuationToken header is required with "
                        + "seekOperation=Next"));
            }
            position = decode(token);
            if (position == null || !position.collection().equals(name) || !position.tenant().equalsIgnoreCase(id)) {
                return Reply.json(400, Shapes.error(3000, "Invalid continuation token"));
            }
        }
        List<ObjectNode> all = items.apply(customer, position);
        int size = pageSize.get();
        int from = Math.min(position.offset(), all.size());
        int to = Math.min(from + size, all.size());
        ObjectNode next = to < all.size()
                ? Shapes.link(nextPath + "?seekOperation=Next", Map.of("MS-ContinuationToken", encode(
                        new PageToken(name, id, to, position.filter(), position.showExpiry()))))
                : null;
        return Reply.json(200, Shapes.collection(all.subList(from, to), call.request().uri(), next));
    }

    private Reply patchCustomer(Call call) {
        String id = call.var("id");
        JsonNode body;
        try {
            body = SeedCustomer.JSON.readTree(call.body().isBlank() ? "{}" : call.body());
        } catch (JsonProcessingException e) {
            return Reply.json(400, Shapes.error(3000, "The request body is not valid JSON"));
        }
        String relationship = textIgnoringCase(body, "relationshipToPartner");
        if (!"none".equalsIgnoreCase(relationship)) {
            return Reply.json(400, Shapes.error(3000, "Invalid property: relationshipToPartner must be \"none\""));
        }
        patches.computeIfAbsent(id.toLowerCase(java.util.Locale.ROOT), k -> new LongAdder()).increment();
        String requestId = call.request().requestHeaders().get("MS-RequestId");
        String racer = racingRemovals.remove(id.toLowerCase(java.util.Locale.ROOT));
        if (racer != null) {
            book.removeElsewhere(id, racer, clock.instant());
        }
        CustomerBook.Removal removal = book.remove(id, requestId, clock.instant());
        if (removal instanceof CustomerBook.Removal.Removed) {
            removals.computeIfAbsent(id.toLowerCase(java.util.Locale.ROOT), k -> new LongAdder()).increment();
            return new Reply(200, Shapes.removalEcho(), Map.of(), true, false);
        }
        if (removal instanceof CustomerBook.Removal.Replayed) {
            return new Reply(200, Shapes.removalEcho(), Map.of(), true, false);
        }
        if (removal instanceof CustomerBook.Removal.AlreadyRemoved) {
            return Reply.json(400, Shapes.error(3000,
                    "The relationship between the partner and customer does not exist"));
        }
        if (removal instanceof CustomerBook.Removal.Blocked blocked) {
            // the shape a sandbox answered: no code, the orders named in the description
            ObjectNode error = Shapes.errorWithoutCode("Customer relationship cannot be removed due to active "
                    + "subscriptions or Azure reservations. Please cancel the following orders: "
                    + String.join(", ", blocked.blockers()));
            ArrayNode data = error.putArray("data");
            blocked.blockers().forEach(data::add);
            return Reply.json(400, error);
        }
        if (removal instanceof CustomerBook.Removal.Refused refused) {
            ObjectNode seeded = refused.refusal();
            String description = seeded.path("description").asText("The request was refused");
            ObjectNode error = seeded.hasNonNull("code") ? Shapes.error(seeded.path("code").asInt(), description)
                    : Shapes.errorWithoutCode(description);
            return Reply.json(seeded.path("status").asInt(400), error);
        }
        return notFound();
    }

    private static final java.util.regex.Pattern CUSTOMER_FILTER = java.util.regex.Pattern.compile(
            "customer/tenantId eq '([0-9a-fA-F-]{36})'");
    private static final java.util.regex.Pattern STATUS_FILTER = java.util.regex.Pattern.compile(
            "status eq '([A-Za-z]+)'");
    /** Graph's most per page: {@code $top} above it is refused. */
    static final int GDAP_MAX_TOP = 300;

    private static String filteredCustomer(Call call) {
        java.util.regex.Matcher m = CUSTOMER_FILTER.matcher(String.valueOf(call.param("$filter")));
        return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }

    /**
     * {@code $filter} on {@code customer/tenantId} (and optionally {@code status}), {@code $top} up to 300, pages
     * linked by {@code @odata.nextLink} with a {@code $skiptoken}.
     */
    private Reply listGdap(Call call) {
        String customer = filteredCustomer(call);
        if (customer == null) {
            return Reply.json(400, graphError("BadRequest", "this simulator lists GDAP relationships filtered by "
                    + "customer/tenantId"));
        }
        java.util.regex.Matcher status = STATUS_FILTER.matcher(String.valueOf(call.param("$filter")));
        int top;
        int skip;
        try {
            top = call.param("$top") == null ? pageSize.get() : Integer.parseInt(call.param("$top"));
            skip = call.param("$skiptoken") == null ? 0 : Integer.parseInt(call.param("$skiptoken"));
        } catch (NumberFormatException e) {
            return Reply.json(400, graphError("BadRequest", "$top and $skiptoken must be numbers"));
        }
        if (top < 1 || top > GDAP_MAX_TOP || skip < 0) {
            return Reply.json(400, graphError("BadRequest", "$top must be between 1 and " + GDAP_MAX_TOP));
        }
        List<ObjectNode> all = gdap.list(customer, status.find() ? status.group(1) : null);
        // like Graph, a page may hold fewer than $top: the simulator's page size caps it
        int size = Math.min(top, pageSize.get());
        int from = Math.min(skip, all.size());
        int to = Math.min(from + size, all.size());
        ObjectNode body = SeedCustomer.JSON.createObjectNode();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#tenantRelationships/"
                + "delegatedAdminRelationships");
        ArrayNode value = body.putArray("value");
        all.subList(from, to).forEach(value::add);
        if (to < all.size()) {
            String host = call.request().requestHeaders().get(HttpHeaderNames.HOST);
            body.put("@odata.nextLink", "http://" + host + "/v1.0/tenantRelationships/delegatedAdminRelationships?"
                    + "$filter=" + java.net.URLEncoder.encode(call.param("$filter"), StandardCharsets.UTF_8)
                            .replace("+", "%20")
                    + "&$top=" + top + "&$skiptoken=" + to);
        }
        return Reply.json(200, body);
    }

    private Reply getGdap(Call call) {
        return gdap.read(call.var("relationshipId")).map(r -> Reply.json(200, r))
                .orElseGet(() -> Reply.json(404, graphError("NotFound", "The relationship was not found")));
    }

    /** {@code {"action": "terminate"}}: 201 with the request and its {@code Location}; counted per customer. */
    private Reply requestGdap(Call call) {
        String id = call.var("relationshipId");
        String action;
        try {
            action = SeedCustomer.JSON.readTree(call.body().isBlank() ? "{}" : call.body()).path("action").asText("");
        } catch (JsonProcessingException e) {
            return Reply.json(400, graphError("BadRequest", "The request body is not valid JSON"));
        }
        if (!action.equals("terminate")) {
            return Reply.json(400, graphError("BadRequest", "action must be terminate"));
        }
        String customer = gdap.customerOfRelationship(id);
        GdapBook.Terminate answer = gdap.terminate(id);
        if (customer != null) {
            gdapTerminations.computeIfAbsent(customer, k -> new LongAdder()).increment();
        }
        if (answer instanceof GdapBook.Terminate.Accepted accepted) {
            String host = call.request().requestHeaders().get(HttpHeaderNames.HOST);
            return new Reply(201, accepted.request(), Map.of("Location", "http://" + host
                    + "/v1.0/tenantRelationships/delegatedAdminRelationships/" + id + "/requests/"
                    + accepted.request().path("id").asText()), false, false);
        }
        if (answer instanceof GdapBook.Terminate.NotActive notActive) {
            return Reply.json(409, graphError("Conflict", "The relationship is " + notActive.status()
                    + "; only an active relationship can be terminated"));
        }
        return Reply.json(404, graphError("NotFound", "The relationship was not found"));
    }

    private Mono<Reply> graphToken(Call call) {
        Map<String, String> form = new HashMap<>();
        new QueryStringDecoder(call.body(), StandardCharsets.UTF_8, false).parameters()
                .forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        TokenIssuer.Answer answer = tokens.clientCredentials(call.var("tenant"), form, clock.instant());
        return Mono.just(Reply.json(answer.status(), answer.body()));
    }

    /** Graph's error body: {@code {"error": {"code": ..., "message": ...}}}. */
    static ObjectNode graphError(String code, String message) {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        ObjectNode error = node.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return node;
    }

    GdapBook gdap() {
        return gdap;
    }

    void azureCancellationDelay(Duration delay) {
        book.azureCancellationDelay(delay);
    }

    void completeAzureCancellations() {
        book.completeAzureCancellations(clock.instant());
    }

    void graphOutage(boolean enabled) {
        graphOutage.set(enabled);
    }

    private Mono<Reply> token(Call call) {
        Map<String, String> form = new HashMap<>();
        new QueryStringDecoder(call.body(), StandardCharsets.UTF_8, false).parameters()
                .forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        TokenIssuer.Answer answer = tokens.exchange(call.var("tenant"), form, clock.instant());
        return Mono.just(Reply.json(answer.status(), answer.body()));
    }

    private Mono<Reply> adminGetCustomer(Call call) {
        return Mono.just(book.get(call.var("id")).map(c -> Reply.json(200, c.toJson()))
                .orElse(Reply.json(404, message("no customer " + call.var("id")))));
    }

    private Mono<Reply> adminPutCustomer(Call call) {
        try {
            ObjectNode node = (ObjectNode) SeedCustomer.JSON.readTree(call.body());
            if (!node.has("id")) {
                node.put("id", call.var("id"));
            }
            if (!node.path("id").asText().equalsIgnoreCase(call.var("id"))) {
                return Mono.just(Reply.json(400, message("the body's id differs from the path's")));
            }
            book.put(SeedCustomer.fromJson(node));
            return Mono.just(Reply.empty(204));
        } catch (JsonProcessingException | ClassCastException | IllegalArgumentException e) {
            return Mono.just(Reply.json(400, message("not a customer: " + e.getMessage())));
        }
    }

    private Mono<Reply> adminPutSettings(Call call) {
        try {
            JsonNode node = SeedCustomer.JSON.readTree(call.body());
            if (node.has("casing")) {
                casing.set(Casing.forName(node.get("casing").asText())
                        .orElseThrow(() -> new IllegalArgumentException("casing must be camel, pascal or docs")));
            }
            if (node.has("pageSize")) {
                pageSize(node.get("pageSize").asInt());
            }
            return admin(settingsJson());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Mono.just(Reply.json(400, message(e.getMessage())));
        }
    }

    private <T> Mono<Reply> adminBody(Call call, Class<T> type, java.util.function.Consumer<T> apply) {
        try {
            apply.accept(SeedCustomer.JSON.readValue(call.body(), type));
            return Mono.just(Reply.empty(204));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Mono.just(Reply.json(400, message("invalid " + type.getSimpleName() + ": " + e.getMessage())));
        }
    }

    private JsonNode adminCustomers() {
        ArrayNode list = SeedCustomer.JSON.createArrayNode();
        for (SeedCustomer c : book.all()) {
            list.addObject().put("id", c.id()).put("companyName", c.companyName())
                    .put("relationshipToPartner", c.relationshipToPartner())
                    .put("subscriptions", c.subscriptions().size()).put("entitlements", c.entitlements().size());
        }
        return list;
    }

    private ObjectNode settingsJson() {
        ObjectNode node = SeedCustomer.JSON.createObjectNode();
        node.put("casing", casing.get().name().toLowerCase(java.util.Locale.ROOT));
        node.put("pageSize", pageSize.get());
        node.put("unknownCustomers", settings.unknownCustomers().name().toLowerCase(java.util.Locale.ROOT));
        return node;
    }

    private static Mono<Reply> admin(JsonNode body) {
        return Mono.just(Reply.json(200, body));
    }

    private void record(HttpServerRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RecordedRequest.KEPT_HEADERS) {
            String value = request.requestHeaders().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            headers.put("Authorization", (space > 0 ? authorization.substring(0, space) : "?") + " ***");
        }
        synchronized (recent) {
            if (recent.size() == RECENT_LIMIT) {
                recent.removeFirst();
            }
            recent.addLast(new RecordedRequest(request.method().name(), request.uri(), Map.copyOf(headers)));
        }
    }

    List<RecordedRequest> recentRequests() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    void removeElsewhereBeforeNextPatch(String customerId, String by) {
        racingRemovals.put(customerId.toLowerCase(java.util.Locale.ROOT), by);
    }

    void authOutage(boolean enabled) {
        authOutage.set(enabled);
        tokens.outage(enabled);
    }

    void casing(Casing value) {
        casing.set(value);
    }

    void pageSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        pageSize.set(value);
    }

    Counters counters() {
        Map<String, Map<Integer, Long>> byEndpoint = new LinkedHashMap<>();
        calls.forEach((endpoint, statuses) -> {
            Map<Integer, Long> counts = new LinkedHashMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            byEndpoint.put(endpoint, Map.copyOf(counts));
        });
        return new Counters(Map.copyOf(byEndpoint), snapshot(patches), snapshot(removals), tokens.issued(),
                maxInFlight.get(), nested(writes), nested(appliedWrites), snapshot(gdapTerminations));
    }

    void resetCounters() {
        synchronized (recent) {
            recent.clear();
        }
        calls.clear();
        maxInFlight.set(inFlight.get());
        patches.clear();
        removals.clear();
        writes.clear();
        appliedWrites.clear();
        gdapTerminations.clear();
        tokens.resetCount();
    }

    void reset() {
        authOutage(false);
        graphOutage(false);
        gdap.reset();
        racingRemovals.clear();
        barrier.set(null);
        book.reset(settings.customers());
        faults.reset(settings.faults(), settings.seed());
        casing.set(settings.casing());
        pageSize.set(settings.pageSize());
        resetCounters();
    }

    private void count(String endpoint, int status) {
        calls.computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    private static Map<String, Map<String, Long>> nested(Map<String, Map<String, LongAdder>> counts) {
        Map<String, Map<String, Long>> copy = new HashMap<>();
        counts.forEach((k, v) -> copy.put(k, snapshot(v)));
        return Map.copyOf(copy);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new HashMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return Map.copyOf(copy);
    }

    private static Reply notFound() {
        return Reply.json(404, Shapes.error(1000, "Customer not found"));
    }

    private static Reply noRelationship() {
        return Reply.json(403, Shapes.error(20002, "No relationship between caller and account."));
    }

    private static ObjectNode message(String text) {
        return SeedCustomer.JSON.createObjectNode().put("message", text);
    }

    private static String textIgnoringCase(JsonNode node, String name) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText(null);
            }
        }
        return null;
    }

    private static String encode(PageToken token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(SeedCustomer.JSON.writeValueAsBytes(token));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PageToken decode(String token) {
        try {
            return SeedCustomer.JSON.readValue(Base64.getUrlDecoder().decode(token.strip()), PageToken.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private static String write(JsonNode body) {
        try {
            return SeedCustomer.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
