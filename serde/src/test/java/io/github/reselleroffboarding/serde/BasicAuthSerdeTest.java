package io.github.reselleroffboarding.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reselleroffboarding.schemaregistry.SchemaRegistryServer;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistrySettings;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BasicAuthSerdeTest {

    static SchemaRegistryServer registry;

    @BeforeAll
    static void start() {
        registry = SchemaRegistryServer.start(SchemaRegistrySettings.loopback().withBasicAuth("sr-user:s3cret!"));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void sendsCredentialsFromBasicAuthUserInfo() {
        Map<String, Object> props = Map.of("schema.registry.url", registry.baseUri().toString(),
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "sr-user:s3cret!");

        assertThat(roundTrip(props, "auth-user-info")).isEqualTo(Samples.request("e-1"));
    }

    @Test
    void sendsCredentialsFromTheUrl() {
        String url = "http://sr-user:s3cret%21@127.0.0.1:" + registry.port();

        assertThat(roundTrip(Map.of("schema.registry.url", url), "auth-url")).isEqualTo(Samples.request("e-1"));
    }

    @Test
    void wrongCredentialsAreAClearErrorThatNeverShowsThePassword() {
        Map<String, Object> props = Map.of("schema.registry.url", registry.baseUri().toString(),
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "sr-user:wrong-pass");
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(props, false);

        assertThatThrownBy(() -> serializer.serialize("auth-wrong", Samples.request("e-1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("refused the credentials (HTTP 401)")
                .hasMessageNotContaining("wrong-pass")
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("wrong-pass"));
    }

    private static Object roundTrip(Map<String, Object> props, String topic) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(props, false);
        AvroDeserializer deserializer = new AvroDeserializer();
        java.util.Map<String, Object> readerProps = new java.util.HashMap<>(props);
        readerProps.put("specific.avro.reader", true);
        deserializer.configure(readerProps, false);
        return deserializer.deserialize(topic, serializer.serialize(topic, Samples.request("e-1")));
    }
}
