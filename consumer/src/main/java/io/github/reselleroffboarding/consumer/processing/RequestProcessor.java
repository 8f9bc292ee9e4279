package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.Decision;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.state.TenantState;
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
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Evaluates one valid request against Partner Center and, when nothing blocks, removes the relationship:
 * entitlements and subscriptions (every page) fetched concurrently, the rules applied, the intent to remove
 * recorded durably, then the PATCH. Emits nothing to Kafka; the verdict goes back to the engine. Transient and
 * auth failures come out as errors for the engine to retry or park.
 */
public final class RequestProcessor {

    /** Partner Center's code for "the relationship between the partner and customer does not exist". */
    static final String NO_SUCH_RELATIONSHIP = "3000";

    private final PartnerCenterClient partnerCenter;
    private final OffboardingRules rules;
    private final Clock clock;

    public RequestProcessor(PartnerCenterClient partnerCenter, OffboardingRules rules, Clock clock) {
        this.partnerCenter = partnerCenter;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * @param state what this service remembers about the tenant, as of this request
     * @param recordIntent completes once the intent to remove is committed; the PATCH waits for it
     */
    public Mono<Verdict> process(OffboardRequest request, TenantState state,
            Function<OffboardRequest, Mono<Void>> recordIntent) {
        CallContext context = new CallContext(request.eventId(), request.correlationId());
        Mono<List<Entitlement>> entitlements = partnerCenter.entitlements(request.tenant(), context).collectList();
        Mono<List<Subscription>> subscriptions = partnerCenter.subscriptions(request.tenant(), context).collectList();
        return Mono.zip(entitlements, subscriptions)
                .flatMap(found -> {
                    Decision decision = rules.evaluate(found.getT1(), found.getT2(), clock.instant());
                    if (decision instanceof Decision.Block block) {
                        return Mono.just(blocked(block));
                    }
                    return remove(request, (Decision.Remove) decision, context, recordIntent);
                })
                .onErrorResume(CustomerNotFoundException.class, notFound -> Mono.just(toVerdict(rules.customerUnknown(
                        request.tenant(), state.removalStartedBy(request.eventId()), state.removedBy(),
                        describe(notFound)), request)));
    }

    private Mono<Verdict> remove(OffboardRequest request, Decision.Remove evidence, CallContext context,
            Function<OffboardRequest, Mono<Void>> recordIntent) {
        String patchRequestId = DerivedIds.partnerCenterRequestId(request.eventId(),
                Operation.REMOVE_RELATIONSHIP.id());
        return recordIntent.apply(request)
                // the intent completes on the engine thread; the PATCH must not run there
                .publishOn(Schedulers.parallel())
                .then(partnerCenter.removeResellerRelationship(request.tenant(), context))
                .map(result -> {
                    if (!result.removed()) {
                        throw new UnconfirmedRemovalException("Partner Center answered the removal with "
                                + "relationshipToPartner=" + result.relationshipToPartner());
                    }
                    return (Verdict) new Verdict.Removed(false, true, evidence.subscriptionsChecked(),
                            evidence.entitlementsChecked(), evidence.remaining(), patchRequestId, request.eventId(),
                            clock.instant());
                })
                // gone between the checks and the PATCH: most likely our own earlier attempt went through
                .onErrorResume(CustomerNotFoundException.class, gone -> Mono.just(removedBefore(evidence,
                        patchRequestId, request)))
                .onErrorResume(PartnerCenterRejectedException.class, refused -> Mono.just(
                        NO_SUCH_RELATIONSHIP.equals(refused.errorCode().orElse(null))
                                ? removedBefore(evidence, patchRequestId, request)
                                : blocked((Decision.Block) rules.removalRefused(refused.description(),
                                        refused.errorCode().orElse(null)))));
    }

    private Verdict removedBefore(Decision.Remove evidence, String patchRequestId, OffboardRequest request) {
        return new Verdict.Removed(false, true, evidence.subscriptionsChecked(), evidence.entitlementsChecked(),
                evidence.remaining(), patchRequestId, request.eventId(), clock.instant());
    }

    private Verdict toVerdict(Decision decision, OffboardRequest request) {
        if (decision instanceof Decision.Block block) {
            return blocked(block);
        }
        Decision.AlreadyRemoved gone = (Decision.AlreadyRemoved) decision;
        if (gone.byThisRequest()) {
            // our PATCH went through before a crash or rebalance; its outcome was never committed
            return new Verdict.Removed(false, true, 0, 0, List.of(), DerivedIds.partnerCenterRequestId(
                    request.eventId(), Operation.REMOVE_RELATIONSHIP.id()), request.eventId(), clock.instant());
        }
        return new Verdict.Removed(true, false, 0, 0, List.of(), null, gone.removedByRequestEventId(),
                clock.instant());
    }

    private Verdict blocked(Decision.Block block) {
        return new Verdict.Blocked(block.blockers(), clock.instant());
    }

    private static String describe(CustomerNotFoundException e) {
        return "HTTP " + e.httpStatus() + e.errorCode().map(c -> ", code " + c).orElse("");
    }
}
