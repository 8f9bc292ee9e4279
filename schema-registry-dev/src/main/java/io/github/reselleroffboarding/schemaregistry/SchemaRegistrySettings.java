package io.github.reselleroffboarding.schemaregistry;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the development registry listens and whether it asks for HTTP basic auth.
 *
 * @param host address to bind; {@code 127.0.0.1} unless it must be reachable from other hosts
 * @param port port to bind; 0 picks a free one (see {@link SchemaRegistryServer#port()})
 * @param basicAuthUserInfo {@code user:password} every request must present, or empty for no auth
 */
public record SchemaRegistrySettings(String host, int port, Optional<String> basicAuthUserInfo) {

    public SchemaRegistrySettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(basicAuthUserInfo, "basicAuthUserInfo");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        basicAuthUserInfo.ifPresent(userInfo -> {
            if (userInfo.indexOf(':') < 1) {
                throw new IllegalArgumentException("basic auth must be given as user:password");
            }
        });
    }

    /** 127.0.0.1 on a free port, no auth: what tests and the embedded run use. */
    public static SchemaRegistrySettings loopback() {
        return new SchemaRegistrySettings("127.0.0.1", 0, Optional.empty());
    }

    public SchemaRegistrySettings withPort(int port) {
        return new SchemaRegistrySettings(host, port, basicAuthUserInfo);
    }

    public SchemaRegistrySettings withHost(String host) {
        return new SchemaRegistrySettings(host, port, basicAuthUserInfo);
    }

    public SchemaRegistrySettings withBasicAuth(String userInfo) {
        return new SchemaRegistrySettings(host, port, Optional.of(userInfo));
    }

    @Override
    public String toString() {
        // the password stays out of logs
        return "SchemaRegistrySettings[host=" + host + ", port=" + port + ", basicAuth="
                + basicAuthUserInfo.map(u -> u.substring(0, u.indexOf(':')) + ":***").orElse("off") + "]";
    }
}
