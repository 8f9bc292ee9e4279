package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import reactor.core.publisher.Mono;

/** Works out the verdict on one valid request; what the engine runs for each request that holds a place. */
@FunctionalInterface
public interface RequestHandler {

    /**
     * @param history what this service remembers about the tenant, as of this attempt
     * @param attempt which attempt this is, for the {@code MS-RequestId}s its calls carry
     * @param intents where the intent to remove and the clean-up writes are recorded before they are sent
     * @return the verdict; an error for the engine's failure policy (transient, auth, or anything else)
     */
    Mono<Verdict> process(OffboardRequest request, TenantHistory history, RequestAttempt attempt,
            Intents intents);
}
