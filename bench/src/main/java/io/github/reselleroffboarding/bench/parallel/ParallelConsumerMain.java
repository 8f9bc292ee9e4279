package io.github.reselleroffboarding.bench.parallel;

import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the Parallel Consumer peer, configured by the same environment variables as the service, until SIGTERM.
 * Prints {@value #READY} once it has partitions, for the bench to start the clock as it does for the service, and
 * its connection errors when it stops.
 */
public final class ParallelConsumerMain {

    public static final String READY = "parallel-consumer ready";

    private ParallelConsumerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsumerSettings settings = ConfigLoader.loadOrExit(System.getenv());
        ParallelConsumerPeer peer = new ParallelConsumerPeer(settings, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            peer.close();
            System.out.println(peer.connectionErrors());
            stopped.countDown();
        }, "parallel-consumer-shutdown"));
        AtomicBoolean announced = new AtomicBoolean();
        peer.start(() -> {
            if (announced.compareAndSet(false, true)) {
                System.out.println(READY + ": " + settings.limits().maxInFlight() + " threads, KEY order, "
                        + "transactional producer");
            }
        });
        stopped.await();
    }
}
