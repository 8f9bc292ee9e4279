package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.metrics.ServiceMetrics;
import io.github.reselleroffboarding.consumer.processing.Intents;
import io.github.reselleroffboarding.consumer.processing.RequestAttempt;
import io.github.reselleroffboarding.consumer.processing.RequestHandler;
import io.github.reselleroffboarding.consumer.rules.Arrival;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.state.TenantState;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Starts (or starts again) the Partner Center work of a request whose turn has come; results go to the inbox. */
final class RequestRunner {

    private static final Logger log = LoggerFactory.getLogger(RequestRunner.class);

    private final RequestHandler handler;
    private final OffboardingRules rules;
    private final TransactionCommitter committer;
    private final Inbox inbox;
    private final ServiceMetrics metrics;

    RequestRunner(RequestHandler handler, OffboardingRules rules, TransactionCommitter committer, Inbox inbox,
            ServiceMetrics metrics) {
        this.handler = handler;
        this.rules = rules;
        this.committer = committer;
        this.inbox = inbox;
        this.metrics = metrics;
    }

    /** @return false when the request was answered before: there is nothing to run, and it is done */
    boolean run(Work work) {
        TenantState state = committer.stateOf(work.partition, work.tenantKey);
        if (rules.onArrival(work.request.eventId(), state) == Arrival.ALREADY_ANSWERED) {
            log.debug("Request {} for tenant {} was answered before; no second outcome", work.request.eventId(),
                    work.tenantKey);
            metrics.duplicate();
            return false;
        }
        // a restart forgets the generation in memory; the committed intent remembers the one its PATCH used
        work.generation = Math.max(work.generation, state.intentGenerationFor(work.request.eventId()));
        RequestAttempt attempt = new RequestAttempt(work.generation, work.replayedFrom);
        work.running = handler.process(work.request, state, attempt, new Intents() {
            @Override
            public Mono<Void> removal() {
                return inbox.intent(work);
            }

            @Override
            public Mono<Void> actions(List<TenantHistory.RecordedAction> actions) {
                return inbox.intent(work, actions);
            }
        })
                .subscribe(verdict -> inbox.completed(work, verdict), error -> inbox.failed(work, error));
        return true;
    }
}
