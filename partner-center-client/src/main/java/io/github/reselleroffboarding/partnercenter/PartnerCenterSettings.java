package io.github.reselleroffboarding.partnercenter;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the client needs, validated when built.
 *
 * @param baseUrl API base, e.g. {@code https://api.partnercenter.microsoft.com} (paths add {@code /v1/...})
 * @param authority token authority, e.g. {@code https://login.microsoftonline.com}
 * @param tokenResource the {@code resource} of the token exchange
 * @param credentials App+User refresh token, or a static access token
 * @param connectTimeout TCP connect timeout (default 5 s)
 * @param responseTimeout time allowed between sending a request and its response (default 30 s)
 * @param retry backoff and budget for transient failures
 * @param requestsPerSecond client-side limit on calls to Partner Center for this partner; 0 turns it off
 * @param maxConnections connection pool size; at least the number of calls the caller runs at once
 * @param locale {@code X-Locale} header (default en-US)
 * @param tokenRefreshBefore refresh an access token this long before it expires (default 5 min)
 * @param maxIdleTime close a pooled connection idle this long (default {@link #DEFAULT_MAX_IDLE_TIME})
 */
public record PartnerCenterSettings(URI baseUrl, URI authority, String tokenResource, Credentials credentials,
        Duration connectTimeout, Duration responseTimeout, RetryPolicy retry, double requestsPerSecond,
        int maxConnections, String locale, Duration tokenRefreshBefore, Duration maxIdleTime) {

    /**
     * How long a pooled connection may sit idle before it is closed: below the keep-alive of common servers and
     * proxies (5 s for Node.js and Apache httpd), so the client never sends on a connection the server is closing.
     */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(4);

    /** Without {@code maxIdleTime}: {@link #DEFAULT_MAX_IDLE_TIME}. */
    public PartnerCenterSettings(URI baseUrl, URI authority, String tokenResource, Credentials credentials,
            Duration connectTimeout, Duration responseTimeout, RetryPolicy retry, double requestsPerSecond,
            int maxConnections, String locale, Duration tokenRefreshBefore) {
        this(baseUrl, authority, tokenResource, credentials, connectTimeout, responseTimeout, retry,
                requestsPerSecond, maxConnections, locale, tokenRefreshBefore, DEFAULT_MAX_IDLE_TIME);
    }

    public PartnerCenterSettings {
        baseUrl = withoutTrailingSlash(requireHttp(baseUrl, "baseUrl"));
        authority = withoutTrailingSlash(requireHttp(authority, "authority"));
        Objects.requireNonNull(tokenResource, "tokenResource");
        Objects.requireNonNull(credentials, "credentials");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(responseTimeout, "responseTimeout");
        Objects.requireNonNull(retry, "retry");
        if (requestsPerSecond < 0 || Double.isNaN(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be 0 (off) or positive, was "
                    + requestsPerSecond);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(tokenRefreshBefore, "tokenRefreshBefore");
        requirePositive(maxIdleTime, "maxIdleTime");
    }

    /** The cloud's URLs, default timeouts and retries, no rate limit, 200 connections. */
    public static PartnerCenterSettings forCloud(Cloud cloud, Credentials credentials) {
        return new PartnerCenterSettings(cloud.baseUrl(), cloud.authority(), cloud.tokenResource(), credentials,
                Duration.ofSeconds(5), Duration.ofSeconds(30), RetryPolicy.DEFAULT, 0, 200, "en-US",
                Duration.ofMinutes(5));
    }

    public PartnerCenterSettings withBaseUrl(URI url) {
        return new PartnerCenterSettings(url, authority, tokenResource, credentials, connectTimeout,
                responseTimeout, retry, requestsPerSecond, maxConnections, locale, tokenRefreshBefore, maxIdleTime);
    }

    public PartnerCenterSettings withAuthority(URI url) {
        return new PartnerCenterSettings(baseUrl, url, tokenResource, credentials, connectTimeout, responseTimeout,
                retry, requestsPerSecond, maxConnections, locale, tokenRefreshBefore, maxIdleTime);
    }

    public PartnerCenterSettings withTimeouts(Duration connect, Duration response) {
        return new PartnerCenterSettings(baseUrl, authority, tokenResource, credentials, connect, response, retry,
                requestsPerSecond, maxConnections, locale, tokenRefreshBefore, maxIdleTime);
    }

    public PartnerCenterSettings withRetry(RetryPolicy policy) {
        return new PartnerCenterSettings(baseUrl, authority, tokenResource, credentials, connectTimeout,
                responseTimeout, policy, requestsPerSecond, maxConnections, locale, tokenRefreshBefore, maxIdleTime);
    }

    public PartnerCenterSettings withRequestsPerSecond(double limit) {
        return new PartnerCenterSettings(baseUrl, authority, tokenResource, credentials, connectTimeout,
                responseTimeout, retry, limit, maxConnections, locale, tokenRefreshBefore, maxIdleTime);
    }

    public PartnerCenterSettings withMaxConnections(int connections) {
        return new PartnerCenterSettings(baseUrl, authority, tokenResource, credentials, connectTimeout,
                responseTimeout, retry, requestsPerSecond, connections, locale, tokenRefreshBefore, maxIdleTime);
    }

    public PartnerCenterSettings withTokenRefreshBefore(Duration before) {
        return new PartnerCenterSettings(baseUrl, authority, tokenResource, credentials, connectTimeout,
                responseTimeout, retry, requestsPerSecond, maxConnections, locale, before, maxIdleTime);
    }

    public PartnerCenterSettings withMaxIdleTime(Duration idle) {
        return new PartnerCenterSettings(baseUrl, authority, tokenResource, credentials, connectTimeout,
                responseTimeout, retry, requestsPerSecond, maxConnections, locale, tokenRefreshBefore, idle);
    }

    private static URI requireHttp(URI uri, String name) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL, was " + uri);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must be a plain base URL without credentials, query or "
                    + "fragment");
        }
        return uri;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
