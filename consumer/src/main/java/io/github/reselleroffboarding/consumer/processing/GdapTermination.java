package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.CleanupReport;
import io.github.reselleroffboarding.consumer.rules.GdapPlan;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.partnercenter.CallContext;
import io.github.reselleroffboarding.partnercenter.GraphClient;
import io.github.reselleroffboarding.partnercenter.Operation;
import io.github.reselleroffboarding.partnercenter.PartnerCenterException;
import io.github.reselleroffboarding.partnercenter.model.GdapRelationship;
import java.time.Clock;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The I/O of ending the partner's GDAP access after a removal, on Microsoft Graph: list the relationships with the
 * customer, record the terminations (committed) before any is sent, send them, read each back. The rules decide
 * what each answer means. Graph being down or refusing never fails the request: the removal stands, and the
 * outcome says which access is left and why.
 */
final class GdapTermination {

    /** Terminate requests of one customer sent at once. */
    private static final int AT_ONCE = 4;

    private final GraphClient graph;
    private final OffboardingRules rules;
    private final Clock clock;

    GdapTermination(GraphClient graph, OffboardingRules rules, Clock clock) {
        this.graph = graph;
        this.rules = rules;
        this.clock = clock;
    }

    /** After the removal: what was terminated, and what is left and why. */
    Mono<CleanupReport> afterRemoval(OffboardRequest request, TenantHistory history, CallContext context,
            Intents intents) {
        CallContext gdap = context.forItem("gdap");
        return graph.relationships(request.tenant(), gdap).collectList()
                .map(listed -> rules.planGdap(request, history, listed))
                .flatMap(plan -> plan.toTerminate().isEmpty() ? Mono.just(plan.known()) : terminate(request, plan,
                        gdap, intents))
                .onErrorResume(PartnerCenterException.class, e -> Mono.just(rules.gdapUnavailable(null,
                        e.errorCode().orElse(null), e.getMessage())));
    }

    /** A preview: which relationships a clean-up would terminate; nothing is sent. */
    Mono<CleanupReport> preview(OffboardRequest request, CallContext context) {
        return graph.relationships(request.tenant(), context.forItem("gdap")).collectList()
                .map(rules::previewGdap)
                .onErrorResume(PartnerCenterException.class, e -> Mono.just(rules.gdapUnavailable(null,
                        e.errorCode().orElse(null), e.getMessage())));
    }

    private Mono<CleanupReport> terminate(OffboardRequest request, GdapPlan plan, CallContext context,
            Intents intents) {
        List<TenantHistory.RecordedAction> record = plan.toTerminate().stream()
                .map(r -> new TenantHistory.RecordedAction(request.eventId(), r.id(), CleanupActionKind.TERMINATE_GDAP,
                        r.etag(), requestId(context, r), clock.millis()))
                .toList();
        // a failed commit of the intents fails the request (it is tried again); only Graph's failures are reported
        return intents.actions(record)
                .publishOn(Schedulers.parallel())
                .thenMany(Flux.fromIterable(plan.toTerminate()).flatMapSequential(r -> one(r, context), AT_ONCE))
                .reduce(plan.known(), CleanupReport::plus);
    }

    private Mono<CleanupReport> one(GdapRelationship relationship, CallContext context) {
        String requestId = requestId(context, relationship);
        return graph.terminate(relationship.id(), requestId)
                .flatMap(answer -> graph.relationship(relationship.id(), context)
                        .map(after -> rules.gdapTerminated(after, requestId, clock.instant(),
                                answer == GraphClient.Termination.REQUESTED))
                        .onErrorResume(PartnerCenterException.class, e -> Mono.just(rules.gdapUnconfirmed(
                                relationship, requestId, clock.instant(), e.getMessage()))))
                .onErrorResume(PartnerCenterException.class, e -> Mono.just(rules.gdapUnavailable(relationship,
                        e.errorCode().orElse(null), e.getMessage())));
    }

    private static String requestId(CallContext context, GdapRelationship relationship) {
        return context.forItem(relationship.id()).msRequestId(Operation.TERMINATE_GDAP_RELATIONSHIP, 1);
    }
}
