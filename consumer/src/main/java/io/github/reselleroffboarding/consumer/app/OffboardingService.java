package io.github.reselleroffboarding.consumer.app;

import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.config.Topics;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.engine.OffboardingEngine;
import io.github.reselleroffboarding.consumer.engine.Ticker;
import io.github.reselleroffboarding.consumer.health.HealthServer;
import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.consumer.metrics.PrometheusMetrics;
import io.github.reselleroffboarding.consumer.metrics.ServiceMetrics;
import io.github.reselleroffboarding.consumer.processing.RequestProcessor;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.state.MisplacedStateException;
import io.github.reselleroffboarding.consumer.state.StateRestorer;
import io.github.reselleroffboarding.consumer.state.TenantStateStore;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.GraphClient;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: checks the topics, then keeps one {@link OffboardingEngine} running, starting a new one
 * (with new Kafka clients) when one fails, until it is closed. Everything an engine needs that outlives it (the
 * Partner Center client and its tokens, the state store, health) is built here, once.
 */
public final class OffboardingService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OffboardingService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ConsumerSettings settings;
    private final Clock clock;
    private final ServiceHealth health;
    private final PrometheusMetrics prometheus;
    private final ServiceMetrics metrics;
    private final KafkaClients clients;
    private final TopicCheck.Layout layout;
    private final PartnerCenterClient partnerCenter;
    private final OffboardingRules rules;
    private final TenantStateStore store;
    private final HealthServer healthServer;
    private final Thread supervisor;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    /** Microsoft Graph, for GDAP clean-up; null when it is off. */
    private final GraphClient graph;
    private volatile OffboardingEngine engine;
    private volatile boolean closing;
    private volatile Throwable fatal;

    private OffboardingService(ConsumerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.health = new ServiceHealth(clock);
        this.clients = new KafkaClients(settings);
        this.layout = TopicCheck.verify(settings, clients.common());
        this.rules = new OffboardingRules(settings.policy(), settings.cleanup());
        this.prometheus = new PrometheusMetrics();
        this.metrics = new ServiceMetrics(prometheus.registry(), health, clock);
        this.partnerCenter = PartnerCenterClient.create(settings.partnerCenter(), prometheus.registry());
        this.graph = settings.graph().map(g -> GraphClient.create(g, clock)).orElse(null);
        this.store = TenantStateStore.open(settings.stateDir());
        this.healthServer = settings.healthPort() < 0 ? null
                : HealthServer.start(settings.healthPort(), health, prometheus::scrape);
        this.supervisor = new Thread(this::supervise, "offboarding-engine");
    }

    /**
     * Checks the topics and starts consuming.
     *
     * @throws StartupException when a topic is missing or Kafka cannot be reached: nothing was consumed
     */
    public static OffboardingService start(ConsumerSettings settings, Clock clock) {
        log.info("Starting reseller-offboarding consumer: {}", settings.describe());
        OffboardingService service = new OffboardingService(settings, clock);
        service.supervisor.start();
        return service;
    }

    public ServiceHealth health() {
        return health;
    }

    public ServiceMetrics metrics() {
        return metrics;
    }

    /** The health endpoint's port, when it runs. */
    public Optional<Integer> healthPort() {
        return Optional.ofNullable(healthServer).map(HealthServer::port);
    }

    /** Blocks until the service has stopped. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops fetching, gives in-flight requests {@code SHUTDOWN_TIMEOUT} to finish, commits and closes. Returns
     * within that bound plus a few seconds.
     */
    @Override
    public void close() {
        closing = true;
        closeRequested.countDown();
        OffboardingEngine current = engine;
        if (current != null) {
            current.stop();
        }
        try {
            if (!stopped.await(settings.limits().shutdownTimeout().toMillis() + 15_000, TimeUnit.MILLISECONDS)) {
                log.warn("The engine did not stop in time; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        partnerCenter.close();
        if (graph != null) {
            graph.close();
        }
        store.close();
        if (healthServer != null) {
            healthServer.close();
        }
        metrics.close();
        prometheus.close();
        log.info("Consumer stopped");
    }

    private void supervise() {
        Duration backoff = Duration.ofSeconds(1);
        try {
            while (!closing) {
                Instant started = clock.instant();
                try {
                    runOneEngine();
                } catch (RuntimeException e) {
                    if (closing) {
                        break;
                    }
                    Optional<MisplacedStateException> misplaced = misplacedState(e);
                    if (misplaced.isPresent()) {
                        // starting again would meet the same state: only moving it helps
                        fatal = misplaced.get();
                        health.notReady("stopped: " + misplaced.get().getMessage());
                        log.error("Stopping the service: {}", misplaced.get().getMessage());
                        break;
                    }
                    if (Duration.between(started, clock.instant()).compareTo(Duration.ofMinutes(1)) > 0) {
                        backoff = Duration.ofSeconds(1);
                    }
                    health.notReady("restarting after: " + e.getMessage());
                    metrics.engineRestarted();
                    log.error("Consumer engine failed; starting a new one in {}", backoff, e);
                    awaitClose(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : backoff.multipliedBy(2);
                }
            }
        } catch (Error e) {
            // an OutOfMemoryError or the like: this JVM cannot be trusted to go on; the process must end with an
            // error status so that its supervisor starts a fresh one, which resumes from what was committed
            fatal = e;
            health.notReady("stopped by a fatal error: " + e);
            log.error("Fatal error in the consumer engine; stopping the service", e);
        } finally {
            stopped.countDown();
        }
    }

    private static Optional<MisplacedStateException> misplacedState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MisplacedStateException misplaced) {
                return Optional.of(misplaced);
            }
        }
        return Optional.empty();
    }

    /**
     * What stopped the service, if not a stop request: an {@link Error}, or state the service cannot go on with
     * ({@link MisplacedStateException}).
     */
    public Optional<Throwable> fatalError() {
        return Optional.ofNullable(fatal);
    }

    private void runOneEngine() {
        KafkaConsumer<byte[], byte[]> consumer = clients.consumer();
        ServiceMetrics.Binding kafkaMetrics = null;
        try (KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            kafkaMetrics = metrics.bindKafkaClients(consumer, producer);
            Serializer<Object> outcomeSerializer = clients.outcomeSerializer();
            registerOutcomeSchemas(outcomeSerializer);
            Topics topics = settings.topics();
            OffboardingEngine next = new OffboardingEngine(consumer, producer, new OffboardingEngine.Dependencies(
                    topics, settings.limits(), clients.requestDeserializer(),
                    outcomeSerializer, new RequestProcessor(partnerCenter, graph, rules, clock,
                            settings.activityLogAvailable()), rules,
                    new DeadLetters(topics.deadLetter(), settings.kafka().groupId(),
                            layout.deadLettersCoPartitioned()),
                    store, new StateRestorer(clients.common(), topics.state(), topics.requests()), health, metrics,
                    clock, Ticker.SYSTEM, new SplittableRandom()));
            log.info("Consuming {} as group {} (transactional id {})", topics.requests(), settings.kafka().groupId(),
                    settings.kafka().transactionalId());
            engine = next;
            if (closing) {
                return;
            }
            next.run();
        } finally {
            if (kafkaMetrics != null) {
                kafkaMetrics.close();
            }
            // a static member stays in the group when it closes, so a restart (or a crash) gets its partitions
            // back without a rebalance; on a deliberate stop it leaves, so others take over at once
            consumer.close(CloseOptions.groupMembershipOperation(closing
                    ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                    : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP).withTimeout(Duration.ofSeconds(10)));
        }
    }

    /** Registers (or looks up) the outcome schemas now, so a registry problem shows at start, not mid-commit. */
    private void registerOutcomeSchemas(Serializer<Object> serializer) {
        Instant now = clock.instant();
        serializer.serialize(settings.topics().removed(), RelationshipRemoved.newBuilder().setEventId("startup")
                .setRequestEventId("startup").setCustomerTenantId("startup").setRemovedAt(now).setRequestedBy("startup")
                .setAlreadyRemoved(true).build());
        serializer.serialize(settings.topics().blocked(), OffboardBlocked.newBuilder().setEventId("startup")
                .setRequestEventId("startup").setCustomerTenantId("startup").setBlockedAt(now).setRequestedBy("startup")
                .setReasons(List.of(BlockReason.newBuilder().setCode(BlockReasonCode.UNKNOWN).setMessage("startup")
                        .build())).build());
        serializer.serialize(settings.topics().assessed(), OffboardAssessed.newBuilder().setEventId("startup")
                .setRequestEventId("startup").setCustomerTenantId("startup").setAssessedAt(now)
                .setRequestedBy("startup").setRemovable(false).setBlockers(List.of()).build());
    }

    /** Waits out a restart backoff, unless the service is closed meanwhile. */
    private void awaitClose(Duration duration) {
        try {
            closeRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
