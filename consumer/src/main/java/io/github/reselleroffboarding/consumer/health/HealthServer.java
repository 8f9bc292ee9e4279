package io.github.reselleroffboarding.consumer.health;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code /health/live}, {@code /health/ready} (200 or 503, with the reason) and {@code /metrics} in Prometheus'
 * text format, for Kubernetes probes and scrapers.
 */
public final class HealthServer implements AutoCloseable {

    /** Liveness fails when the engine loop has not turned for this long. */
    static final Duration ALLOWED_SILENCE = Duration.ofSeconds(60);

    private final DisposableServer server;

    private HealthServer(DisposableServer server) {
        this.server = server;
    }

    public static HealthServer start(int port, ServiceHealth health) {
        DisposableServer server = HttpServer.create()
                .host("0.0.0.0")
                .port(port)
                .route(routes -> routes
                        .get("/health/live", (req, res) -> {
                            boolean live = health.isLive(ALLOWED_SILENCE);
                            return res.status(live ? 200 : 503).header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"status\":\"" + (live ? "UP" : "DOWN") + "\"}"));
                        })
                        .get("/health/ready", (req, res) -> {
                            boolean ready = health.isReady();
                            return res.status(ready ? 200 : 503).header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"status\":\"" + (ready ? "UP" : "DOWN")
                                            + "\",\"reason\":" + quote(health.notReadyReason()) + "}"));
                        })
                        .get("/metrics", (req, res) -> res.header("Content-Type", "text/plain; version=0.0.4")
                                .sendString(Mono.just(metrics(health)), StandardCharsets.UTF_8)))
                .bindNow(Duration.ofSeconds(10));
        return new HealthServer(server);
    }

    public int port() {
        return ((InetSocketAddress) server.address()).getPort();
    }

    static String metrics(ServiceHealth health) {
        StringBuilder out = new StringBuilder();
        out.append("# TYPE offboarding_ready gauge\noffboarding_ready ").append(health.isReady() ? 1 : 0).append('\n');
        out.append("# TYPE offboarding_in_flight gauge\noffboarding_in_flight ").append(health.inFlight())
                .append('\n');
        out.append("# TYPE offboarding_assigned_partitions gauge\noffboarding_assigned_partitions ")
                .append(health.assignedPartitions()).append('\n');
        for (Map.Entry<String, Long> counter : health.counters().entrySet()) {
            String name = "offboarding_" + counter.getKey().replace('.', '_') + "_total";
            out.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ')
                    .append(counter.getValue()).append('\n');
        }
        return out.toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
