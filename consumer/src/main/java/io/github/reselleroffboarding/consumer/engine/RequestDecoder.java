package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.serde.SchemaRegistryRejectedException;
import io.github.reselleroffboarding.serde.SchemaRegistryUnavailableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a request record and says what to do when that fails: a poison pill (unreadable for good) goes to
 * the dead-letter topic; a registry that cannot be reached, or refuses our credentials, is waited out, because
 * the record is fine.
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

    /** Registry answers that say nothing about the record: our credentials, or the registry's own load. */
    private static final Set<Integer> REGISTRY_SIDE = Set.of(401, 403, 408, 429);

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

    /**
     * Whether the failure is the registry's (or ours with it), not the record's: unreachable, 5xx, timing out,
     * or refusing our credentials. A truncated or corrupt body, an unknown schema id (404) or a wrong schema is
     * the record's problem, and waiting would hold its partition forever. Confluent's deserializer is
     * recognised by the network exceptions it wraps.
     */
    static boolean isRegistryUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException) {
                return true;
            }
            if (t instanceof SchemaRegistryRejectedException rejected && REGISTRY_SIDE.contains(rejected.httpStatus())) {
                return true;
            }
            if (t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof HttpTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
