package io.github.reselleroffboarding.testkit;

/** The broker the tests talk to, whichever way it was started. */
interface KafkaUnderTest extends AutoCloseable {

    String bootstrapServers();

    /** How it runs, for the log line that says which broker a run used. */
    String description();

    @Override
    void close();
}
