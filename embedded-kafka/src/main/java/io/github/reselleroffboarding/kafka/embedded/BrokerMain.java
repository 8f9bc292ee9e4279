package io.github.reselleroffboarding.kafka.embedded;

import java.io.IOException;

/**
 * Entry point of a forked broker: {@code kafka.Kafka} plus a watchdog that ends the broker when its parent's
 * pipe closes, so a broker never outlives the test JVM that started it, even when that JVM is killed.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent writes nothing; we only wait for end of stream
                }
            } catch (IOException e) {
                // a broken pipe means the same as end of stream
            }
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }
}
