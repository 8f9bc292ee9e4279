package io.github.reselleroffboarding.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistryServer;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistrySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Serializer and deserializer against the development registry over HTTP. Each test writes to its own topic, so
 * subjects never collide and the shared registry's request counts can be compared before and after.
 */
class AvroSerdeTest {

    static SchemaRegistryServer registry;
    String topic;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(SchemaRegistrySettings.loopback());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void uniqueTopic(TestInfo test) {
        topic = test.getTestMethod().orElseThrow().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void writesTheMagicByteTheSchemaIdBigEndianAndTheAvroBinaryBody() {
        GenericRecord tiny = new GenericData.Record(Samples.TINY);
        tiny.put("s", "hi");

        byte[] bytes = serializer(Map.of()).serialize(topic, tiny);

        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(id).isPositive();
        // 0x00 | id (4 bytes, big-endian) | zig-zag length 2 = 0x04 | 'h' 'i'
        assertThat(bytes).containsExactly(0x00, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id,
                0x04, 'h', 'i');
    }

    @Test
    void theBodyIsExactlyAvrosBinaryEncoding() throws IOException {
        CustomerOffboardRequested request = Samples.request("e-1");

        byte[] bytes = serializer(Map.of()).serialize(topic, request);

        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(request));
    }

    @Test
    void registersUnderTheTopicNameStrategySubject() {
        serializer(Map.of()).serialize(topic, Samples.request("e-1"));

        assertThat(registry(Map.of()).latest(topic + "-value").schema())
                .isEqualTo(CustomerOffboardRequested.getClassSchema());
    }

    @Test
    void roundTripsAGeneratedClassWithTheSpecificReader() {
        CustomerOffboardRequested request = Samples.request("e-1");

        Object read = deserializer(Map.of("specific.avro.reader", "true"))
                .deserialize(topic, serializer(Map.of()).serialize(topic, request));

        assertThat(read).isInstanceOf(CustomerOffboardRequested.class).isEqualTo(request);
    }

    @Test
    void readsAGenericRecordInTheWritersSchemaByDefault() {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.request("e-1"));

        Object read = deserializer(Map.of()).deserialize(topic, bytes);

