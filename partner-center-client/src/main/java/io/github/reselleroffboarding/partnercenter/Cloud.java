package io.github.reselleroffboarding.partnercenter;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Partner Center's clouds. The API base URL and the token authority are independent: US Government uses the
 * global API host with its own authority, 21Vianet (China) has both of its own. Either can be overridden.
 */
public enum Cloud {
    GLOBAL("global", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.com",
            "https://api.partnercenter.microsoft.com", "https://graph.microsoft.com"),
    US_GOVERNMENT("usgov", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.us",
            "https://api.partnercenter.microsoft.com", "https://graph.microsoft.us"),
    CHINA("china", "https://partner.partnercenterapi.microsoftonline.cn", "https://login.chinacloudapi.cn",
            "https://partner.partnercenterapi.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn");

    private final String configName;
    private final URI baseUrl;
    private final URI authority;
    private final String tokenResource;
    private final URI graphUrl;

    Cloud(String configName, String baseUrl, String authority, String tokenResource, String graphUrl) {
        this.configName = configName;
        this.baseUrl = URI.create(baseUrl);
        this.authority = URI.create(authority);
        this.tokenResource = tokenResource;
        this.graphUrl = URI.create(graphUrl);
    }

    /** Microsoft Graph in this cloud (GDAP relationships); its token scope is {@code <graphUrl>/.default}. */
    public URI graphUrl() {
        return graphUrl;
    }

    /** {@code global}, {@code usgov} or {@code china}. */
    public static Optional<Cloud> forName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.configName.equals(wanted)).findFirst();
    }

    public String configName() {
        return configName;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public URI authority() {
        return authority;
    }

    /** The {@code resource} asked for when exchanging a refresh token. */
    public String tokenResource() {
        return tokenResource;
    }
}
