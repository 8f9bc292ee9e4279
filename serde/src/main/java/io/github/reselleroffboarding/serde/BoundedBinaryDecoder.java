package io.github.reselleroffboarding.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one record held in memory, where every length and item count is checked against the
 * bytes the record still has <em>before</em> anything is allocated. Avro's own decoder trusts a length prefix
 * and allocates it first, so five bytes claiming a gigabyte string end the JVM with {@link OutOfMemoryError};
 * here they end in an {@link EOFException} naming the claim, in bounded memory and time.
 *
 * <p>An array or map block may claim at most one item per remaining byte: items that take no bytes at all
 * (nulls, empty records) are the one legitimate exception, and a record with more of them than it has bytes is
 * refused too.
 */
final class BoundedBinaryDecoder extends Decoder {

    private final byte[] buf;
    private int pos;
    private final int limit;

    BoundedBinaryDecoder(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " outside "
                    + data.length + " bytes");
        }
        this.buf = data;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Bytes not read yet. */
    int remaining() {
        return limit - pos;
    }

    @Override
    public void readNull() {
        // a null takes no bytes
    }

    @Override
    public boolean readBoolean() throws IOException {
        require(1, "a boolean");
        int b = buf[pos++] & 0xff;
        if (b > 1) {
            throw new AvroRuntimeException("Invalid boolean byte " + b);
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            require(1, "an int");
            int b = buf[pos++] & 0xff;
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new AvroRuntimeException("Invalid int encoding: more than 5 bytes");
    }

    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            require(1, "a long");
            long b = buf[pos++] & 0xff;
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new AvroRuntimeException("Invalid long encoding: more than 10 bytes");
    }

    @Override
    public float readFloat() throws IOException {
        require(4, "a float");
        int bits = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() throws IOException {
        require(8, "a double");
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = (bits << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length("a string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = length("a string");
        String result = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        int length = length("a string"); // read first: it moves pos past the length prefix
        pos += length;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length("bytes");
        ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
        result.clear();
        result.put(buf, pos, length);
        result.flip();
        pos += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        int length = length("bytes");
        pos += length;
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length, "a fixed of " + length + " bytes");
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "a fixed of " + length + " bytes");
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return blockCount("an array");
    }

    @Override
    public long arrayNext() throws IOException {
        return blockCount("an array");
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("an array");
    }

    @Override
    public long readMapStart() throws IOException {
        return blockCount("a map");
    }

    @Override
    public long mapNext() throws IOException {
        return blockCount("a map");
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("a map");
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** A length prefix, refused when it claims more bytes than are left. */
    private int length(String what) throws IOException {
        long length = readLong();
        if (length < 0) {
            throw new AvroRuntimeException("Negative length " + length + " for " + what);
        }
        require(length, what);
        return (int) length;
    }

    /** The item count of the next block (its byte size, when given, is checked and passed over). */
    private long blockCount(String what) throws IOException {
        long count = readLong();
        if (count < 0) {
            count = -count;
            long size = readLong();
            if (size < 0) {
                throw new AvroRuntimeException("Negative block size " + size + " for " + what);
            }
            require(size, "a block of " + what);
        }
        return requireItems(count, what);
    }

    /** Skips blocks that carry their byte size; returns the item count of the first one that does not. */
    private long skipBlocks(String what) throws IOException {
        while (true) {
            long count = readLong();
            if (count >= 0) {
                return requireItems(count, what);
            }
            long size = readLong();
            require(size, "a block of " + what);
            pos += (int) size;
        }
    }

    /** At most one item per remaining byte (see the class comment). */
    private long requireItems(long count, String what) throws EOFException {
        if (count > remaining()) {
            throw new EOFException("A block of " + what + " claims " + count + " items but only " + remaining()
                    + " bytes are left");
        }
        return count;
    }

    private void require(long bytes, String what) throws EOFException {
        if (bytes > remaining()) {
            throw new EOFException("Reading " + what + " needs " + bytes + " bytes but only " + remaining()
                    + " are left");
        }
    }
}