        assertThat(read).isInstanceOf(GenericData.Record.class);
        assertThat(((GenericRecord) read).get("eventId").toString()).isEqualTo("e-1");
    }

    @Test
    void dataFromAnOlderWriterSchemaResolvesToTheReadersSchemaWithDefaults() {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.generic(Samples.REQUEST_WITHOUT_CORRELATION_ID,
                "e-old"));

        CustomerOffboardRequested read = (CustomerOffboardRequested) deserializer(
                Map.of("specific.avro.reader", true)).deserialize(topic, bytes);

        assertThat(read.getEventId()).isEqualTo("e-old");
        assertThat(read.getRequestedBy()).isEqualTo("bob@contoso.example");
        assertThat(read.getCorrelationId()).isNull();
    }

    @Test
    void dataFromANewerWriterSchemaResolvesToTheReadersSchemaDroppingUnknownFields() {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.generic(Samples.REQUEST_WITH_TICKET, "e-new"));

        CustomerOffboardRequested read = (CustomerOffboardRequested) deserializer(
                Map.of("specific.avro.reader", true)).deserialize(topic, bytes);

        assertThat(read.getEventId()).isEqualTo("e-new");
        assertThat(read.getCorrelationId()).isEqualTo("corr-2");
    }

    @Test
    void fetchesAndRegistersEachSchemaOnceNotPerRecord() {
        AvroSerializer serializer = serializer(Map.of());
        AvroDeserializer deserializer = deserializer(Map.of("specific.avro.reader", true));
        long registrationsBefore = count("POST /subjects/{subject}/versions");
        long fetchesBefore = count("GET /schemas/ids/{id}");

        for (int i = 0; i < 50; i++) {
            deserializer.deserialize(topic, serializer.serialize(topic, Samples.request("e-" + i)));
        }

        assertThat(count("POST /subjects/{subject}/versions") - registrationsBefore).isEqualTo(1);
        // the serializer's registration already taught that client the id; this deserializer has its own client
        assertThat(count("GET /schemas/ids/{id}") - fetchesBefore).isEqualTo(1);
    }

    @Test
    void withoutAutoRegistrationItLooksTheSchemaUpUnderTheSubject() {
        int id = registry(Map.of()).register(topic + "-value", CustomerOffboardRequested.getClassSchema());

        byte[] bytes = serializer(Map.of("auto.register.schemas", false)).serialize(topic, Samples.request("e-1"));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsAClearError() {
        registry(Map.of()).register(topic + "-value", Samples.REQUEST_WITHOUT_CORRELATION_ID);

        assertThatThrownBy(() -> serializer(Map.of("auto.register.schemas", false))
                .serialize(topic, Samples.request("e-1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject '" + topic + "-value'")
                .hasMessageContaining("Schema not found")
                .hasMessageContaining("error_code 40403");
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchema() {
        int latestId = registry(Map.of()).register(topic + "-value", Samples.REQUEST_WITH_TICKET);

        byte[] bytes = serializer(Map.of("auto.register.schemas", false, "use.latest.version", true))
                .serialize(topic, Samples.request("e-1"));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
        GenericRecord read = (GenericRecord) deserializer(Map.of()).deserialize(topic, bytes);
        assertThat(read.getSchema()).isEqualTo(Samples.REQUEST_WITH_TICKET);
        assertThat(read.get("eventId").toString()).isEqualTo("e-1");
        assertThat(read.get("crmTicket")).isNull();
    }

    @Test
    void keysUseTheKeySubject() {
        GenericRecord tiny = new GenericData.Record(Samples.TINY);
        tiny.put("s", "k");
        AvroSerializer keySerializer = new AvroSerializer();
        keySerializer.configure(props(Map.of()), true);

        keySerializer.serialize(topic, tiny);

        assertThat(registry(Map.of()).latest(topic + "-key").schema()).isEqualTo(Samples.TINY);
    }

    @Test
    void nullStaysNullBothWays() {
        assertThat(serializer(Map.of()).serialize(topic, null)).isNull();
        assertThat(deserializer(Map.of()).deserialize(topic, null)).isNull();
    }

    @Test
    void somethingOtherThanAnAvroRecordIsRefused() {
        assertThatThrownBy(() -> serializer(Map.of()).serialize(topic, "plain string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void aWrongMagicByteIsAClearError() {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.request("e-1"));
        bytes[0] = 0x01;

        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(topic, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown magic byte 0x01");
    }

    @Test
    void anUnknownSchemaIdIsAClearError() {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.request("e-1"));
        ByteBuffer.wrap(bytes).putInt(1, 999_999);

        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(topic, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown schema id 999999");
    }

    @Test
    void aTruncatedHeaderIsAClearError() {
        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(topic, new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Truncated record: 2 bytes");
    }

    @Test
    void aTruncatedBodyIsAClearError() {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.request("e-1"));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 10);

        assertThatThrownBy(() -> deserializer(Map.of("specific.avro.reader", true)).deserialize(topic, cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Truncated or corrupt Avro body");
    }

    @Test
    void trailingGarbageAfterTheRecordIsAClearError() {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.request("e-1"));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> deserializer(Map.of()).deserialize(topic, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left over");
    }

    @Test
    void aRegistryThatIsDownIsAClearErrorWhoseCauseSaysItIsTransient() throws IOException {
        byte[] bytes = serializer(Map.of()).serialize(topic, Samples.request("e-1"));
        Map<String, Object> down = Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort());

        assertThatThrownBy(() -> deserializer(down).deserialize(topic, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Schema Registry unreachable at [http://127.0.0.1:")
                .hasCauseInstanceOf(SchemaRegistryUnavailableException.class);
        assertThatThrownBy(() -> serializer(down).serialize(topic, Samples.request("e-2")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Schema Registry unreachable")
                .hasCauseInstanceOf(SchemaRegistryUnavailableException.class);
    }

    @Test
    void triesTheNextRegistryUrlWhenOneIsDown() throws IOException {
        String urls = "http://127.0.0.1:" + closedPort() + "," + registry.baseUri();

        byte[] bytes = serializer(Map.of("schema.registry.url", urls)).serialize(topic, Samples.request("e-1"));

        assertThat(deserializer(Map.of("schema.registry.url", urls, "specific.avro.reader", true))
                .deserialize(topic, bytes)).isEqualTo(Samples.request("e-1"));
    }

    private long count(String route) {
        return registry.requestCounts().getOrDefault(route, 0L);
    }

    private static AvroSerializer serializer(Map<String, Object> overrides) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(props(overrides), false);
        return serializer;
    }

    private static AvroDeserializer deserializer(Map<String, Object> overrides) {
        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(props(overrides), false);
        return deserializer;
    }

    private static SchemaRegistryClient registry(Map<String, Object> overrides) {
        return new SchemaRegistryClient(AvroSerdeConfig.from(props(overrides)));
    }

    private static Map<String, Object> props(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("schema.registry.url", registry.baseUri().toString());
        props.putAll(overrides);
        return props;
    }

    private static byte[] plainAvro(CustomerOffboardRequested request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(CustomerOffboardRequested.class).write(request, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
