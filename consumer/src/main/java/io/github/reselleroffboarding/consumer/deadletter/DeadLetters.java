package io.github.reselleroffboarding.consumer.deadletter;

import io.github.reselleroffboarding.settings.HeaderNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records in Spring Kafka's convention, so tools built for it read ours: the original key and value
 * bytes untouched, the original headers, and {@code kafka_dlt-*} headers saying where the record came from and
 * what went wrong (integers big-endian, as Spring writes them). A dead letter always fits in a Kafka record
 * ({@link #MAX_RECORD_BYTES}): when the original value would not, it is left out and its SHA-256 and size are
 * given in headers instead.
 */
public final class DeadLetters {

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    public static final String EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";
    /** Set when the original value was too large to keep: its SHA-256 (hex) and its size in bytes. */
    public static final String ORIGINAL_VALUE_SHA256 = HeaderNames.DEAD_LETTER_VALUE_SHA256;
    public static final String ORIGINAL_VALUE_SIZE = HeaderNames.DEAD_LETTER_VALUE_SIZE;
    private static final String PREFIX = HeaderNames.DEAD_LETTER_PREFIX;
    private static final int MAX_STACKTRACE = 4096;
    private static final int MAX_MESSAGE = 1024;
    /**
     * The most a dead letter may weigh, key, value and headers together: under Kafka's default
     * {@code max.request.size} (1 MiB) and the broker's {@code message.max.bytes}, with room for the record
     * overhead, so producing a dead letter can never fail the transaction it is part of.
     */
    public static final int MAX_RECORD_BYTES = 900_000;
    /** What this class adds at most: the kafka_dlt-* headers, with message and stack trace already cut. */
    private static final int OWN_HEADERS_BYTES = 16_384;

    private final String topic;
    private final String consumerGroup;
    private final boolean samePartition;

    /**
     * @param samePartition write to the original partition number (the dead-letter topic has at least as many
     *     partitions as the input), else let the key choose
     */
    public DeadLetters(String topic, String consumerGroup, boolean samePartition) {
        this.topic = topic;
        this.consumerGroup = consumerGroup;
        this.samePartition = samePartition;
    }

    public ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> original, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        int originalHeaderBytes = 0;
        for (Header header : original.headers()) {
            if (!header.key().startsWith(PREFIX)) {
                originalHeaderBytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
            }
        }
        byte[] key = original.key();
        byte[] value = original.value();
        int keyBytes = key == null ? 0 : key.length;
        int valueBytes = value == null ? 0 : value.length;
        // what the service adds is at most a few KiB (stack trace and message are cut); the original's headers
        // and value are kept whole when they fit, else the value is replaced by its digest and size
        boolean keepHeaders = keyBytes + originalHeaderBytes + OWN_HEADERS_BYTES <= MAX_RECORD_BYTES;
        if (keepHeaders) {
            for (Header header : original.headers()) {
                if (!header.key().startsWith(PREFIX)) {
                    headers.add(header);
                }
            }
        }
        int used = keyBytes + (keepHeaders ? originalHeaderBytes : 0) + OWN_HEADERS_BYTES;
        if (value != null && used + valueBytes > MAX_RECORD_BYTES) {
            headers.add(ORIGINAL_VALUE_SHA256, utf8(sha256(value)));
            headers.add(ORIGINAL_VALUE_SIZE, utf8(Integer.toString(valueBytes)));
            value = null;
        }
        if (key != null && keyBytes + OWN_HEADERS_BYTES > MAX_RECORD_BYTES) {
            key = utf8("sha256:" + sha256(key));
        }
        headers.add(ORIGINAL_TOPIC, utf8(original.topic()));
        headers.add(ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(original.partition()).array());
        headers.add(ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(original.offset()).array());
        headers.add(ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(original.timestamp()).array());
        headers.add(ORIGINAL_TIMESTAMP_TYPE, utf8(original.timestampType().toString()));
        headers.add(ORIGINAL_CONSUMER_GROUP, utf8(consumerGroup));
        headers.add(EXCEPTION_FQCN, utf8(error.getClass().getName()));
        headers.add(EXCEPTION_CAUSE_FQCN, utf8(rootCause(error).getClass().getName()));
        headers.add(EXCEPTION_MESSAGE, utf8(cut(String.valueOf(error.getMessage()), MAX_MESSAGE)));
        headers.add(EXCEPTION_STACKTRACE, utf8(stackTrace(error)));
        return new ProducerRecord<>(topic, samePartition ? original.partition() : null, key, value, headers);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() > MAX_STACKTRACE ? trace.substring(0, MAX_STACKTRACE) + "\n..." : trace;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
