package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.consumer.outcome.OutcomeFactory;
import io.github.reselleroffboarding.consumer.processing.RequestProcessor;
import io.github.reselleroffboarding.consumer.processing.UnconfirmedRemovalException;
import io.github.reselleroffboarding.consumer.processing.Verdict;
import io.github.reselleroffboarding.consumer.rules.Decision;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.Validation;
import io.github.reselleroffboarding.consumer.state.StateRestorer;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.github.reselleroffboarding.consumer.state.TenantStateCodec;
import io.github.reselleroffboarding.consumer.state.TenantStateStore;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.partnercenter.PartnerCenterAuthException;
import io.github.reselleroffboarding.partnercenter.PartnerCenterTransientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The consume-decide-emit loop. One thread owns the Kafka consumer and the transactional producer; Partner Center
 * work runs on Reactor's threads and reports back through queues this thread drains.
 *
 * <ul>
 *   <li><b>Lanes.</b> Requests for one tenant run one at a time, in order; different tenants run concurrently,
 *       however few partitions there are. At {@code maxInFlight} admitted requests, fetching pauses.</li>
 *   <li><b>Exactly one outcome.</b> Every commit interval, one transaction holds the outcomes and dead letters
 *       finished since the last one, the tenants' state changes and the input offsets (the contiguous finished
 *       prefix of each partition). Outcomes leave as soon as they are done, not when the prefix reaches them; a
 *       request replayed above the prefix after a crash is recognised as answered from the state.</li>
 *   <li><b>Removal.</b> The intent to remove is committed before the PATCH, so after a crash in between the
 *       request still knows it removed the relationship, and no second PATCH is sent.</li>
 *   <li><b>Failures.</b> Transient ones are retried within the request's budget, holding its tenant's later
 *       requests back; then the request is dead-lettered. Poison pills are dead-lettered at once. An auth failure
 *       pauses everything and marks the service not ready until a probe succeeds.</li>
 * </ul>
 * A commit that fails ends this engine ({@link EngineFailure}); the service starts a fresh one, which resumes
 * from the committed offsets and state.
 */
