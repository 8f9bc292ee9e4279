package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Azure AD side: {@code POST /{tenant}/oauth2/token} with {@code grant_type=refresh_token} issues expiring
 * bearer tokens for the configured client and refresh token, rotating the refresh token on every exchange as
 * Azure AD may. Answers errors the way Azure AD does ({@code error}, {@code error_description} with an AADSTS
 * code).
 */
final class TokenIssuer {

    record Answer(int status, ObjectNode body) {
    }

    private final SimulatorSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> accessTokens = new HashMap<>();
    private final Map<String, Instant> graphTokens = new HashMap<>();
    private long graphIssued;
    private final Set<String> refreshTokens = new HashSet<>();
    private long issued;
    private boolean outage;

    TokenIssuer(SimulatorSettings settings) {
        this.settings = settings;
        refreshTokens.add(settings.refreshToken());
    }

    synchronized Answer exchange(String tenant, Map<String, String> form, Instant now) {
        if (!tenant.equalsIgnoreCase(settings.partnerTenantId())) {
            return error(400, "invalid_request", "AADSTS90002: Tenant '" + shorten(tenant) + "' not found.");
        }
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        if (!settings.clientId().equals(form.get("client_id"))
                || !settings.clientSecret().equals(form.get("client_secret"))) {
            return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }
        String presented = form.get("refresh_token");
        if (outage || presented == null || !refreshTokens.contains(presented)) {
            return error(400, "invalid_grant", "AADSTS70000: The provided value for the 'refresh_token' is not "
                    + "valid.");
        }
        if (!settings.tokenResource().equals(form.get("resource"))) {
            return error(400, "invalid_resource", "AADSTS500011: The resource principal was not found in the "
                    + "tenant.");
        }
        String accessToken = "sim-at-" + randomText();
        String nextRefreshToken = "sim-rt-" + randomText();
        long lifetime = settings.tokenLifetime().toSeconds();
        accessTokens.put(accessToken, now.plus(settings.tokenLifetime()));
        if (settings.strictRefreshTokenRotation()) {
            refreshTokens.remove(presented);
        }
        refreshTokens.add(nextRefreshToken);
        issued++;
        ObjectNode body = SeedCustomer.JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("scope", "user_impersonation");
        body.put("expires_in", String.valueOf(lifetime));
        body.put("ext_expires_in", String.valueOf(lifetime));
        body.put("expires_on", String.valueOf(now.getEpochSecond() + lifetime));
        body.put("not_before", String.valueOf(now.getEpochSecond()));
        body.put("resource", settings.tokenResource());
        body.put("access_token", accessToken);
        body.put("refresh_token", nextRefreshToken);
        return new Answer(200, body);
    }

    /**
     * Microsoft Graph's side: {@code POST /{tenant}/oauth2/v2.0/token} with {@code grant_type=client_credentials},
     * the configured client and a {@code scope} ending in {@code /.default}. Its tokens are Graph's only: Partner
     * Center refuses them, and Graph refuses Partner Center's.
     */
    synchronized Answer clientCredentials(String tenant, Map<String, String> form, Instant now) {
        if (!tenant.equalsIgnoreCase(settings.partnerTenantId())) {
            return error(400, "invalid_request", "AADSTS90002: Tenant '" + shorten(tenant) + "' not found.");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        if (!settings.clientId().equals(form.get("client_id"))
                || !settings.clientSecret().equals(form.get("client_secret"))) {
            return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }
        String scope = form.get("scope");
        if (scope == null || !scope.endsWith("/.default")) {
            return error(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is "
                    + "not valid.");
        }
        String accessToken = "sim-graph-at-" + randomText();
        long lifetime = settings.tokenLifetime().toSeconds();
        graphTokens.put(accessToken, now.plus(settings.tokenLifetime()));
        graphIssued++;
        ObjectNode body = SeedCustomer.JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime);
        body.put("ext_expires_in", lifetime);
        body.put("access_token", accessToken);
        return new Answer(200, body);
    }

    /** Whether {@code Authorization} holds a Graph token issued here and not expired. */
    synchronized boolean acceptsGraph(String authorization, Instant now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expiresAt = graphTokens.get(authorization.substring(7).strip());
        return expiresAt != null && expiresAt.isAfter(now);
    }

    synchronized long graphIssued() {
        return graphIssued;
    }

    /** Whether {@code Authorization} holds a bearer token issued here and not expired, or a static one. */
    synchronized boolean accepts(String authorization, Instant now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).strip();
        if (settings.staticAccessTokens().contains(token)) {
            return true;
        }
        Instant expiresAt = accessTokens.get(token);
        if (expiresAt == null) {
            return false;
        }
        if (!expiresAt.isAfter(now)) {
            accessTokens.remove(token);
            return false;
        }
        return true;
    }

    /** Every issued access token stops working, as when an admin revokes sessions. */
    synchronized void revokeAccessTokens() {
        accessTokens.clear();
        graphTokens.clear();
    }

    /** While on, every refresh token is refused, as when consent was revoked. */
    synchronized void outage(boolean on) {
        this.outage = on;
    }

    synchronized long issued() {
        return issued;
    }

    synchronized void resetCount() {
        issued = 0;
        graphIssued = 0;
    }

    synchronized void forgetExpired(Instant now) {
        for (Iterator<Instant> it = accessTokens.values().iterator(); it.hasNext(); ) {
            if (!it.next().isAfter(now)) {
                it.remove();
            }
        }
    }

    private static Answer error(int status, String error, String description) {
        ObjectNode body = SeedCustomer.JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description + " Trace ID: " + UUID.randomUUID());
        body.putArray("error_codes").add(Integer.parseInt(description.substring(6, description.indexOf(':'))));
        return new Answer(status, body);
    }

    private String randomText() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
