package io.github.reselleroffboarding.bench.baseline;

import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the baseline consumer, configured by the same environment variables as the service, until SIGTERM.
 * Prints {@value #READY} once its threads are consuming, for the bench to start the clock.
 */
public final class BaselineMain {

    public static final String READY = "baseline ready";

    private BaselineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsumerSettings settings = ConfigLoader.loadOrExit(System.getenv());
        PartitionSerialConsumer baseline = new PartitionSerialConsumer(settings, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            baseline.close();
            System.out.println(baseline.connectionErrors());
            stopped.countDown();
        }, "baseline-shutdown"));
        int threads = baseline.start();
        System.out.println(READY + ": " + threads + " partitions, one thread each");
        stopped.await();
    }
}
