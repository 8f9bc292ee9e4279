package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.serde.SchemaRegistryUnavailableException;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a request record and says what to do when that fails: a poison pill (unreadable for good) goes to
 * the dead-letter topic; a registry that cannot be reached is waited out, because the record is fine.
 */
final class RequestDecoder {

    sealed interface Decoded {
        record Request(CustomerOffboardRequested value) implements Decoded {
        }

        record Poison(Exception reason) implements Decoded {
        }

        record RegistryUnavailable(Exception reason) implements Decoded {
        }
    }

    private final Deserializer<Object> deserializer;

    RequestDecoder(Deserializer<Object> deserializer) {
        this.deserializer = deserializer;
    }

    Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return new Decoded.Poison(new SerializationException("The record has no value (a tombstone)"));
        }
        Object value;
        try {
            value = deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            return isRegistryUnavailable(e) ? new Decoded.RegistryUnavailable(e) : new Decoded.Poison(e);
        } catch (RuntimeException e) {
            return new Decoded.Poison(e);
        }
        if (value instanceof CustomerOffboardRequested request) {
            return new Decoded.Request(request);
        }
        return new Decoded.Poison(new SerializationException("Expected a CustomerOffboardRequested, got "
                + (value == null ? "null" : value.getClass().getName())));
    }

    /** Also recognises Confluent's deserializer, whose connection failures have an IOException as cause. */
    static boolean isRegistryUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException || t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
