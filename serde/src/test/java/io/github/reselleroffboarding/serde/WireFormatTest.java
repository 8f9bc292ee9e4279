package io.github.reselleroffboarding.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void theHeaderIsTheMagicByteThenTheIdBigEndian() {
        assertThat(WireFormat.header(0x01020304).array()).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
    }

    @Test
    void readsTheSchemaIdBackFromAHeader() {
        assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 1, 0x2c, 0x04, 'h', 'i'})).isEqualTo(300);
    }

    @Test
    void aRecordShorterThanTheHeaderIsReportedAsTruncated() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Truncated record: 3 bytes");
    }

    @Test
    void aWrongMagicByteIsReportedWithItsValue() {
        assertThatThrownBy(() -> WireFormat.schemaId("{\"json\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown magic byte 0x7b (expected 0x00)");
    }
}
