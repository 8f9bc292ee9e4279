package io.github.reselleroffboarding.bench;

import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.processing.Intents;
import io.github.reselleroffboarding.consumer.processing.RequestAttempt;
import io.github.reselleroffboarding.consumer.processing.RequestProcessor;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Partner Center half of the service alone, for the breakdown: the same request set through the service's own
 * {@link RequestProcessor} and client, {@code MAX_IN_FLIGHT} at a time, with no Kafka at all. How fast this goes
 * on a machine is the ceiling for the whole service there.
 *
 * <p>Arguments: the plan's size and seed. Prints {@value #READY} when it starts and {@value #DONE} with the counts
 * and the elapsed milliseconds when every request has been answered.
 */
public final class CallsOnlyMain {

    static final String READY = "calls-only ready";
    static final String DONE = "calls-only done";

    private CallsOnlyMain() {
    }

    public static void main(String[] args) {
        RequestPlan plan = RequestPlan.generate(Integer.parseInt(args[0]), Long.parseLong(args[1]));
        ConsumerSettings settings = ConfigLoader.load(System.getenv());
        Clock clock = Clock.systemUTC();
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger blocked = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (PartnerCenterClient client = PartnerCenterClient.create(settings.partnerCenter())) {
            RequestProcessor processor = new RequestProcessor(client, new OffboardingRules(settings.policy()), clock,
                    settings.activityLogAvailable());
            System.out.println(READY);
            long started = System.nanoTime();
            Flux.range(0, plan.size())
                    .flatMap(i -> processor.process(new OffboardRequest(plan.eventId(i), TenantId.parse(plan.tenant(i)),
                                    Instant.now(), "bench", "benchmark", "bench-" + i), TenantState.EMPTY,
                                    RequestAttempt.FIRST, Intents.NONE)
                            .doOnNext(verdict -> {
                                boolean isRemoved = verdict instanceof Verdict.Removed;
                                (isRemoved ? removed : blocked).incrementAndGet();
                                if (isRemoved != (plan.expected(i) == RequestPlan.Expected.REMOVED)) {
                                    wrong.incrementAndGet();
                                }
                            })
                            .onErrorResume(e -> {
                                failed.incrementAndGet();
                                return Mono.empty();
                            }), settings.limits().maxInFlight())
                    .blockLast();
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println(DONE + " removed=" + removed + " blocked=" + blocked + " wrong=" + wrong + " failed="
                    + failed + " millis=" + millis);
        }
    }
}
