package io.github.reselleroffboarding.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void defaultsFollowConfluent() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://localhost:8081"));

        assertThat(config.registryUrls()).containsExactly(URI.create("http://localhost:8081"));
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.authorization()).isEmpty();
        assertThat(config.valueSubjectStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.latestCacheTtl()).isEmpty();
    }

    @Test
    void readsConfluentsKeysWithStringOrTypedValues() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(
                "schema.registry.url", "http://a:8081/, http://b:8081",
                "auto.register.schemas", "false",
                "use.latest.version", true,
                "specific.avro.reader", "TRUE",
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
                "http.read.timeout.ms", 1500,
                "latest.cache.ttl.sec", "60"));

        assertThat(config.registryUrls()).containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081"));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.specificAvroReader()).isTrue();
        assertThat(config.valueSubjectStrategy()).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(config.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.latestCacheTtl()).contains(Duration.ofSeconds(60));
    }

    @Test
    void userInfoComesFromTheUrlByDefaultAndIsRemovedFromIt() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "https://sr:p%40ss@registry:8081"));

        assertThat(config.registryUrls()).containsExactly(URI.create("https://registry:8081"));
        assertThat(config.authorization()).contains(basic("sr:p@ss"));
    }

    @Test
    void userInfoComesFromBasicAuthUserInfoWhenTheSourceIsUserInfo() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(
                "schema.registry.url", "http://registry:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "sr:secret"));

        assertThat(config.authorization()).contains(basic("sr:secret"));
    }

    @Test
    void theLegacyUserInfoKeyStillWorks() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(
                "schema.registry.url", "http://registry:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "sr:secret"));

        assertThat(config.authorization()).contains(basic("sr:secret"));
    }

    @Test
    void aMissingUrlNamesTheKey() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url is required");
    }

    @Test
    void aMalformedUrlNamesTheKeyButNotItsCredentials() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "ftp://user:hunter2@host")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aBadBooleanNamesTheKey() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://x:1",
                "auto.register.schemas", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void userInfoSourceWithoutUserInfoSaysSoWithoutEchoingIt() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://x:1",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "justapassword")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info must be set to user:password")
                .hasMessageNotContaining("justapassword");
    }

    @Test
    void anUnsupportedCredentialsSourceNamesTheKey() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://x:1",
                "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source");
    }

    @Test
    void anUnknownSubjectStrategyListsTheSupportedOnes() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://x:1",
                "value.subject.name.strategy", "com.example.MyStrategy")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("io.confluent.kafka.serializers.subject.TopicNameStrategy");
    }

    @Test
    void printingTheConfigNeverShowsCredentials() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://sr:hunter2@registry:1"));

        assertThat(config.toString()).contains("basicAuth=configured").doesNotContain("hunter2");
        assertThat(config.describeUrls()).doesNotContain("hunter2");
    }

    @Test
    void subjectStrategiesNameSubjectsAsConfluentDoes() {
        org.apache.avro.Schema schema = org.apache.avro.SchemaBuilder.record("Req").namespace("a.b").fields()
                .endRecord();

        assertThat(List.of(
                SubjectNameStrategy.TOPIC_NAME.subject("t", false, schema),
                SubjectNameStrategy.TOPIC_NAME.subject("t", true, schema),
                SubjectNameStrategy.RECORD_NAME.subject("t", false, schema),
                SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", false, schema)))
                .containsExactly("t-value", "t-key", "a.b.Req", "t-a.b.Req");
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
