package io.github.reselleroffboarding.consumer.engine;

import org.slf4j.MDC;

/**
 * The ids of the request the engine thread is handling, in the MDC while it handles it, so every line logged
 * meanwhile (its outcome, a retry, a dead letter) carries them as fields in JSON logs. The engine is one thread;
 * Partner Center calls on Reactor's threads carry theirs as key-values instead.
 */
final class RequestMdc implements AutoCloseable {

    static final String TENANT_ID = "tenantId";
    static final String REQUEST_EVENT_ID = "requestEventId";
    static final String CORRELATION_ID = "correlationId";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";

    private RequestMdc() {
    }

    static RequestMdc of(Work work) {
        MDC.put(TENANT_ID, work.tenantKey);
        MDC.put(REQUEST_EVENT_ID, work.request.eventId());
        if (work.request.correlationId() != null) {
            MDC.put(CORRELATION_ID, work.request.correlationId());
        }
        MDC.put(PARTITION, String.valueOf(work.partition.partition()));
        MDC.put(OFFSET, String.valueOf(work.record.offset()));
        return new RequestMdc();
    }

    @Override
    public void close() {
        MDC.remove(TENANT_ID);
        MDC.remove(REQUEST_EVENT_ID);
        MDC.remove(CORRELATION_ID);
        MDC.remove(PARTITION);
        MDC.remove(OFFSET);
    }
}
