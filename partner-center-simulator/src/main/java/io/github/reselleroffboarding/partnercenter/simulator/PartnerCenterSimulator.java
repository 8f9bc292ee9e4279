package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Partner Center stand-in, faithful to the documented behaviour a client must cope with: paged collections
 * with {@code MS-ContinuationToken}, both entitlement contracts, PascalCase answers, 403 {@code 20002} after a
 * removal, App+User tokens that expire, 429 with {@code Retry-After}, and injected latency, errors and timeouts.
 * The same admin operations are offered here in-process and over HTTP under {@code /admin}.
 *
 * <pre>{@code
 * try (PartnerCenterSimulator pc = PartnerCenterSimulator.start(SimulatorSettings.defaults()
 *         .withCustomers(List.of(SeedCustomer.customer(tenant).subscription("s1", "E3", "active").build())))) {
 *     URI baseUrl = pc.baseUri();   // Partner Center API base and token authority
 * }
 * }</pre>
 */
public final class PartnerCenterSimulator implements AutoCloseable {

    private final SimulatorSettings settings;
    private final CustomerBook book;
    private final TokenIssuer tokens;
    private final FaultInjector faults;
    private final SimulatorHttpApi api;
    private final DisposableServer server;
    private final URI baseUri;

    /** How long the simulator keeps an idle connection open. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private PartnerCenterSimulator(SimulatorSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.book = new CustomerBook(settings.customers(), settings.unknownCustomers());
        this.tokens = new TokenIssuer(settings);
        this.faults = new FaultInjector(settings.faults(), settings.seed(), nanoTime);
        this.api = new SimulatorHttpApi(settings, book, tokens, faults, Clock.systemUTC());
        this.server = HttpServer.create()
                .host(settings.host())
                .port(settings.port())
                // as Node.js and Apache httpd: a kept-alive connection idle for 5 s is closed by the server, so a
                // client that keeps idle connections longer meets closed ones
                .idleTimeout(KEEP_ALIVE)
                .handle(api::handle)
                .bindNow(Duration.ofSeconds(10));
        int port = ((InetSocketAddress) server.address()).getPort();
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        this.baseUri = URI.create("http://" + host + ":" + port);
    }

    public static PartnerCenterSimulator start(SimulatorSettings settings) {
        return start(settings, System::nanoTime);
    }

    /** With the clock the rate limit refills by, for tests that move time by hand. */
    static PartnerCenterSimulator start(SimulatorSettings settings, LongSupplier nanoTime) {
        return new PartnerCenterSimulator(Objects.requireNonNull(settings, "settings"), nanoTime);
    }

