package io.github.reselleroffboarding.consumer.app;

import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import java.time.Clock;

/**
 * {@code java -jar offboarding-consumer.jar}: configured by environment variables (see the README), stopped by
 * SIGTERM. Exit codes: 2 for a configuration error (the message names the setting), 1 when it cannot start, 3
 * when a fatal error (an {@link Error} such as {@link OutOfMemoryError}) stopped it, so a supervisor restarts it.
 */
public final class OffboardingConsumerMain {

    private OffboardingConsumerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsumerSettings settings = ConfigLoader.loadOrExit(System.getenv());
        OffboardingService service;
        try {
            service = OffboardingService.start(settings, Clock.systemUTC());
        } catch (StartupException | org.apache.kafka.common.KafkaException e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "offboarding-shutdown"));
        service.awaitStopped();
        if (service.fatalError().isPresent()) {
            System.err.println("stopped by a fatal error: " + service.fatalError().get());
            System.exit(3);
        }
    }
}
