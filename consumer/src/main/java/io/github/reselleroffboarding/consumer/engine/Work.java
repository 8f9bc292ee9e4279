package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.settings.HeaderNames;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import reactor.core.Disposable;

/** One request between admission and its outcome. Touched by the engine thread only. */
final class Work {

    final ConsumerRecord<byte[], byte[]> record;
    /** The trace context current when the record was taken in; its outcome is produced in it. */
    final Context trace = Context.current();
    final TopicPartition partition;
    final PartitionProgress.Slot slot;
    final OffboardRequest request;
    final String tenantKey;
    /** Where {@code offboard replay} took this record from, or null for a request as published. */
    final String replayedFrom;

    Disposable running;
    Instant firstFailureAt;
    int failures;
    /** The attempt generation of the next try: one more after each try Partner Center answered. */
    int generation;
    /** Started and counted against the in-flight cap. */
    boolean active;
    /** An intent to write (the removal PATCH or clean-up writes) was handed over: a write may be under way. */
    boolean writeStarted;
    boolean cancelled;

    Work(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, PartitionProgress.Slot slot,
            OffboardRequest request) {
        this.record = record;
        this.partition = partition;
        this.slot = slot;
        this.request = request;
        this.tenantKey = request.tenant().value();
        Header replay = record.headers().lastHeader(HeaderNames.REPLAYED_FROM);
        this.replayedFrom = replay == null || replay.value() == null ? null
                : new String(replay.value(), StandardCharsets.UTF_8);
    }

    /** A fresh retry budget: the failures so far were everyone's, not this request's. */
    void forgetFailures() {
        firstFailureAt = null;
        failures = 0;
    }

    void cancel() {
        cancelled = true;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public String toString() {
        return "request " + request.eventId() + " for tenant " + tenantKey + " (" + partition + "@" + record.offset()
                + ")";
    }
}
