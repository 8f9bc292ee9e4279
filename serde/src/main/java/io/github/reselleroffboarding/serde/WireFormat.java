package io.github.reselleroffboarding.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent Schema Registry's framing: byte {@code 0x00}, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the record.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    static ByteBuffer header(int schemaId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).flip();
    }

    /**
     * The schema id in {@code data}'s header.
     *
     * @throws SerializationException when the header is cut short or the magic byte is not {@code 0x00}
     */
    public static int schemaId(byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("Truncated record: " + data.length + " bytes, but the Confluent "
                    + "wire format header alone is " + HEADER_LENGTH + " (magic byte + 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x (expected 0x00): not "
                    + "Confluent Schema Registry wire format", data[0]));
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
