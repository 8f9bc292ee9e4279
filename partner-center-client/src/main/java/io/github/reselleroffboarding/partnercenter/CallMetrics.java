package io.github.reselleroffboarding.partnercenter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * What the Partner Center calls cost and how they end, in the service's registry: one timer per operation and
 * status class (each try on the wire, so a retried call counts every try), 429s and retries per operation, and
 * the connection pool's gauges. Labels are bounded: operations, status classes and the one Partner Center host.
 */
final class CallMetrics {

    static final String CALLS = "offboarding.partner_center.requests";
    static final String THROTTLED = "offboarding.partner_center.throttled";
    static final String RETRIES = "offboarding.partner_center.retries";
    /** The buckets Partner Center latencies fall into, from a fast read to a slow PATCH near the timeout. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30)};
    private static final List<String> STATUS_CLASSES = List.of("2xx", "3xx", "4xx", "5xx", "transport");

    private final MeterRegistry registry;
    private final Map<Operation, Map<String, Timer>> timers = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> throttled = new EnumMap<>(Operation.class);
    private final Map<Operation, Map<String, Counter>> retries = new EnumMap<>(Operation.class);
    private final Map<String, List<Meter>> poolMeters = new ConcurrentHashMap<>();

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every series exists from the start, at zero: a rate over a series that appears late reads as nothing
        for (Operation operation : Operation.values()) {
            if (operation == Operation.TOKEN_REFRESH) {
                continue; // the token exchange goes to Azure AD, not Partner Center, and is not measured here
            }
            Map<String, Timer> byStatus = new ConcurrentHashMap<>();
            for (String status : STATUS_CLASSES) {
                byStatus.put(status, Timer.builder(CALLS)
                        .description("Partner Center HTTP calls (each try) by operation and status class")
                        .tags("operation", operation.id(), "status", status)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry));
            }
            timers.put(operation, byStatus);
            throttled.put(operation, Counter.builder(THROTTLED)
                    .description("Partner Center answers of 429 Too Many Requests, by operation")
                    .tag("operation", operation.id())
                    .register(registry));
            Map<String, Counter> byReason = new ConcurrentHashMap<>();
            for (String reason : List.of("throttled", "server_error", "transport", "stale_connection")) {
                byReason.put(reason, Counter.builder(RETRIES)
                        .description("Partner Center calls tried again by the client, by operation and reason")
                        .tags("operation", operation.id(), "reason", reason)
                        .register(registry));
            }
            retries.put(operation, byReason);
        }
    }

    /** A try that got an HTTP answer. */
    void answered(Operation operation, int status, long nanos) {
        timers.get(operation).get(statusClass(status)).record(Duration.ofNanos(nanos));
        if (status == 429) {
            throttled.get(operation).increment();
        }
    }

    /** A try that failed below HTTP (connect, timeout, closed connection). */
    void failed(Operation operation, long nanos) {
        timers.get(operation).get("transport").record(Duration.ofNanos(nanos));
    }

    void retrying(Operation operation, PartnerCenterTransientException failure) {
        String reason = failure.httpStatus() == 429 ? "throttled" : failure.httpStatus() == 0 ? "transport"
                : "server_error";
        retries.get(operation).get(reason).increment();
    }

    /** A try sent again at once on a new connection, the server having closed the pooled one under it. */
    void freshConnection(Operation operation) {
        retries.get(operation).get("stale_connection").increment();
    }

    private static String statusClass(int status) {
        return status >= 200 && status < 600 ? (status / 100) + "xx" : "transport";
    }

    /** Registers the pool's gauges under Reactor Netty's own names, in this registry rather than a global one. */
    ConnectionProvider.MeterRegistrar poolRegistrar() {
        return new ConnectionProvider.MeterRegistrar() {
            @Override
            public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
                    ConnectionPoolMetrics metrics) {
                Tags tags = Tags.of("name", poolName, "remote.address", address(remoteAddress));
                List<Meter> meters = new ArrayList<>();
                meters.add(gauge("reactor.netty.connection.provider.total.connections",
                        "Connections open to Partner Center, active or idle", tags, metrics,
                        ConnectionPoolMetrics::allocatedSize));
                meters.add(gauge("reactor.netty.connection.provider.active.connections",
                        "Connections carrying a call now", tags, metrics, ConnectionPoolMetrics::acquiredSize));
                meters.add(gauge("reactor.netty.connection.provider.idle.connections",
                        "Open connections waiting for a call", tags, metrics, ConnectionPoolMetrics::idleSize));
                meters.add(gauge("reactor.netty.connection.provider.pending.connections",
                        "Calls waiting for a connection", tags, metrics,
                        ConnectionPoolMetrics::pendingAcquireSize));
                meters.add(gauge("reactor.netty.connection.provider.max.connections",
                        "The most connections the pool opens", tags, metrics,
                        ConnectionPoolMetrics::maxAllocatedSize));
                poolMeters.put(id, meters);
            }

            @Override
            public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
                List<Meter> meters = poolMeters.remove(id);
                if (meters != null) {
                    meters.forEach(registry::remove);
                }
            }
        };
    }

    private Meter gauge(String name, String help, Tags tags, ConnectionPoolMetrics metrics,
            ToDoubleFunction<ConnectionPoolMetrics> value) {
        // strongly held: the pool keeps no reference of its own to the metrics object Reactor Netty hands over
        return Gauge.builder(name, metrics, value).description(help).tags(tags).strongReference(true)
                .register(registry);
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
