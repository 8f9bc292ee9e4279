package io.github.reselleroffboarding.consumer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    final DeadLetters deadLetters = new DeadLetters("dlt", "group", true);

    @Test
    void aRecordThatFitsIsKeptWholeWithItsHeadersAndSpringsDeadLetterHeaders() {
        ConsumerRecord<byte[], byte[]> original = record("key".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        original.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> dead = deadLetters.of(original, new IllegalStateException("boom"));

        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(dead.partition()).isEqualTo(3);
        assertThat(header(dead, "traceparent")).contains("00-abc-def-01");
        assertThat(header(dead, DeadLetters.EXCEPTION_MESSAGE)).contains("boom");
        assertThat(header(dead, DeadLetters.ORIGINAL_VALUE_SHA256)).isEmpty();
    }

    @Test
    void aValueTooLargeToFitIsReplacedByItsDigestAndSize() throws Exception {
        byte[] huge = new byte[1_100_000];
        huge[0] = 7;

        ProducerRecord<byte[], byte[]> dead = deadLetters.of(record("k".getBytes(StandardCharsets.UTF_8), huge),
                new IllegalStateException("too big"));

        assertThat(dead.value()).isNull();
        assertThat(header(dead, DeadLetters.ORIGINAL_VALUE_SIZE)).contains("1100000");
        assertThat(header(dead, DeadLetters.ORIGINAL_VALUE_SHA256)).contains(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(huge)));
        assertThat(size(dead)).isLessThanOrEqualTo(DeadLetters.MAX_RECORD_BYTES);
    }

    @Test
    void whatTheServiceAddsIsCutSoItNeverMakesTheRecordTooLarge() {
        byte[] nearlyFull = new byte[DeadLetters.MAX_RECORD_BYTES - 10_000];
        String longMessage = "m".repeat(500_000);

        ProducerRecord<byte[], byte[]> dead = deadLetters.of(record(null, nearlyFull),
                new IllegalStateException(longMessage));

        assertThat(header(dead, DeadLetters.EXCEPTION_MESSAGE).orElseThrow()).hasSizeLessThan(1_100);
        assertThat(size(dead)).isLessThanOrEqualTo(DeadLetters.MAX_RECORD_BYTES);
    }

    @Test
    void aKeyTooLargeToFitIsReplacedByItsDigest() {
        ProducerRecord<byte[], byte[]> dead = deadLetters.of(record(new byte[2_000_000], new byte[] {1}),
                new IllegalStateException("huge key"));

        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).startsWith("sha256:");
        assertThat(size(dead)).isLessThanOrEqualTo(DeadLetters.MAX_RECORD_BYTES);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("requests", 3, 42L, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, new RecordHeaders(),
                Optional.empty());
    }

    private static Optional<String> header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static int size(ProducerRecord<byte[], byte[]> record) {
        int size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0
                : record.value().length);
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
