package io.github.reselleroffboarding.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent Schema Registry wire format. With {@code specific.avro.reader=true} a record becomes its
 * generated class, resolved from whatever compatible schema wrote it; otherwise a {@link GenericData.Record} in the
 * writer's schema. Configure it like Confluent's {@code KafkaAvroDeserializer}.
 *
 * <p>Every failure is a {@link SerializationException} that says what was wrong: wrong magic byte, truncated
 * header or body, unknown schema id, or registry unreachable (cause {@link SchemaRegistryUnavailableException}, the
 * one case where trying again later can help).
 */
public final class AvroDeserializer implements Deserializer<Object> {

    private record ReaderKey(int writerId, boolean specific) {
    }

    private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private AvroSerdeConfig config;
    private SchemaRegistryClient registry;

    /** For Kafka, which creates deserializers by class name and then calls {@link #configure}. */
    public AvroDeserializer() {
    }

    /** Ready to use, sharing a registry client (and its cache) with other serdes. */
    public AvroDeserializer(SchemaRegistryClient registry, AvroSerdeConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.registry = new SchemaRegistryClient(config);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        int id = WireFormat.schemaId(data);
        DatumReader<Object> reader = readerFor(id);
        // Avro's own decoder allocates whatever a length prefix claims; this one checks it against the record first
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(data, WireFormat.HEADER_LENGTH,
                data.length - WireFormat.HEADER_LENGTH);
        Object value;
        try {
            value = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Truncated or corrupt Avro body (" + (data.length
                    - WireFormat.HEADER_LENGTH) + " bytes) for schema id " + id + ": " + describe(e), e);
        }
        if (decoder.remaining() != 0) {
            throw new SerializationException("Corrupt Avro body for schema id " + id + ": bytes left over after "
                    + "the record");
        }
        return value;
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    private DatumReader<Object> readerFor(int id) {
        ReaderKey key = new ReaderKey(id, config.specificAvroReader());
        DatumReader<Object> cached = readers.get(key);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryRejectedException e) {
            if (e.errorCode() == SchemaRegistryRejectedException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + id + ": Schema Registry at "
                        + registry.describeUrls() + " has no such schema", e);
            }
            throw new SerializationException("Cannot fetch schema id " + id + ": " + e.getMessage(), e);
        } catch (SchemaRegistryUnavailableException e) {
            throw new SerializationException("Cannot fetch schema id " + id + ": " + e.getMessage(), e);
        }
        DatumReader<Object> reader = key.specific() ? specificReader(writer) : genericReader(writer);
        readers.put(key, reader);
        return reader;
    }

    @SuppressWarnings("unchecked")
    private static DatumReader<Object> specificReader(Schema writer) {
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("No generated class " + writer.getFullName() + " on the classpath to "
                    + "read into (specific.avro.reader=true)");
        }
        SpecificData model = SpecificData.getForClass(type);
        return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, model.getSchema(type), model);
    }

    private static DatumReader<Object> genericReader(Schema writer) {
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
