package io.github.reselleroffboarding.bench.parallel;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import io.github.reselleroffboarding.bench.contender.BlockingRequestJob;
import io.github.reselleroffboarding.bench.contender.ConnectionErrors;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.processing.UnconfirmedRemovalException;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import io.github.reselleroffboarding.partnercenter.PartnerCenterTransientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The peer a Kafka team would reach for: Confluent Parallel Consumer doing the service's job, configured as its
 * documentation recommends for this work. {@link ProcessingOrder#KEY} keeps one tenant's requests in order while
 * different tenants run concurrently; {@link CommitMode#PERIODIC_TRANSACTIONAL_PRODUCER} puts each outcome and the
 * offsets that consumed its request in one transaction (exactly-once); {@code maxConcurrency} threads each take
 * one record and block on the same {@link BlockingRequestJob} the baseline runs (the service's request
 * processor, rules and outcome events), so it gets as many requests in flight as the service
 * ({@code MAX_IN_FLIGHT}). A transient Partner Center failure is thrown for Parallel Consumer to retry the record
 * after its own delay; anything else is dead-lettered, in the same transaction.
 */
public final class ParallelConsumerPeer implements AutoCloseable {

    private final ConsumerSettings settings;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final PartnerCenterClient partnerCenter;
    private final BlockingRequestJob job;
    private final ParallelStreamProcessor<byte[], byte[]> processor;

    public ParallelConsumerPeer(ConsumerSettings settings, Clock clock) {
        this.settings = settings;
        this.partnerCenter = PartnerCenterClient.create(settings.partnerCenter(), registry);
        this.job = new BlockingRequestJob(settings, partnerCenter, clock);
        this.processor = ParallelStreamProcessor.createEosStreamProcessor(ParallelConsumerOptions
                .<byte[], byte[]>builder()
                .consumer(new KafkaConsumer<>(consumerProperties(settings), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()))
                .producer(new KafkaProducer<>(producerProperties(settings), new ByteArraySerializer(),
                        new ByteArraySerializer()))
                .ordering(ProcessingOrder.KEY)
                .commitMode(CommitMode.PERIODIC_TRANSACTIONAL_PRODUCER)
                .maxConcurrency(settings.limits().maxInFlight())
                .commitInterval(settings.limits().commitInterval())
                .build());
    }

    /** Subscribes and starts processing; {@code onAssigned} runs once partitions are assigned. */
    public void start(Runnable onAssigned) {
        processor.subscribe(List.of(settings.topics().requests()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    onAssigned.run();
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Parallel Consumer commits what is done itself
            }
        });
        processor.pollAndProduce(context -> job.handle(context.getSingleConsumerRecord(),
                ParallelConsumerPeer::retriedByParallelConsumer));
    }

    /** Partner Center calls that got no HTTP answer so far. */
    public String connectionErrors() {
        return ConnectionErrors.Count.of(registry).line();
    }

    @Override
    public void close() {
        processor.closeDontDrainFirst(Duration.ofSeconds(30));
        partnerCenter.close();
    }

    /** What the service would retry rather than dead-letter: Partner Center may answer next time. */
    private static boolean retriedByParallelConsumer(RuntimeException failure) {
        return failure instanceof PartnerCenterTransientException || failure instanceof UnconfirmedRemovalException;
    }

    private static Map<String, Object> consumerProperties(ConsumerSettings settings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.kafka().groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.kafka().transactionalId() + "-pc-consumer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Parallel Consumer refuses to start otherwise: it commits itself
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    private static Map<String, Object> producerProperties(ConsumerSettings settings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.kafka().transactionalId() + "-pc-producer");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.kafka().transactionalId() + "-pc");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.kafka().outcomeCompression());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.kafka().transactionTimeout().toMillis());
        return props;
    }
}
