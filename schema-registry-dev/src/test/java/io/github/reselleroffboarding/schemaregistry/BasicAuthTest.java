package io.github.reselleroffboarding.schemaregistry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BasicAuthTest {

    static SchemaRegistryServer server;

    @BeforeAll
    static void start() {
        server = SchemaRegistryServer.start(SchemaRegistrySettings.loopback().withBasicAuth("sr-user:s3cret"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestsWithoutCredentialsAre401WithAChallenge() {
        RegistryClient.Answer answer = new RegistryClient(server.baseUri()).get("/subjects");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(401);
        assertThat(answer.wwwAuthenticate()).hasValue("Basic realm=\"SchemaRegistry\"");
    }

    @Test
    void requestsWithWrongCredentialsAre401() {
        assertThat(new RegistryClient(server.baseUri(), Optional.of(basic("sr-user:wrong"))).get("/subjects")
                .status()).isEqualTo(401);
    }

    @Test
    void requestsWithTheConfiguredCredentialsAreServed() {
        assertThat(new RegistryClient(server.baseUri(), Optional.of(basic("sr-user:s3cret"))).get("/subjects")
                .status()).isEqualTo(200);
    }

    @Test
    void theSettingsNeverPrintThePassword() {
        assertThat(SchemaRegistrySettings.loopback().withBasicAuth("sr-user:s3cret").toString())
                .contains("sr-user").doesNotContain("s3cret");
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
