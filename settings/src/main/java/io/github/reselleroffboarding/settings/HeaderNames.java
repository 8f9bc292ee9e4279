package io.github.reselleroffboarding.settings;

/** Record header names more than one program writes or reads. */
public final class HeaderNames {

    /** On every outcome: the {@code eventId} of the request it answers, readable without decoding the value. */
    public static final String REQUEST_EVENT_ID = "offboarding-request-event-id";
    /** W3C Trace Context and Baggage: copied from a request to its outcome, so a trace follows it downstream. */
    public static final java.util.List<String> TRACE_CONTEXT = java.util.List.of("traceparent", "tracestate",
            "baggage");

    /** Spring Kafka's dead-letter headers all start with this; {@code offboard replay} strips them. */
    public static final String DEAD_LETTER_PREFIX = "kafka_dlt-";

    /**
     * On a dead letter whose original value was too large to keep: the value's SHA-256 (hex) and its size in
     * bytes. Such a dead letter cannot be replayed; the record must come again from its source.
     */
    public static final String DEAD_LETTER_VALUE_SHA256 = "offboarding-dlt-original-value-sha256";
    public static final String DEAD_LETTER_VALUE_SIZE = "offboarding-dlt-original-value-size";

    /**
     * On a request {@code offboard replay} sent back from the dead-letter topic: where it was there
     * ({@code topic-partition@offset}). The consumer treats it as a new attempt, with new {@code MS-RequestId}s.
     */
    public static final String REPLAYED_FROM = "offboard-replayed-from";

    /**
     * On a request the consumer forwarded to its canonical key's partition (it arrived under another key): where
     * it came from ({@code topic-partition@offset}).
     */
    public static final String FORWARDED_FROM = "offboarding-forwarded-from";

    private HeaderNames() {
    }
}
