package io.github.reselleroffboarding.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.serde.SchemaRegistryRejectedException;
import io.github.reselleroffboarding.serde.SchemaRegistryUnavailableException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * A record that cannot be decoded is dead-lettered at once when the fault is the record's; it is read again later
 * when the fault is the registry's or ours with it, because the record is fine.
 */
class RequestDecoderTest {

    @Test
    void aTruncatedOrCorruptBodyIsAPoisonPillNotARegistryOutage() {
        assertThat(decodeFailingWith(new SerializationException("Truncated or corrupt Avro body",
                new EOFException("Reading a string needs 1000000000 bytes but only 3 are left"))))
                .isInstanceOf(RequestDecoder.Decoded.Poison.class);
        assertThat(decodeFailingWith(new SerializationException("corrupt", new IOException("bad block"))))
                .isInstanceOf(RequestDecoder.Decoded.Poison.class);
    }

    @Test
    void anUnknownSchemaIdIsAPoisonPill() {
        assertThat(decodeFailingWith(new SerializationException("Unknown schema id 99",
                new SchemaRegistryRejectedException(404, SchemaRegistryRejectedException.SCHEMA_NOT_FOUND,
                        "Schema not found")))).isInstanceOf(RequestDecoder.Decoded.Poison.class);
    }

    @Test
    void aRegistryThatRefusesOurCredentialsIsWaitedOutNotBlamedOnTheRecord() {
        assertThat(decodeFailingWith(new SerializationException("Cannot fetch schema id 3",
                new SchemaRegistryRejectedException(401, 401, "refused the credentials"))))
                .isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
        assertThat(decodeFailingWith(new SerializationException("Cannot fetch schema id 3",
                new SchemaRegistryRejectedException(403, 40301, "forbidden"))))
                .isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
    }

    @Test
    void aRegistryThatCannotBeReachedOrAnswers5xxIsWaitedOut() {
        assertThat(decodeFailingWith(new SerializationException("Cannot fetch schema id 3",
                new SchemaRegistryUnavailableException("HTTP 503", null))))
                .isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
        // as Confluent's own deserializer reports it
        assertThat(decodeFailingWith(new SerializationException("Error retrieving Avro schema",
                new ConnectException("Connection refused"))))
                .isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
        assertThat(decodeFailingWith(new SerializationException("Error retrieving Avro schema",
                new SocketTimeoutException("Read timed out"))))
                .isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
    }

    @Test
    void anyOtherFailureOfTheDeserializerIsAPoisonPill() {
        assertThat(decodeFailingWith(new IllegalStateException("boom")))
                .isInstanceOf(RequestDecoder.Decoded.Poison.class);
    }

    private static RequestDecoder.Decoded decodeFailingWith(RuntimeException failure) {
        Deserializer<Object> failing = (topic, data) -> {
            throw failure;
        };
        return new RequestDecoder(failing).decode(new ConsumerRecord<>("requests", 0, 0L, new byte[] {1},
                new byte[] {0, 0, 0, 0, 3, 1}));
    }
}
