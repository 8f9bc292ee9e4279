package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Where a request records what it is about to write to Partner Center, before it writes it: each completes once
 * the record is committed to the state topic, so after a crash the write is known to have been under way.
 */
public interface Intents {

    /** Nothing to record (a bench peer that keeps no state): each completes at once. */
    Intents NONE = new Intents() {
        @Override
        public Mono<Void> removal() {
            return Mono.empty();
        }

        @Override
        public Mono<Void> actions(List<TenantHistory.RecordedAction> actions) {
            return Mono.empty();
        }
    };

    /** The intent to remove; the PATCH must wait for it. */
    Mono<Void> removal();

    /** The clean-up writes about to be sent; none may be sent before this completes. */
    Mono<Void> actions(List<TenantHistory.RecordedAction> actions);
}
