package io.github.reselleroffboarding.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** The evolution guard itself: it must accept safe changes and reject the breaking ones. */
class EvolutionCheckTest {

    private static final Path FIXTURES = Path.of("src/test/resources/evolution-fixtures");
    private final Schema committed = SchemaHistory.parse(Path.of("history/CustomerOffboardRequested/v1.avsc"));

    @Test
    void addingAnOptionalFieldWithADefaultIsCompatibleBothWays() {
        Schema newer = SchemaHistory.parse(FIXTURES.resolve("optional-field-added.avsc"));

        assertThat(EvolutionCheck.problems(committed, newer)).isEmpty();
    }

    @Test
    void addingARequiredFieldBreaksBackwardCompatibility() {
        Schema newer = SchemaHistory.parse(FIXTURES.resolve("required-field-added.avsc"));

        assertThat(EvolutionCheck.problems(committed, newer))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("BACKWARD")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "crmTicket");
    }

    @Test
    void removingARequiredFieldBreaksForwardCompatibility() {
        Schema newer = SchemaHistory.parse(FIXTURES.resolve("required-field-removed.avsc"));

        assertThat(EvolutionCheck.problems(committed, newer))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("FORWARD")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "requestedBy");
    }

    @Test
    void aBlockReasonCodeAddedLaterIsCompatibleBecauseTheEnumHasADefault() {
        Schema newer = SchemaHistory.parse(FIXTURES.resolve("OffboardBlocked-new-code.avsc"));

        assertThat(EvolutionCheck.problems(OffboardBlocked.getClassSchema(), newer)).isEmpty();
    }

    @Test
    void aReaderOnTheCurrentSchemaSeesUnknownForACodeAddedLater() throws IOException {
        Schema newer = SchemaHistory.parse(FIXTURES.resolve("OffboardBlocked-new-code.avsc"));
        byte[] written = writeBlockedWithCode(newer, "PENDING_TRANSFER");

        OffboardBlocked read = new SpecificDatumReader<OffboardBlocked>(newer, OffboardBlocked.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(written, null));

        assertThat(read.getReasons()).singleElement()
                .satisfies(reason -> {
                    assertThat(reason.getCode()).isEqualTo(BlockReasonCode.UNKNOWN);
                    assertThat(reason.getMessage()).isEqualTo("a transfer is pending");
                });
    }

    private static byte[] writeBlockedWithCode(Schema schema, String code) throws IOException {
        Schema reasonSchema = schema.getField("reasons").schema().getElementType();
        GenericRecord reason = new GenericData.Record(reasonSchema);
        reason.put("code", new GenericData.EnumSymbol(reasonSchema.getField("code").schema(), code));
        reason.put("message", "a transfer is pending");
        GenericRecord blocked = new GenericData.Record(schema);
        blocked.put("eventId", "out-1");
        blocked.put("requestEventId", "in-1");
        blocked.put("customerTenantId", "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11");
        blocked.put("blockedAt", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        blocked.put("requestedBy", "crm");
        blocked.put("reasons", List.of(reason));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(blocked, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
