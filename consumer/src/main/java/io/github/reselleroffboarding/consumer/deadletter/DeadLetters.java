package io.github.reselleroffboarding.consumer.deadletter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records in Spring Kafka's convention, so tools built for it read ours: the original key and value
 * bytes untouched, the original headers, and {@code kafka_dlt-*} headers saying where the record came from and
 * what went wrong (integers big-endian, as Spring writes them).
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
    private static final String PREFIX = "kafka_dlt-";
    private static final int MAX_STACKTRACE = 4096;

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
        for (Header header : original.headers()) {
            if (!header.key().startsWith(PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(ORIGINAL_TOPIC, utf8(original.topic()));
        headers.add(ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(original.partition()).array());
        headers.add(ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(original.offset()).array());
        headers.add(ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(original.timestamp()).array());
        headers.add(ORIGINAL_TIMESTAMP_TYPE, utf8(original.timestampType().toString()));
        headers.add(ORIGINAL_CONSUMER_GROUP, utf8(consumerGroup));
        headers.add(EXCEPTION_FQCN, utf8(error.getClass().getName()));
        headers.add(EXCEPTION_CAUSE_FQCN, utf8(rootCause(error).getClass().getName()));
        headers.add(EXCEPTION_MESSAGE, utf8(String.valueOf(error.getMessage())));
        headers.add(EXCEPTION_STACKTRACE, utf8(stackTrace(error)));
        return new ProducerRecord<>(topic, samePartition ? original.partition() : null, original.key(),
                original.value(), headers);
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
