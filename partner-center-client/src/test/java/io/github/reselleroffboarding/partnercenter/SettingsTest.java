package io.github.reselleroffboarding.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    static final Credentials TOKEN = new Credentials.StaticAccessToken(Secret.of("t"));

    @Test
    void cloudPresetsSetBaseUrlAndAuthorityIndependently() {
        assertThat(Cloud.forName("global")).contains(Cloud.GLOBAL);
        assertThat(Cloud.US_GOVERNMENT.baseUrl()).isEqualTo(Cloud.GLOBAL.baseUrl());
        assertThat(Cloud.US_GOVERNMENT.authority()).isEqualTo(URI.create("https://login.microsoftonline.us"));
        assertThat(Cloud.forName("China").orElseThrow().baseUrl())
                .isEqualTo(URI.create("https://partner.partnercenterapi.microsoftonline.cn"));
        assertThat(Cloud.CHINA.authority()).isEqualTo(URI.create("https://login.chinacloudapi.cn"));
        assertThat(Cloud.forName("germany")).isEmpty();
    }

    @Test
    void eitherUrlCanBeOverridden() {
        PartnerCenterSettings settings = PartnerCenterSettings.forCloud(Cloud.US_GOVERNMENT, TOKEN)
                .withBaseUrl(URI.create("https://pc.example/"))
                .withAuthority(URI.create("https://login.example"));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://pc.example"));
        assertThat(settings.authority()).isEqualTo(URI.create("https://login.example"));
        assertThat(settings.tokenResource()).isEqualTo("https://api.partnercenter.microsoft.com");
    }

    @Test
    void refusesUrlsThatCouldCarryCredentialsOrOddParts() {
        PartnerCenterSettings settings = PartnerCenterSettings.forCloud(Cloud.GLOBAL, TOKEN);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withBaseUrl(URI.create("ftp://x")))
                .withMessageStartingWith("baseUrl must be an http(s) URL");
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withAuthority(
                URI.create("https://user:pw@login.example"))).withMessageStartingWith("authority must be a plain");
    }

    @Test
    void validatesLimits() {
        PartnerCenterSettings settings = PartnerCenterSettings.forCloud(Cloud.GLOBAL, TOKEN);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withRequestsPerSecond(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withMaxConnections(0));
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withTimeouts(Duration.ZERO,
                Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Credentials.RefreshToken("tenant/../x", "c",
                Secret.of("s"), Secret.of("r"))).withMessageContaining("partnerTenantId");
    }

    @Test
    void backoffDoublesUpToTheCapAndJitterOnlyShortensIt() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5,
                Duration.ofMinutes(1));

        assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(4, 0)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(5, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(60, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, 0.999)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aSecretNeverPrintsItsValue() {
        Secret secret = Secret.of("hunter2");

        assertThat(secret).hasToString("***");
        assertThat(secret.scrub("token=hunter2;")).isEqualTo("token=***;");
        assertThat(new Credentials.StaticAccessToken(secret).toString()).doesNotContain("hunter2");
    }
}
