package io.github.reselleroffboarding.partnercenter.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the simulator starts. Copy-on-write: each {@code with...} returns a new settings object.
 *
 * @param host address to bind
 * @param port 0 for a free port
 * @param pageSize items per page of every collection
 * @param casing property-name casing of responses
 * @param partnerTenantId the tenant in the token endpoint's path
 * @param clientId accepted {@code client_id}
 * @param clientSecret accepted {@code client_secret} (a development value, not a real secret)
 * @param refreshToken the first accepted refresh token
 * @param tokenResource accepted {@code resource}
 * @param tokenLifetime how long an issued access token is valid
 * @param strictRefreshTokenRotation whether a used refresh token stops working once a new one is issued
 * @param staticAccessTokens bearer tokens always accepted, for clients configured with a fixed token
 * @param unknownCustomers how a tenant that was never seeded is answered
 * @param faults injected faults
 * @param seed seed of the random that decides faults and jitter
 * @param customers the starting customer book (also what {@code /admin/reset} returns to)
 */
public record SimulatorSettings(String host, int port, int pageSize, Casing casing, String partnerTenantId,
        String clientId, String clientSecret, String refreshToken, String tokenResource, Duration tokenLifetime,
        boolean strictRefreshTokenRotation, Set<String> staticAccessTokens, UnknownCustomers unknownCustomers,
        FaultPlan faults, long seed, List<SeedCustomer> customers) {

    /** How a tenant that was never seeded is answered. */
    public enum UnknownCustomers {
        /** 404, as for a customer this partner never had. */
        NOT_FOUND,
        /** As a customer with a reseller relationship and nothing that blocks removal: for load tests. */
        CLEAN
    }

    public static final String DEFAULT_PARTNER_TENANT = "8f9a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c";

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        Objects.requireNonNull(casing, "casing");
        Objects.requireNonNull(partnerTenantId, "partnerTenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(tokenResource, "tokenResource");
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        staticAccessTokens = Set.copyOf(staticAccessTokens);
        Objects.requireNonNull(unknownCustomers, "unknownCustomers");
        Objects.requireNonNull(faults, "faults");
        customers = List.copyOf(customers);
    }

    /** 127.0.0.1 on a free port, 100 items a page, casing as in the docs, no faults, no customers. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, 100, Casing.DOCS, DEFAULT_PARTNER_TENANT, "offboarding-dev",
                "simulator-client-secret", "simulator-refresh-token", "https://api.partnercenter.microsoft.com",
                Duration.ofHours(1), false, Set.of(), UnknownCustomers.NOT_FOUND, FaultPlan.NONE, 42L, List.of());
    }

    public SimulatorSettings withHost(String value) {
        return new SimulatorSettings(value, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens,
                unknownCustomers, faults, seed, customers);
    }

    public SimulatorSettings withPort(int value) {
        return new SimulatorSettings(host, value, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens,
                unknownCustomers, faults, seed, customers);
    }

    public SimulatorSettings withPageSize(int value) {
        return new SimulatorSettings(host, port, value, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens,
                unknownCustomers, faults, seed, customers);
    }

    public SimulatorSettings withCasing(Casing value) {
        return new SimulatorSettings(host, port, pageSize, value, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens,
                unknownCustomers, faults, seed, customers);
    }

    public SimulatorSettings withCredentials(String tenant, String id, String secret, String firstRefreshToken) {
        return new SimulatorSettings(host, port, pageSize, casing, tenant, id, secret, firstRefreshToken,
                tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens, unknownCustomers,
                faults, seed, customers);
    }

    public SimulatorSettings withTokenLifetime(Duration value) {
        return new SimulatorSettings(host, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, value, strictRefreshTokenRotation, staticAccessTokens, unknownCustomers,
                faults, seed, customers);
    }

    public SimulatorSettings withStrictRefreshTokenRotation(boolean value) {
        return new SimulatorSettings(host, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, value, staticAccessTokens, unknownCustomers, faults, seed,
                customers);
    }

    public SimulatorSettings withStaticAccessTokens(Set<String> value) {
        return new SimulatorSettings(host, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, value, unknownCustomers,
                faults, seed, customers);
    }

    public SimulatorSettings withUnknownCustomers(UnknownCustomers value) {
        return new SimulatorSettings(host, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens, value,
                faults, seed, customers);
    }

    public SimulatorSettings withFaults(FaultPlan value) {
        return new SimulatorSettings(host, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens,
                unknownCustomers, value, seed, customers);
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(host, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens,
                unknownCustomers, faults, value, customers);
    }

    public SimulatorSettings withCustomers(List<SeedCustomer> value) {
        return new SimulatorSettings(host, port, pageSize, casing, partnerTenantId, clientId, clientSecret,
                refreshToken, tokenResource, tokenLifetime, strictRefreshTokenRotation, staticAccessTokens,
                unknownCustomers, faults, seed, value);
    }
}
