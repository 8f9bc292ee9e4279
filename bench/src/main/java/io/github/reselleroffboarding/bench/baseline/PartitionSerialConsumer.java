package io.github.reselleroffboarding.bench.baseline;

import io.github.reselleroffboarding.bench.contender.BlockingRequestJob;
import io.github.reselleroffboarding.bench.contender.ConnectionErrors;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: what a plain Kafka listener does. One thread per partition takes one record at a time, calls
 * Partner Center with the same client, blocking on each call in turn (entitlements, subscriptions, then the
 * PATCH), applies the same rules, sends the outcome, and commits the offsets after each poll. Not crippled: the
 * same client with its connection pool, retries and rate limiter, no transactions to pay for, outcome sends
 * that do not wait for the broker, and failures dead-lettered as Spring Kafka's recoverer would.
 */
public final class PartitionSerialConsumer implements AutoCloseable {

    private final ConsumerSettings settings;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final PartnerCenterClient partnerCenter;
    private final BlockingRequestJob job;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Worker> workers = new ArrayList<>();

    public PartitionSerialConsumer(ConsumerSettings settings, Clock clock) {
        this.settings = settings;
        this.partnerCenter = PartnerCenterClient.create(settings.partnerCenter(), registry);
        this.job = new BlockingRequestJob(settings, partnerCenter, clock);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Partner Center calls that got no HTTP answer so far. */
    public String connectionErrors() {
        return ConnectionErrors.Count.of(registry).line();
    }

    /** Starts one thread per partition of the request topic and returns how many. */
    public int start() {
        List<PartitionInfo> partitions = producer.partitionsFor(settings.topics().requests());
        for (PartitionInfo info : partitions) {
            Worker worker = new Worker(new TopicPartition(info.topic(), info.partition()));
            workers.add(worker);
            worker.thread.start();
        }
        return partitions.size();
    }

    @Override
    public void close() {
        workers.forEach(Worker::stop);
        for (Worker worker : workers) {
            try {
                worker.thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(10));
        partnerCenter.close();
    }

    private final class Worker {

        private final TopicPartition partition;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        Worker(TopicPartition partition) {
            this.partition = partition;
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.kafka().groupId());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.thread = new Thread(this::run, "baseline-" + partition);
        }

        void stop() {
            running = false;
            consumer.wakeup();
        }

        private void run() {
            try {
                consumer.assign(List.of(partition));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    long next = -1;
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (!running) {
                            break;
                        }
                        producer.send(job.handle(record, failure -> false));
                        next = record.offset() + 1;
                    }
                    if (next >= 0) {
                        producer.flush();
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
                    }
                }
            } catch (WakeupException e) {
                // stop() was called
            } finally {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }
}
