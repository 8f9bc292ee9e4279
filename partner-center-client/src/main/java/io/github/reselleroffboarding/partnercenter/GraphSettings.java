package io.github.reselleroffboarding.partnercenter;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Microsoft Graph for GDAP: its base URL and token authority (per cloud, each overridable), the app
 * registration that holds {@code DelegatedAdminRelationship.ReadWrite.All} as an application permission (client
 * credentials), the retry policy and timeouts.
 */
public record GraphSettings(URI baseUrl, URI authority, String tenantId, String clientId, Secret clientSecret,
        RetryPolicy retry, Duration connectTimeout, Duration responseTimeout) {

    public GraphSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(retry, "retry");
        baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        authority = URI.create(authority.toString().replaceAll("/+$", ""));
    }

    public static GraphSettings forCloud(Cloud cloud, String tenantId, String clientId, Secret clientSecret) {
        return new GraphSettings(cloud.graphUrl(), cloud.authority(), tenantId, clientId, clientSecret,
                RetryPolicy.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public GraphSettings withBaseUrl(URI url) {
        return new GraphSettings(url, authority, tenantId, clientId, clientSecret, retry, connectTimeout,
                responseTimeout);
    }

    public GraphSettings withAuthority(URI url) {
        return new GraphSettings(baseUrl, url, tenantId, clientId, clientSecret, retry, connectTimeout,
                responseTimeout);
    }

    public GraphSettings withRetry(RetryPolicy policy) {
        return new GraphSettings(baseUrl, authority, tenantId, clientId, clientSecret, policy, connectTimeout,
                responseTimeout);
    }

    public GraphSettings withTimeouts(Duration connect, Duration response) {
        return new GraphSettings(baseUrl, authority, tenantId, clientId, clientSecret, retry, connect, response);
    }

    /** The token scope: Graph's own host, {@code /.default} (the app's granted permissions). */
    String scope() {
        return baseUrl + "/.default";
    }

    @Override
    public String toString() {
        return "GraphSettings[baseUrl=" + baseUrl + ", authority=" + authority + ", tenantId=" + tenantId
                + ", clientId=" + clientId + ", clientSecret=****, retry=" + retry + "]";
    }
}
