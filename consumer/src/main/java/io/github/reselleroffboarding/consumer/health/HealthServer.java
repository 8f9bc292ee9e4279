package io.github.reselleroffboarding.consumer.health;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
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

    /** @param metrics the scrape, in Prometheus' text format */
    public static HealthServer start(int port, ServiceHealth health, Supplier<String> metrics) {
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
                        .get("/metrics", (req, res) -> res
                                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                                .sendString(Mono.fromSupplier(metrics), StandardCharsets.UTF_8)))
                .bindNow(Duration.ofSeconds(10));
        return new HealthServer(server);
    }

    public int port() {
        return ((InetSocketAddress) server.address()).getPort();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
