package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.Decision;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.PatchAnswer;
import io.github.reselleroffboarding.consumer.rules.PatchOutcome;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.ids.DerivedIds;
import io.github.reselleroffboarding.partnercenter.CallContext;
import io.github.reselleroffboarding.partnercenter.CustomerNotFoundException;
import io.github.reselleroffboarding.partnercenter.Operation;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import io.github.reselleroffboarding.partnercenter.PartnerCenterRejectedException;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The I/O of one valid request: entitlements and subscriptions (every page) fetched concurrently, the PATCH
 * once the rules allow it and the intent to remove is committed. Every answer goes to {@link OffboardingRules},
 * which decides the verdict; nothing here decides anything. Emits nothing to Kafka. Transient and auth failures
 * come out as errors for the engine's failure policy.
 */
public final class RequestProcessor implements RequestHandler {

    private final PartnerCenterClient partnerCenter;
    private final OffboardingRules rules;
    private final Clock clock;

    public RequestProcessor(PartnerCenterClient partnerCenter, OffboardingRules rules, Clock clock) {
        this.partnerCenter = partnerCenter;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public Mono<Verdict> process(OffboardRequest request, TenantHistory history, Supplier<Mono<Void>> intent) {
        CallContext context = new CallContext(request.eventId(), request.correlationId());
        String patchRequestId = patchRequestId(request);
        Mono<List<Entitlement>> entitlements = partnerCenter.entitlements(request.tenant(), context).collectList();
        Mono<List<Subscription>> subscriptions = partnerCenter.subscriptions(request.tenant(), context).collectList();
        return Mono.zip(entitlements, subscriptions)
                .flatMap(found -> {
                    Decision decision = rules.evaluate(found.getT1(), found.getT2(), clock.instant());
                    if (decision instanceof Decision.Block block) {
                        return Mono.just(rules.blocked(block, clock.instant()));
                    }
                    return remove(request, (Decision.Remove) decision, context, patchRequestId, intent);
                })
                .onErrorResume(CustomerNotFoundException.class, notFound -> Mono.just(rules.customerUnknown(
                        request.tenant(), request.eventId(), history, patchRequestId, describe(notFound),
                        clock.instant())));
    }

    private Mono<Verdict> remove(OffboardRequest request, Decision.Remove evidence, CallContext context,
            String patchRequestId, Supplier<Mono<Void>> intent) {
        return intent.get()
                // the intent completes on the engine thread; the PATCH must not run there
                .publishOn(Schedulers.parallel())
                .then(patch(request, context))
                .map(answer -> {
                    PatchOutcome outcome = rules.patchAnswered(answer, evidence, patchRequestId, request.eventId(),
                            clock.instant());
                    if (outcome instanceof PatchOutcome.Unconfirmed unconfirmed) {
                        throw new UnconfirmedRemovalException(unconfirmed.why());
                    }
                    return ((PatchOutcome.Answered) outcome).verdict();
                });
    }

    /** The PATCH, its answer read as the rules need it; transient and auth failures stay errors. */
    private Mono<PatchAnswer> patch(OffboardRequest request, CallContext context) {
        return partnerCenter.removeResellerRelationship(request.tenant(), context)
                .map(result -> (PatchAnswer) new PatchAnswer.Accepted(result.relationshipToPartner()))
                .onErrorResume(CustomerNotFoundException.class, gone -> Mono.just(new PatchAnswer.CustomerGone(
                        gone.httpStatus(), gone.errorCode().orElse(null))))
                .onErrorResume(PartnerCenterRejectedException.class, refused -> Mono.just(new PatchAnswer.Refused(
                        refused.httpStatus(), refused.errorCode().orElse(null), refused.description())));
    }

    public static String patchRequestId(OffboardRequest request) {
        return DerivedIds.partnerCenterRequestId(request.eventId(), Operation.REMOVE_RELATIONSHIP.id());
    }

    public static String describe(CustomerNotFoundException e) {
        return "HTTP " + e.httpStatus() + e.errorCode().map(c -> ", code " + c).orElse("");
    }
}
