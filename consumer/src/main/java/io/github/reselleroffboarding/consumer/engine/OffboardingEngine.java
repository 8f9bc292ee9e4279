package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.config.EngineLimits;
import io.github.reselleroffboarding.consumer.config.Topics;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.consumer.metrics.ServiceMetrics;
import io.github.reselleroffboarding.consumer.outcome.OutcomeFactory;
import io.github.reselleroffboarding.consumer.processing.RequestHandler;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.state.StateSource;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.github.reselleroffboarding.consumer.state.TenantStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-decide-emit loop. One thread owns the Kafka consumer and the transactional producer; Partner Center
 * work runs on Reactor's threads and reports back through the {@link Inbox}. Each turn: take in what finished,
 * commit when due ({@link TransactionCommitter}), pause or resume fetching, poll, admit ({@link Admission}). The
 * parts: {@link LaneScheduler} (per-tenant order and the in-flight cap), {@link RequestRunner},
 * {@link FailureHandler} (retry, dead letter, auth parking), {@link OutcomeEmitter}, {@link RebalanceHandler}.
 * A commit that fails ends this engine ({@link EngineFailure}); the service starts a fresh one, which resumes
 * from the committed offsets and state.
 */
public final class OffboardingEngine implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OffboardingEngine.class);

    /** What the engine works with that outlives it or comes from outside. */
    public record Dependencies(Topics topics, EngineLimits limits, Deserializer<Object> requests,
            Serializer<Object> outcomes, RequestHandler handler, OffboardingRules rules, DeadLetters deadLetters,
            TenantStateStore store, StateSource stateSource, ServiceHealth health, ServiceMetrics metrics, Clock clock,
            Ticker ticker, RandomGenerator random) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final EngineLimits limits;
    private final ServiceHealth health;
    private final Ticker ticker;
    private final Clock clock;
    private final Inbox inbox = new Inbox();
    private final LaneScheduler scheduler;
    private final RequestRunner runner;
    private final FailureHandler failures;
    private final TransactionCommitter committer;
    private final OutcomeEmitter emitter;
    private final Admission admission;
    private final RebalanceHandler rebalance;
    private final Duration pollTimeout;
    private volatile boolean stopping;

    public OffboardingEngine(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, Dependencies d) {
        this.consumer = consumer;
        this.producer = producer;
        this.topics = d.topics();
        this.limits = d.limits();
        this.health = d.health();
        this.ticker = d.ticker();
        this.clock = d.clock();
        PartitionOffsets offsets = new PartitionOffsets();
        this.scheduler = new LaneScheduler(limits.maxInFlight(), this::launch);
        this.committer = new TransactionCommitter(producer, consumer::groupMetadata, topics.state(), d.store(),
                offsets, d.metrics(), ticker, limits.commitInterval());
        this.runner = new RequestRunner(d.handler(), d.rules(), committer, inbox, d.metrics());
        this.failures = new FailureHandler(new FailurePolicy(limits.requestRetryBudget(), clock, d.random()),
                new RetryQueue(ticker), new OutageDetector(ticker), d.deadLetters(), committer, scheduler,
                limits.authProbeInterval(), limits.outageProbeInterval());
        this.emitter = new OutcomeEmitter(topics, d.outcomes(), committer, clock);
        this.admission = new Admission(new RequestDecoder(d.requests()), d.rules(), offsets, scheduler, emitter,
                committer, d.deadLetters(), d.metrics(), ticker, clock, this::requestPartitions);
        this.pollTimeout = Duration.ofMillis(Math.max(5, Math.min(50, limits.commitInterval().toMillis() / 2)));
        this.rebalance = new RebalanceHandler(scheduler, failures, committer, offsets, admission, d.store(),
                d.stateSource(), health, ticker, limits.shutdownTimeout(), this::takeInResults);
    }

    /** Asks the loop to stop: fetching stops, in-flight work gets {@code shutdownTimeout} to finish. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        start();
        try {
            while (!stopping) {
                turn();
            }
            drainAndCommit();
        } finally {
            abandonAll();
        }
    }

    void start() {
        producer.initTransactions();
        consumer.subscribe(List.of(topics.requests()), rebalance);
        health.ready();
    }

    /** One turn of the loop: take in what finished, commit when due, fetch more if there is room. */
    void turn() {
        health.loopTurned();
        takeInResults();
        reportReadiness();
        committer.commitIfDue();
        pauseOrResume();
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (WakeupException e) {
            return;
        }
        admission.admit(records, consumer::seek);
        reportState();
    }

    private void reportState() {
        ServiceHealth.Pause pause = failures.pauseCause()
                .orElse(admission.registryProblem().isPresent() ? ServiceHealth.Pause.REGISTRY : null);
        health.engineState(scheduler.active(), scheduler.admitted() - scheduler.active(), consumer.paused().size(),
                pause);
    }

    private void takeInResults() {
        inbox.drainIntents(intent -> {
            Work work = intent.work();
            if (work.cancelled) {
                intent.committed().tryEmitError(new CancellationException("request abandoned"));
                return;
            }
            work.writeStarted = true;
            TenantState state = committer.stateOf(work.partition, work.tenantKey);
            committer.stage(work.partition, work.tenantKey, intent.actions() == null
                    ? state.withIntent(work.request.eventId(), work.generation, clock.instant())
                    : state.withActions(intent.actions()));
            committer.awaitCommit(work.partition, intent.committed());
        });
        inbox.drainCompletions(done -> {
            Work work = done.work();
            if (work.cancelled) {
                return;
            }
            try (RequestMdc ignored = RequestMdc.of(work)) {
                complete(work, done);
            }
        });
        failures.due().forEach(work -> {
            if (!work.cancelled) {
                launch(work);
            }
        });
    }

    private void complete(Work work, Inbox.Completion done) {
        if (done.verdict() == null) {
            failures.failed(work, done.error());
            return;
        }
        emitter.emit(work.partition, new OutcomeFactory.RequestRef(work.request.eventId(), work.tenantKey,
                work.request.requestedBy(), work.request.correlationId()), work.request.requestedAt(),
                work.record.headers(), work.trace, done.verdict(), true);
        scheduler.finish(work);
        failures.succeeded(work).forEach(this::launch);
    }

    /** The request topic's partition count as the consumer's metadata has it; 0 while it has none. */
    private int requestPartitions() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topics.requests());
        return partitions == null ? 0 : partitions.size();
    }

    /** Runs a request that holds a place under the cap (again, after a failure); a replay is done at once. */
    private void launch(Work work) {
        try (RequestMdc ignored = RequestMdc.of(work)) {
            if (!runner.run(work)) {
                scheduler.finish(work);
            }
        }
    }

    /** Ready unless an auth failure, a Partner Center outage or an unreachable registry holds consumption back. */
    private void reportReadiness() {
        String problem = failures.pausedForEveryone().or(admission::registryProblem).orElse(null);
        if (problem == null) {
            health.ready();
        } else {
            health.notReady(problem);
        }
    }

    private void pauseOrResume() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        if (scheduler.isFull() || failures.pausedForEveryone().isPresent() || stopping) {
            consumer.pause(assigned);
            return;
        }
        Set<TopicPartition> waiting = new HashSet<>(admission.waitingForRegistry());
        waiting.retainAll(assigned);
        Set<TopicPartition> resume = new HashSet<>(assigned);
        resume.removeAll(waiting);
        consumer.pause(waiting);
        consumer.resume(resume);
    }

    /** On stop: no new work, a bounded wait for the work in flight, a final commit; then nothing is left. */
    void shutdown() {
        try {
            drainAndCommit();
        } finally {
            abandonAll();
        }
    }

    private void drainAndCommit() {
        long deadline = ticker.nanos() + limits.shutdownTimeout().toNanos();
        consumer.pause(consumer.assignment());
        log.info("Stopping: waiting up to {} for {} requests in flight", limits.shutdownTimeout(),
                scheduler.admitted());
        while (scheduler.admitted() > failures.parked() && ticker.nanos() - deadline < 0) {
            takeInResults();
            committer.commitIfDue();
            try {
                consumer.poll(Duration.ofMillis(20));
            } catch (WakeupException e) {
                // already stopping
            }
        }
        takeInResults();
        abandon(scheduler.all(), "shutting down");
        committer.commit();
        log.info("Stopped; {} requests left for the next run", scheduler.admitted());
    }

    private void abandon(List<Work> works, String why) {
        if (!works.isEmpty()) {
            log.info("Abandoning {} requests ({}); they will be processed again from the last commit", works.size(),
                    why);
        }
        works.forEach(Work::cancel);
    }

    private void abandonAll() {
        abandon(scheduler.all(), "engine closing");
        CancellationException closing = new CancellationException("engine closing");
        committer.abandon(closing);
        inbox.drainIntents(intent -> intent.committed().tryEmitError(closing));
    }
}
