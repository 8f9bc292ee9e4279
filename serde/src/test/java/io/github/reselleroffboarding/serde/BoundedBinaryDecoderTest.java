package io.github.reselleroffboarding.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Every shape of bad Avro body ends in an exception naming what is wrong, decided from the bytes the record has,
 * never in an allocation of what a length prefix claims (Avro's own decoder runs out of memory on five bytes).
 */
class BoundedBinaryDecoderTest {

    static final Schema STRING = Schema.create(Schema.Type.STRING);
    static final Schema BYTES = Schema.create(Schema.Type.BYTES);
    static final Schema STRINGS = Schema.createArray(STRING);
    static final Schema NULLS = Schema.createArray(Schema.create(Schema.Type.NULL));
    static final Schema MAP = Schema.createMap(STRING);

    @Test
    void readsWhatAvroWritesTheSameWay() throws IOException {
        RelationshipRemoved removed = RelationshipRemoved.newBuilder().setEventId("o-1").setRequestEventId("e-1")
                .setCustomerTenantId("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11").setRemovedAt(Instant.EPOCH)
                .setRequestedBy("alice").setAlreadyRemoved(false).setSubscriptionsChecked(2)
                .setRemainingSubscriptions(List.of(SubscriptionSummary.newBuilder().setId("s-1").setOfferName("E3")
                        .setStatus("suspended").build())).build();
        byte[] bytes = encode(removed);

        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(bytes, 0, bytes.length);
        Object read = new SpecificDatumReader<RelationshipRemoved>(RelationshipRemoved.class).read(null, decoder);

        assertThat(read).isEqualTo(removed);
        assertThat(decoder.remaining()).isZero();
    }

    @Test
    void skipsWhatANewerWriterAddedAndEndsExactlyAtTheEnd() throws IOException {
        org.apache.avro.generic.GenericRecord newer = Samples.generic(Samples.REQUEST_WITH_TICKET, "e-new");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(
                Samples.REQUEST_WITH_TICKET).write(newer, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();

        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(bytes, 0, bytes.length);
        CustomerOffboardRequested read = new SpecificDatumReader<CustomerOffboardRequested>(
                Samples.REQUEST_WITH_TICKET, CustomerOffboardRequested.getClassSchema()).read(null, decoder);

        assertThat(read.getEventId()).isEqualTo("e-new");
        assertThat(decoder.remaining()).isZero();
    }

    @Test
    void aStringClaimingAGigabyteIsRefusedBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> read(STRING, varint(1_000_000_000L)))
                .isInstanceOf(EOFException.class)
                .hasMessage("Reading a string needs 1000000000 bytes but only 0 are left");
    }

    @Test
    void bytesClaimingMoreThanTheRecordHasAreRefused() {
        assertThatThrownBy(() -> read(BYTES, concat(varint(100), new byte[] {1, 2, 3})))
                .isInstanceOf(EOFException.class).hasMessageContaining("needs 100 bytes but only 3");
    }

    @Test
    void aNegativeLengthIsRefused() {
        assertThatThrownBy(() -> read(STRING, varint(-5))).isInstanceOf(AvroRuntimeException.class)
                .hasMessage("Negative length -5 for a string");
    }

    @Test
    void anArrayClaimingMoreItemsThanBytesIsRefused() {
        assertThatThrownBy(() -> read(STRINGS, varint(Integer.MAX_VALUE)))
                .isInstanceOf(EOFException.class).hasMessageContaining("claims 2147483647 items");
        assertThatThrownBy(() -> read(NULLS, varint(1L << 40)))
                .isInstanceOf(EOFException.class).hasMessageContaining("items but only 0 bytes are left");
        assertThatThrownBy(() -> read(MAP, varint(1_000_000))).isInstanceOf(EOFException.class)
                .hasMessageContaining("A block of a map claims 1000000 items");
    }

    @Test
    void aBlockWithAByteSizeLargerThanTheRecordIsRefused() {
        assertThatThrownBy(() -> read(STRINGS, concat(varint(-2), varint(1_000_000))))
                .isInstanceOf(EOFException.class).hasMessageContaining("a block of an array");
    }

    @Test
    void aVarintThatNeverEndsIsRefused() {
        byte[] endless = new byte[20];
        java.util.Arrays.fill(endless, (byte) 0xff);
        assertThatThrownBy(() -> read(Schema.create(Schema.Type.LONG), endless))
                .isInstanceOf(AvroRuntimeException.class).hasMessageContaining("more than 10 bytes");
        assertThatThrownBy(() -> read(Schema.create(Schema.Type.INT), endless))
                .isInstanceOf(AvroRuntimeException.class).hasMessageContaining("more than 5 bytes");
    }

    @Test
    void aTruncatedRecordSaysWhereItEnded() throws IOException {
        byte[] whole = encode(Samples.request("e-1"));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> new SpecificDatumReader<>(CustomerOffboardRequested.class).read(null,
                new BoundedBinaryDecoder(truncated, 0, truncated.length))).isInstanceOf(EOFException.class);
    }

    @Test
    void randomBytesEndInAnExceptionTheDeserializerCatchesNeverInAnError() {
        SplittableRandom random = new SplittableRandom(42);
        SpecificDatumReader<CustomerOffboardRequested> reader = new SpecificDatumReader<>(
                CustomerOffboardRequested.class);
        List<Throwable> escaped = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[random.nextInt(0, 64)];
            random.nextBytes(body);
            try {
                reader.read(null, new BoundedBinaryDecoder(body, 0, body.length));
            } catch (IOException | RuntimeException decodingError) {
                // what AvroDeserializer turns into a SerializationException, so the record is dead-lettered
            } catch (Throwable other) {
                escaped.add(other);
            }
        }
        assertThat(escaped).isEmpty();
    }

    private static Object read(Schema schema, byte[] bytes) throws IOException {
        return new GenericDatumReader<>(schema).read(null, new BoundedBinaryDecoder(bytes, 0, bytes.length));
    }

    private static byte[] varint(long n) {
        long z = (n << 1) ^ (n >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] encode(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
