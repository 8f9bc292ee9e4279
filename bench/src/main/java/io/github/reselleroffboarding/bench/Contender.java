package io.github.reselleroffboarding.bench;

/** What consumes the backlog in a run. */
enum Contender {

    /** The service itself: {@code offboarding-consumer.jar}, configured as in production. */
    SERVICE("reseller-offboarding"),
    /**
     * Confluent Parallel Consumer doing the same job: KEY ordering, its transactional producer mode, a thread per
     * request in flight ({@code bench.parallel}).
     */
    PARALLEL_CONSUMER("Confluent Parallel Consumer"),
    /** One blocking thread per partition, same client, same rules ({@code bench.baseline}). */
    BASELINE("partition-serial baseline"),
    /** The service's Partner Center work alone, no Kafka ({@link CallsOnlyMain}): the ceiling, for the breakdown. */
    CALLS_ONLY("Partner Center calls only");

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