    /**
     * Reads a seed file: {@code {"customers": [ ... ]}}, each entry as {@link SeedCustomer#fromJson}. A text value
     * {@code "now"}, {@code "now+P7D"} or {@code "now-PT2H"} (an ISO-8601 duration) is replaced by that instant,
     * counted from {@code now}, so a sample's cancellation window or expiry stays in the future however old the
     * file is.
     */
    public static List<SeedCustomer> readSeedFile(Path file, java.time.Instant now) {
        try {
            JsonNode root = SeedDates.resolve(SeedCustomer.JSON.readTree(file.toFile()), now);
            List<SeedCustomer> customers = new ArrayList<>();
            root.path("customers").forEach(node -> customers.add(SeedCustomer.fromJson(node)));
            return customers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #readSeedFile(Path, java.time.Instant)} with dates counted from the current time. */
    public static List<SeedCustomer> readSeedFile(Path file) {
        return readSeedFile(file, java.time.Instant.now());
    }

    /** The API base URL ({@code /v1/...}) and also the token authority ({@code /{tenant}/oauth2/token}). */
    public URI baseUri() {
        return baseUri;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** Creates or replaces a customer. */
    public void putCustomer(SeedCustomer customer) {
        book.put(customer);
    }

    public boolean deleteCustomer(String id) {
        return book.delete(id);
    }

    public Optional<SeedCustomer> customer(String id) {
        return book.get(id);
    }

    public List<SeedCustomer> customers() {
        return book.all();
    }

    public Counters counters() {
        return api.counters();
    }

    /** The last {@code /v1} requests received, oldest first (up to 500; cleared with the counters). */
    public List<RecordedRequest> recentRequests() {
        return api.recentRequests();
    }

    public void resetCounters() {
        api.resetCounters();
    }

    public FaultPlan faults() {
        return faults.plan();
    }

    public void faults(FaultPlan plan) {
        faults.plan(Objects.requireNonNull(plan, "plan"));
    }

    /** Someone ended the relationship outside this API (the portal, another tool); the activity log shows it. */
    public boolean removeElsewhere(String customerId, String by, java.time.Instant at) {
        return book.removeElsewhere(customerId, by, at);
    }

    /**
     * The next removal PATCH for {@code customerId} finds the relationship just ended by {@code by} (the portal,
     * another tool), as when someone else acts between a client's checks and its PATCH.
     */
    public void removeElsewhereBeforeNextPatch(String customerId, String by) {
        api.removeElsewhereBeforeNextPatch(customerId, by);
    }

    /** Sets the partner's GDAP relationships with a customer on the simulated Microsoft Graph. */
    public void putGdapRelationships(String customerId, List<com.fasterxml.jackson.databind.node.ObjectNode> list) {
        api.gdap().put(customerId, list);
    }

    /** The customer's GDAP relationships as Graph shows them now (a read moves a termination on, as Graph does). */
    public List<com.fasterxml.jackson.databind.node.ObjectNode> gdapRelationships(String customerId) {
        return api.gdap().list(customerId, null);
    }

    /** A GDAP relationship as Graph lists it ({@code active}, {@code terminated}, ...). */
    public static com.fasterxml.jackson.databind.node.ObjectNode gdapRelationship(String id, String displayName,
            String status) {
        return GdapBook.relationshipJson(id, displayName, status);
    }

    /** While on, every Graph call is answered 503: Graph is down, Partner Center is not. */
    /**
     * How long an accepted cancellation of an Azure subscription takes to show {@code inactive} (Partner Center:
     * about ten minutes). Zero, the default, shows it at the next read; {@link #reset()} sets it back to zero.
     */
    public void azureCancellationDelay(Duration delay) {
        api.azureCancellationDelay(delay);
    }

    /** Every Azure subscription cancellation under way shows inactive from now on. */
    public void completeAzureCancellations() {
        api.completeAzureCancellations();
    }

    public void graphOutage(boolean enabled) {
        api.graphOutage(enabled);
    }

    public void failNext(FailNext next) {
        faults.failNext(Objects.requireNonNull(next, "next"));
    }

    public void casing(Casing casing) {
        api.casing(Objects.requireNonNull(casing, "casing"));
    }

    public void pageSize(int size) {
        api.pageSize(size);
    }

    /**
     * While on, every {@code /v1} call answers 401 and every refresh token is refused, as when the partner's
     * consent was revoked; off again, everything works as before.
     */
    public void authOutage(boolean enabled) {
        api.authOutage(enabled);
    }

    /** Every access token issued so far stops working; clients must refresh. */
    public void revokeAccessTokens() {
        tokens.revokeAccessTokens();
    }

    /** Back to the starting customer book and faults, counters zero. Issued tokens stay valid. */
    public void reset() {
        api.reset();
    }

    /**
     * From now on every {@code /v1} call is held until {@code calls} calls are in progress at once, or
     * {@code atMost} has passed; then all go on. Lets a test show concurrency without depending on the
     * machine's speed: {@link Counters#maxConcurrentCalls()} reaches {@code calls} only if the client has
     * that many calls open together. {@link #reset()} ends it.
     */
    public void holdCallsUntilConcurrent(int calls, Duration atMost) {
        api.barrier(new CallBarrier(calls, atMost));
    }

    /** Blocks until the server is disposed (the standalone main uses it). */
    public void awaitClose() {
        server.onDispose().block();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
