package io.github.reselleroffboarding.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro records (generated or generic) in Confluent Schema Registry's wire format. Configure it like
 * Confluent's {@code KafkaAvroSerializer}: {@code value.serializer=io.github.reselleroffboarding.serde.AvroSerializer}
 * plus {@code schema.registry.url} and, optionally, the other keys in {@link AvroSerdeConfig}.
 */
public final class AvroSerializer implements Serializer<Object> {

    private static final Logger log = LoggerFactory.getLogger(AvroSerializer.class);

    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private AvroSerdeConfig config;
    private SchemaRegistryClient registry;
    private boolean isKey;

    /** For Kafka, which creates serializers by class name and then calls {@link #configure}. */
    public AvroSerializer() {
    }

    /** Ready to use, sharing a registry client (and its cache) with other serdes. */
    public AvroSerializer(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.registry = new SchemaRegistryClient(config);
        this.isKey = isKey;
        if (config.autoRegisterSchemas() && config.useLatestVersion()) {
            log.warn("{}=true has no effect while {}=true (as in Confluent's serializer): set {}=false to write "
                    + "with the latest registered schema", AvroSerdeConfig.USE_LATEST_VERSION,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        if (!(data instanceof IndexedRecord record)) {
            throw new SerializationException("AvroSerializer writes Avro records; got " + data.getClass().getName());
        }
        Schema schema = record.getSchema();
        String subject = (isKey ? config.keySubjectStrategy() : config.valueSubjectStrategy())
                .subject(topic, isKey, schema);
        int id;
        Schema writerSchema = schema;
        Object value = record;
        try {
            if (config.autoRegisterSchemas()) {
                id = registry.register(subject, schema);
            } else if (config.useLatestVersion()) {
                RegisteredSchema latest = registry.latest(subject);
                id = latest.id();
                if (!latest.schema().equals(schema)) {
                    writerSchema = latest.schema();
                    value = convert(record, latest.schema(), subject);
                }
            } else {
                id = registry.idOf(subject, schema);
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for subject '" + subject + "' (record "
                    + schema.getFullName() + "): " + e.getMessage(), e);
        }
        return encode(id, writerSchema, value);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return serialize(topic, data);
    }

    private byte[] encode(int id, Schema schema, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, s -> writerFor(s, value)).write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode a " + schema.getFullName() + " with schema id " + id
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(Schema schema, Object value) {
        if (value instanceof SpecificRecord) {
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema,
                    SpecificData.getForClass(value.getClass()));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    /**
     * Re-expresses {@code record} in the subject's latest schema by Avro schema resolution (the latest schema
     * reads what the record's own schema writes), so fields are matched by name and defaults fill the gaps.
     */
    private static Object convert(IndexedRecord record, Schema latest, String subject) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            writerFor(record.getSchema(), record).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<>(record.getSchema(), latest, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("The latest schema of subject '" + subject + "' cannot represent a "
                    + record.getSchema().getFullName() + " (" + e.getMessage() + "); is it backward compatible "
                    + "with the record's schema?", e);
        }
    }
}
