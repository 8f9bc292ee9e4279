package io.github.reselleroffboarding.schemaregistry;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A development stand-in for Confluent Schema Registry, speaking the part of its REST API that serializers,
 * deserializers and tools use (register, look up, fetch by id, list, versions, compatibility, config), with
 * Confluent's error codes and BACKWARD compatibility by default. State lives in memory and ends with the server.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistrySettings.loopback())) {
 *     String url = registry.baseUri().toString(); // schema.registry.url
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private final DisposableServer server;
    private final RegistryHttpApi api;
    private final URI baseUri;

    private SchemaRegistryServer(DisposableServer server, RegistryHttpApi api, String host) {
        this.server = server;
        this.api = api;
        InetSocketAddress address = (InetSocketAddress) server.address();
        this.baseUri = URI.create("http://" + hostForUri(host) + ":" + address.getPort());
    }

    /** Binds and starts serving; returns once the port is open. */
    public static SchemaRegistryServer start(SchemaRegistrySettings settings) {
        Objects.requireNonNull(settings, "settings");
        RegistryHttpApi api = new RegistryHttpApi(new SchemaStore(CompatibilityLevel.BACKWARD),
                settings.basicAuthUserInfo());
        DisposableServer server = HttpServer.create()
                .host(settings.host())
                .port(settings.port())
                .handle(api::handle)
                .bindNow(Duration.ofSeconds(10));
        return new SchemaRegistryServer(server, api, settings.host());
    }

    /** The value for {@code schema.registry.url}, e.g. {@code http://127.0.0.1:43817}. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /**
     * Requests answered so far by route template, e.g. {@code "GET /schemas/ids/{id}" -> 1}, so a test can prove a
     * client caches what it fetched.
     */
    public Map<String, Long> requestCounts() {
        return api.requestCounts();
    }

    /** Blocks until the server is closed from elsewhere (the standalone main uses it). */
    public void awaitClose() {
        server.onDispose().block();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    private static String hostForUri(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