public final class OffboardingEngine implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OffboardingEngine.class);
    private static final Duration DECODE_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private static final int MAX_STATE_KEY = 128;
    /** Commits in a row put off by rebalances before the engine gives up and starts afresh. */
    private static final int MAX_DEFERRED_COMMITS = 50;

    /** The engine can no longer commit; a new one must take over. */
    public static final class EngineFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EngineFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Completion(Work work, Verdict verdict, Throwable error) {
    }

    private record IntentRequest(Work work, Sinks.Empty<Void> committed) {
    }

    private final ConsumerSettings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final RequestDecoder decoder;
    private final Serializer<Object> outcomeSerializer;
    private final RequestProcessor processor;
    private final OffboardingRules rules;
    private final OutcomeFactory outcomes = new OutcomeFactory();
    private final DeadLetters deadLetters;
    private final TenantStateStore store;
    private final StateRestorer restorer;
    private final TenantStateCodec codec = new TenantStateCodec();
    private final ServiceHealth health;
    private final Clock clock;

    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final TenantLanes lanes = new TenantLanes();
    private final Map<TopicPartition, Long> decodePausedUntil = new HashMap<>();
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Queue<IntentRequest> intents = new ConcurrentLinkedQueue<>();
    private final Queue<Work> retries = new ConcurrentLinkedQueue<>();
    private final List<Work> parkedByAuth = new ArrayList<>();
    /** Lane heads ready to start while the in-flight cap is reached, oldest first. */
    private final java.util.ArrayDeque<Work> waitingForCapacity = new java.util.ArrayDeque<>();
    private PendingTransaction pending = new PendingTransaction();
    /** Admitted and not answered: drives pausing, bounds memory. */
    private int admitted;
    /** Started and not answered: never more than maxInFlight. */
    private int active;
    private long lastCommitNanos = System.nanoTime();
    private int deferredCommits;
    private boolean authBlocked;
    private String authProblem;
    private String registryProblem;
    private Work authProbe;
    private volatile boolean stopping;

    public OffboardingEngine(ConsumerSettings settings, Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer, org.apache.kafka.common.serialization.Deserializer<Object> requests,
            Serializer<Object> outcomeSerializer, RequestProcessor processor, OffboardingRules rules,
            DeadLetters deadLetters, TenantStateStore store, StateRestorer restorer, ServiceHealth health,
            Clock clock) {
        this.settings = settings;
        this.consumer = consumer;
        this.producer = producer;
        this.decoder = new RequestDecoder(requests);
        this.outcomeSerializer = outcomeSerializer;
        this.processor = processor;
        this.rules = rules;
        this.deadLetters = deadLetters;
        this.store = store;
        this.restorer = restorer;
        this.health = health;
        this.clock = clock;
    }

    /** Asks the loop to stop: fetching stops, in-flight work gets {@code shutdownTimeout} to finish. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        producer.initTransactions();
        consumer.subscribe(List.of(settings.requestsTopic()), new Rebalancing());
        health.ready();
        log.info("Consuming {} as group {} (transactional id {})", settings.requestsTopic(), settings.groupId(),
                settings.transactionalId());
        try {
            while (!stopping) {
                turn(Duration.ofMillis(Math.max(5, Math.min(50, settings.commitInterval().toMillis() / 2))));
            }
            drainAndCommit();
        } finally {
            abandonAll();
        }
    }

    /** One turn of the loop: take in what finished, commit when due, fetch more if there is room. */
    private void turn(Duration pollTimeout) {
        health.loopTurned();
        takeInResults();
        reportReadiness();
        if (System.nanoTime() - lastCommitNanos >= settings.commitInterval().toNanos()) {
            commit();
        }
        pauseOrResume();
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (WakeupException e) {
            return;
        }
        admit(records);
        health.inFlight(active);
    }

    private void admit(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            PartitionProgress partition = progress.get(tp);
            if (partition == null) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                PartitionProgress.Slot slot = partition.admit(record.offset());
                RequestDecoder.Decoded decoded = decoder.decode(record);
                if (decoded instanceof RequestDecoder.Decoded.RegistryUnavailable unavailable) {
                    // the record is fine; read it again once the registry answers
                    partition.forgetFrom(record.offset());
                    consumer.seek(tp, record.offset());
                    decodePausedUntil.put(tp, System.nanoTime() + DECODE_RETRY.toNanos());
                    registryProblem = "Schema Registry unreachable: " + unavailable.reason().getMessage();
                    log.warn("Cannot decode {}@{} yet, Schema Registry unreachable; retrying in {}", tp,
                            record.offset(), DECODE_RETRY);
                    break;
                }
                if (decoded instanceof RequestDecoder.Decoded.Poison poison) {
                    log.warn("Dead-lettering unreadable record {}@{}: {}", tp, record.offset(),
                            poison.reason().getMessage());
                    pending.output(tp, deadLetters.of(record, poison.reason()), "dead_letters.unreadable");
                    slot.done = true;
                    continue;
                }
                admitRequest(tp, slot, record, ((RequestDecoder.Decoded.Request) decoded).value());
            }
        }
    }

    private void admitRequest(TopicPartition tp, PartitionProgress.Slot slot, ConsumerRecord<byte[], byte[]> record,
            CustomerOffboardRequested request) {
        Validation validation = rules.validate(request);
        if (validation instanceof Validation.Invalid invalid) {
            answerInvalid(tp, slot, invalid);
            return;
        }
        OffboardRequest valid = ((Validation.Valid) validation).request();
        String recordKey = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!valid.tenant().value().equals(recordKey)) {
            log.warn("{}@{} is keyed '{}', not by its canonical tenant id {}: per-tenant order holds only within "
                    + "this instance", tp, record.offset(), recordKey, valid.tenant());
        }
        Work work = new Work(record, tp, slot, valid);
        admitted++;
        if (lanes.enqueue(work)) {
            start(work);
        }
    }

    /** The head of a lane may run: now if there is capacity, else when some request finishes. */
    private void start(Work work) {
        if (active >= settings.maxInFlight()) {
            waitingForCapacity.addLast(work);
            return;
        }
        work.active = true;
        active++;
        launch(work);
    }

    /** Runs (or runs again, after a failure) a request that holds a place under the cap. */
    private void launch(Work work) {
        TenantState state = stateOf(work.partition, work.tenantKey);
        if (state.hasAnswered(work.request.eventId())) {
            log.info("Request {} for tenant {} was answered before; no second outcome", work.request.eventId(),
                    work.tenantKey);
            health.count("requests.duplicate", 1);
            finish(work);
            return;
        }
        work.running = processor.process(work.request, state, request -> intentFor(work))
                .subscribe(verdict -> completions.add(new Completion(work, verdict, null)),
                        error -> completions.add(new Completion(work, null, error)));
    }

    private void fillCapacity() {
        while (active < settings.maxInFlight() && !waitingForCapacity.isEmpty()) {
            Work next = waitingForCapacity.pollFirst();
            if (!next.cancelled) {
                start(next);
            }
        }
    }

    private Mono<Void> intentFor(Work work) {
        Sinks.Empty<Void> committed = Sinks.empty();
        intents.add(new IntentRequest(work, committed));
        return committed.asMono();
    }

    private void takeInResults() {
        for (IntentRequest intent = intents.poll(); intent != null; intent = intents.poll()) {
            Work work = intent.work();
            if (work.cancelled) {
                intent.committed().tryEmitError(new CancellationException("request abandoned"));
                continue;
            }
            work.removalStarted = true;
            pending.state(work.partition, work.tenantKey, stateOf(work.partition, work.tenantKey)
                    .withIntent(work.request.eventId(), clock.instant()));
            pending.intent(work.partition, intent.committed());
        }
        for (Completion done = completions.poll(); done != null; done = completions.poll()) {
            if (done.work().cancelled) {
                continue;
            }
            if (done.verdict() != null) {
                answer(done.work(), done.verdict());
                resumeIfAuthBlocked();
            } else {
                failed(done.work(), done.error());
            }
        }
        for (Work work = retries.poll(); work != null; work = retries.poll()) {
            if (!work.cancelled) {
                launch(work);
            }
        }
        long now = System.nanoTime();
        decodePausedUntil.values().removeIf(until -> until - now <= 0);
    }

    private void answer(Work work, Verdict verdict) {
        OutcomeFactory.RequestRef ref = new OutcomeFactory.RequestRef(work.request.eventId(), work.tenantKey,
                work.request.requestedBy(), work.request.correlationId());
        boolean removedByThisRequest = false;
        SpecificRecord event;
        String topic;
        String metric;
        if (verdict instanceof Verdict.Removed removed) {
            event = outcomes.removed(ref, removed);
            topic = settings.removedTopic();
            metric = removed.alreadyRemoved() ? "outcomes.removed_already" : "outcomes.removed";
            removedByThisRequest = removed.removedByThisRequest();
            log.info("Tenant {}: relationship removed{} (request {}, correlation {})", work.tenantKey,
                    removed.alreadyRemoved() ? " earlier; no PATCH sent" : "", work.request.eventId(),
                    work.request.correlationId());
        } else {
            Verdict.Blocked blocked = (Verdict.Blocked) verdict;
            event = outcomes.blocked(ref, blocked);
            topic = settings.blockedTopic();
            metric = "outcomes.blocked";
            log.info("Tenant {}: removal blocked by {} (request {}, correlation {})", work.tenantKey,
                    blocked.blockers().stream().map(b -> b.code().name()).distinct().toList(),
                    work.request.eventId(), work.request.correlationId());
        }
        emit(work.partition, topic, work.tenantKey, work.request.eventId(), event, metric);
        pending.state(work.partition, work.tenantKey, stateOf(work.partition, work.tenantKey)
                .withAnswer(work.request.eventId(), event.getSchema().getName(), clock.instant(),
                        removedByThisRequest));
        finish(work);
    }

    private void answerInvalid(TopicPartition tp, PartitionProgress.Slot slot, Validation.Invalid invalid) {
        String eventId = invalid.eventId() == null ? tp + "@" + slot.offset : invalid.eventId();
        boolean remember = invalid.eventId() != null && invalid.tenantKey().length() <= MAX_STATE_KEY;
        if (remember && stateOf(tp, invalid.tenantKey()).hasAnswered(eventId)) {
            health.count("requests.duplicate", 1);
            slot.done = true;
            return;
        }
        OffboardBlocked event = outcomes.blocked(new OutcomeFactory.RequestRef(eventId, invalid.tenantKey(),
                invalid.requestedBy(), invalid.correlationId()), new Verdict.Blocked(
                ((Decision.Block) rules.rejectInvalid(invalid)).blockers(), clock.instant()));
        log.info("Request {} is invalid ({}); answered without calling Partner Center", eventId,
                String.join("; ", invalid.problems()));
        emit(tp, settings.blockedTopic(), invalid.tenantKey(), eventId, event, "outcomes.invalid");
        if (remember) {
            pending.state(tp, invalid.tenantKey(), stateOf(tp, invalid.tenantKey()).withAnswer(eventId,
                    "OffboardBlocked", clock.instant(), false));
        }
        slot.done = true;
    }

    private void emit(TopicPartition source, String topic, String key, String requestEventId, SpecificRecord event,
            String metric) {
        byte[] value = outcomeSerializer.serialize(topic, event);
        RecordHeaders headers = new RecordHeaders();
        headers.add("offboarding-request-event-id", requestEventId.getBytes(StandardCharsets.UTF_8));
        pending.output(source, new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value,
                headers), metric);
    }

    private void failed(Work work, Throwable error) {
        if (error instanceof PartnerCenterAuthException auth) {
            parkForAuth(work, auth);
            return;
        }
        if (isTransient(error)) {
            Instant now = clock.instant();
            if (work.firstFailureAt == null) {
                work.firstFailureAt = now;
            }
            work.failures++;
            Duration failingFor = Duration.between(work.firstFailureAt, now);
            if (failingFor.compareTo(settings.requestRetryBudget()) >= 0) {
                deadLetter(work, error, "retry budget of " + settings.requestRetryBudget() + " used up");
                return;
            }
            Duration delay = retryDelay(work.failures, settings.requestRetryBudget().minus(failingFor));
            log.warn("{} failed ({}); retrying in {} ms, its tenant's later requests wait", work,
                    error.getMessage(), delay.toMillis());
            scheduleRetry(work, delay);
            return;
        }
        deadLetter(work, error, "not retryable");
    }

    private static boolean isTransient(Throwable error) {
        return error instanceof PartnerCenterTransientException || error instanceof UnconfirmedRemovalException;
    }

    private void deadLetter(Work work, Throwable error, String why) {
        log.error("Dead-lettering {} ({}): {}", work, why, error.toString());
        pending.output(work.partition, deadLetters.of(work.record, error), "dead_letters.failed");
        finish(work);
    }

    private void parkForAuth(Work work, PartnerCenterAuthException error) {
        if (!authBlocked) {
            authBlocked = true;
            authProblem = "Partner Center refused the credentials: " + error.getMessage();
            log.error("Partner Center refused our credentials; pausing consumption and probing every {} until it "
                    + "accepts them again: {}", settings.authProbeInterval(), error.getMessage());
        }
        if (authProbe == null || authProbe == work) {
            authProbe = work;
            scheduleRetry(work, settings.authProbeInterval());
        } else {
            parkedByAuth.add(work);
        }
    }

    private void resumeIfAuthBlocked() {
        if (!authBlocked) {
            return;
        }
        authBlocked = false;
        authProbe = null;
        log.info("Partner Center accepts our credentials again; resuming {} parked requests", parkedByAuth.size());
        List<Work> resume = new ArrayList<>(parkedByAuth);
        parkedByAuth.clear();
        resume.forEach(this::launch);
    }

    private void scheduleRetry(Work work, Duration delay) {
        work.running = Mono.delay(delay).subscribe(tick -> retries.add(work));
    }

    private static Duration retryDelay(int failures, Duration remaining) {
        long exponential = 1000L << Math.min(failures - 1, 10);
        long jittered = Math.round(Math.min(exponential, MAX_RETRY_DELAY.toMillis())
                * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5));
        return Duration.ofMillis(Math.max(100, Math.min(jittered, remaining.toMillis())));
    }

    private void finish(Work work) {
        work.slot.done = true;
        admitted--;
        if (work.active) {
            work.active = false;
            active--;
        }
        lanes.finish(work).ifPresent(this::start);
        fillCapacity();
    }

    private TenantState stateOf(TopicPartition tp, String tenantKey) {
        TenantState staged = pending.state(tp, tenantKey);
        if (staged != null) {
            return staged;
        }
        return store.get(tp.partition(), tenantKey).orElse(TenantState.EMPTY);
    }

    /**
     * Commits, in one transaction, everything finished since the last commit. Returns false when a rebalance put
     * the commit off: everything stays pending for the next try.
     */
    private boolean commit() {
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((tp, p) -> p.toCommit().ifPresent(offset -> offsets.put(tp, new OffsetAndMetadata(offset))));
        if (pending.isEmpty() && offsets.isEmpty()) {
            return true;
        }
        PendingTransaction committing = pending;
        pending = new PendingTransaction();
        Map<TopicPartition, Map<String, byte[]>> encodedStates = new HashMap<>();
        try {
            producer.beginTransaction();
            for (PendingTransaction.Output output : committing.outputs) {
                producer.send(output.record());
            }
            committing.stateChanges.forEach((tp, changes) -> changes.values().forEach(change -> {
                byte[] encoded = codec.encode(change.state());
                encodedStates.computeIfAbsent(tp, k -> new HashMap<>()).put(change.tenantKey(), encoded);
                producer.send(new ProducerRecord<>(settings.stateTopic(), tp.partition(),
                        change.tenantKey().getBytes(StandardCharsets.UTF_8), encoded));
            }));
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            boolean aborted = abort(e);
            if (aborted && isStaleGeneration(e) && ++deferredCommits <= MAX_DEFERRED_COMMITS) {
                // a rebalance moved the group on while this instance was committing: nothing is wrong with
                // the work, the next poll brings the new generation, and the same transaction is tried again
                log.info("Commit deferred: the group is rebalancing ({})", e.getMessage());
                committing.absorb(pending);
                pending = committing;
                return false;
            }
            committing.intents.forEach(i -> i.committed().tryEmitError(e));
            throw new EngineFailure("cannot commit outcomes and offsets: " + e, e);
        }
        deferredCommits = 0;
        encodedStates.forEach((tp, states) -> states.forEach((tenant, encoded) ->
                store.put(tp.partition(), tenant, encoded)));
        offsets.forEach((tp, offset) -> {
            PartitionProgress p = progress.get(tp);
            if (p != null) {
                p.committed(offset.offset());
            }
        });
        committing.intents.forEach(i -> i.committed().tryEmitEmpty());
        committing.outcomeCounts.forEach(health::count);
        health.count("commits", 1);
        return true;
    }

    private boolean abort(KafkaException cause) {
        try {
            producer.abortTransaction();
            return true;
        } catch (KafkaException abortFailed) {
            cause.addSuppressed(abortFailed);
            return false;
        }
    }

    /** The offsets carried a group generation the coordinator has moved past: a rebalance, not a failure. */
    private static boolean isStaleGeneration(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommitFailedException) {
                return true;
            }
        }
        return false;
    }

    /** Ready unless an auth failure or an unreachable registry holds consumption back. */
    private void reportReadiness() {
        if (authBlocked) {
            health.notReady(authProblem);
        } else if (!decodePausedUntil.isEmpty()) {
            health.notReady(registryProblem);
        } else {
            health.ready();
        }
    }

    private void pauseOrResume() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        if (admitted >= settings.maxInFlight() || authBlocked || stopping) {
            consumer.pause(assigned);
            return;
        }
        Set<TopicPartition> waiting = new HashSet<>(decodePausedUntil.keySet());
        waiting.retainAll(assigned);
        Set<TopicPartition> resume = new HashSet<>(assigned);
        resume.removeAll(waiting);
        consumer.pause(waiting);
        consumer.resume(resume);
    }

    /** On stop: no new work, a bounded wait for the work in flight, a final commit. */
    private void drainAndCommit() {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        consumer.pause(consumer.assignment());
        log.info("Stopping: waiting up to {} for {} requests in flight", settings.shutdownTimeout(), admitted);
        while (admitted > parkedByAuth.size() + (authProbe == null ? 0 : 1) && System.nanoTime() < deadline) {
            takeInResults();
            if (System.nanoTime() - lastCommitNanos >= settings.commitInterval().toNanos()) {
                commit();
            }
            try {
                consumer.poll(Duration.ofMillis(20));
            } catch (WakeupException e) {
                // already stopping
            }
        }
        takeInResults();
        abandon(lanes.all(), "shutting down");
        commit();
        log.info("Stopped; {} requests left for the next run", admitted);
    }

    private void abandon(Collection<Work> works, String why) {
        if (!works.isEmpty()) {
            log.info("Abandoning {} requests ({}); they will be processed again from the last commit", works.size(),
                    why);
        }
        works.forEach(Work::cancel);
    }

    private void abandonAll() {
        abandon(lanes.all(), "engine closing");
        pending.intents.forEach(i -> i.committed().tryEmitError(new CancellationException("engine closing")));
        for (IntentRequest intent = intents.poll(); intent != null; intent = intents.poll()) {
            intent.committed().tryEmitError(new CancellationException("engine closing"));
        }
    }

    /** Rebalance callbacks; they run inside {@code poll}, on the engine thread. */
    private final class Rebalancing implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<TopicPartition> revoked = new HashSet<>(partitions);
            // a PATCH under way must end before another instance may look at its tenant
            long deadline = System.nanoTime() + Math.min(settings.shutdownTimeout().toNanos(),
                    Duration.ofSeconds(15).toNanos());
            while (lanes.all().stream().anyMatch(w -> revoked.contains(w.partition) && w.removalStarted)
                    && System.nanoTime() < deadline) {
                takeInResults();
                commit();
                sleepBriefly();
            }
            takeInResults();
            release(revoked, true);
            log.info("Partitions revoked: {}", revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            Set<TopicPartition> lost = new HashSet<>(partitions);
            pending.dropPartitions(lost);
            release(lost, false);
            log.warn("Partitions lost (this instance left the group): {}", lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            restorer.restore(partitions.stream().map(TopicPartition::partition).toList(), store);
            for (TopicPartition tp : partitions) {
                progress.put(tp, new PartitionProgress(tp));
            }
            health.assignedPartitions(progress.size());
            if (!partitions.isEmpty()) {
                log.info("Partitions assigned: {}", partitions);
            }
        }

        private void release(Set<TopicPartition> partitions, boolean commitFirst) {
            List<Work> removed = new ArrayList<>();
            List<Work> restart = lanes.removePartitions(partitions, removed::add);
            removed.forEach(Work::cancel);
            parkedByAuth.removeAll(removed);
            waitingForCapacity.removeAll(removed);
            active -= (int) removed.stream().filter(w -> w.active).count();
            if (authProbe != null && removed.contains(authProbe)) {
                authProbe = null;
            }
            admitted -= removed.size();
            if (commitFirst && !commit()) {
                // what these partitions finished must not be committed after another instance owns them: it
                // answers them again, and the state already committed stops a second PATCH
                pending.dropPartitions(partitions);
            }
            partitions.forEach(tp -> {
                progress.remove(tp);
                decodePausedUntil.remove(tp);
                store.clear(tp.partition());
            });
            health.assignedPartitions(progress.size());
            restart.forEach(OffboardingEngine.this::start);
            fillCapacity();
        }

        private void sleepBriefly() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
