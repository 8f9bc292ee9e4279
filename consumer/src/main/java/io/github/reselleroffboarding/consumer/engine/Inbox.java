package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Where Partner Center work, running on Reactor's threads, reports back to the engine thread: verdicts, errors
 * and intents to remove waiting for their commit. Only the engine thread drains it.
 */
final class Inbox {

    /** A request finished: with a verdict, or with an error for the failure policy. */
    record Completion(Work work, Verdict verdict, Throwable error) {
    }

    /**
     * A request wants to write: the removal PATCH ({@code actions} null) or clean-up writes; {@code committed}
     * completes once its intent is committed.
     */
    record IntentRequest(Work work, List<TenantHistory.RecordedAction> actions, Sinks.Empty<Void> committed) {
    }

    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Queue<IntentRequest> intents = new ConcurrentLinkedQueue<>();

    void completed(Work work, Verdict verdict) {
        completions.add(new Completion(work, verdict, null));
    }

    void failed(Work work, Throwable error) {
        completions.add(new Completion(work, null, error));
    }

    /** Called from the request's pipeline: completes once the engine committed the intent. */
    Mono<Void> intent(Work work) {
        return intent(work, null);
    }

    /** Called from the request's pipeline: completes once the engine committed the clean-up writes. */
    Mono<Void> intent(Work work, List<TenantHistory.RecordedAction> actions) {
        Sinks.Empty<Void> committed = Sinks.empty();
        intents.add(new IntentRequest(work, actions == null ? null : List.copyOf(actions), committed));
        return committed.asMono();
    }

    void drainIntents(Consumer<IntentRequest> into) {
        for (IntentRequest intent = intents.poll(); intent != null; intent = intents.poll()) {
            into.accept(intent);
        }
    }

    void drainCompletions(Consumer<Completion> into) {
        for (Completion done = completions.poll(); done != null; done = completions.poll()) {
            into.accept(done);
        }
    }
}
