package io.github.reselleroffboarding.partnercenter;

import java.util.Objects;

/** How the client authenticates: App+User through a refresh token, or a fixed access token for development. */
public sealed interface Credentials {

    /**
     * App+User (Secure Application Model): the refresh token from a one-time consent is exchanged for access
     * tokens at {@code <authority>/<partnerTenantId>/oauth2/token}. Azure AD may rotate the refresh token; the
     * newest one is kept.
     */
    record RefreshToken(String partnerTenantId, String clientId, Secret clientSecret, Secret refreshToken)
            implements Credentials {

        public RefreshToken {
            requireText(partnerTenantId, "partnerTenantId");
            requireText(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(refreshToken, "refreshToken");
            if (!partnerTenantId.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
                throw new IllegalArgumentException("partnerTenantId must be a tenant GUID or domain name");
            }
        }
    }

    /** A bearer token used as is until it expires; for development against the simulator. */
    record StaticAccessToken(Secret accessToken) implements Credentials {

        public StaticAccessToken {
            Objects.requireNonNull(accessToken, "accessToken");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
