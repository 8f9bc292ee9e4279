package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.ActivityLog;
import io.github.reselleroffboarding.consumer.rules.CustomerReads;
import io.github.reselleroffboarding.consumer.rules.CustomerSnapshot;
import io.github.reselleroffboarding.consumer.rules.Decision;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.PatchAnswer;
import io.github.reselleroffboarding.consumer.rules.PatchOutcome;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.partnercenter.CallContext;
import io.github.reselleroffboarding.partnercenter.CustomerNotFoundException;
import io.github.reselleroffboarding.partnercenter.Operation;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import io.github.reselleroffboarding.partnercenter.PartnerCenterRejectedException;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.Customer;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The I/O of one valid request: the customer, its entitlements and its subscriptions (every page) read
 * concurrently, then the Azure subscriptions under each Azure plan; the PATCH once the rules allow it and the
 * intent to remove is committed; a read to confirm a PATCH answered "no relationship"; the activity log when a
 * relationship is gone and this service did not end it. Every answer goes to {@link OffboardingRules}, which
 * decides the verdict; nothing here decides anything. A preview makes the same reads and never the PATCH. Emits nothing to Kafka. Transient and auth failures come out
 * as errors for the engine's failure policy.
 */
public final class RequestProcessor implements RequestHandler {

    /** Azure plans of one customer read at once. */
    private static final int PLAN_READS = 4;

    private final PartnerCenterClient partnerCenter;
    private final OffboardingRules rules;
    private final Clock clock;
    private final boolean activityLogAvailable;

    /**
     * @param activityLogAvailable whether this cloud has Partner Center's activity log (21Vianet has none)
     */
    public RequestProcessor(PartnerCenterClient partnerCenter, OffboardingRules rules, Clock clock,
            boolean activityLogAvailable) {
        this.partnerCenter = partnerCenter;
        this.rules = rules;
        this.clock = clock;
        this.activityLogAvailable = activityLogAvailable;
    }

    @Override
    public Mono<Verdict> process(OffboardRequest request, TenantHistory history, RequestAttempt attempt,
            Supplier<Mono<Void>> intent) {
        CallContext context = new CallContext(request.eventId(), request.correlationId(), attempt.idScope());
        String patchRequestId = patchRequestId(context);
        Mono<Customer> customer = partnerCenter.customer(request.tenant(), context);
        Mono<List<io.github.reselleroffboarding.partnercenter.model.Entitlement>> entitlements =
                partnerCenter.entitlements(request.tenant(), context).collectList();
        Mono<List<Subscription>> subscriptions = partnerCenter.subscriptions(request.tenant(), context)
                .collectList();
        return Mono.zip(customer, entitlements, subscriptions)
                .flatMap(read -> azurePlans(request, read.getT3(), context).map(plans -> new CustomerReads(
                        read.getT1(), read.getT2(), read.getT3(), plans)))
                .flatMap(reads -> {
                    Decision decision = rules.evaluate(reads, clock.instant());
                    if (request.preview()) {
                        return decision instanceof Decision.Gone gone
                                ? gone(request, history, patchRequestId, "the customer shows relationshipToPartner "
                                        + "none", true, gone.snapshot(), context).map(this::assessGone)
                                : Mono.just(rules.assess(decision, reads.customer().allowDelegatedAccess(),
                                        clock.instant()));
                    }
                    if (decision instanceof Decision.Block block) {
                        return Mono.just(rules.blocked(block, clock.instant()));
                    }
                    if (decision instanceof Decision.Gone gone) {
                        return gone(request, history, patchRequestId, "the customer shows relationshipToPartner "
                                + "none", true, gone.snapshot(), context);
                    }
                    return remove(request, history, (Decision.Remove) decision, context, patchRequestId, intent);
                })
                .onErrorResume(CustomerNotFoundException.class, notFound -> gone(request, history, patchRequestId,
                        describe(notFound), tenantKnown(notFound), CustomerSnapshot.NOT_READ, context)
                        .map(answer -> request.preview() ? assessGone(answer) : answer));
    }

    private Verdict assessGone(Verdict removalAnswer) {
        return rules.assessGone(removalAnswer, clock.instant());
    }

    private Mono<Map<String, List<AzureEntitlement>>> azurePlans(OffboardRequest request,
            List<Subscription> subscriptions, CallContext context) {
        return Flux.fromIterable(rules.azurePlansToRead(subscriptions))
                .flatMap(plan -> partnerCenter.azureEntitlements(request.tenant(), plan, context).collectList()
                        .map(azure -> Map.entry(plan, azure)), PLAN_READS)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Verdict> remove(OffboardRequest request, TenantHistory history, Decision.Remove evidence,
            CallContext context, String patchRequestId, Supplier<Mono<Void>> intent) {
        return intent.get()
                // the intent completes on the engine thread; the PATCH must not run there
                .publishOn(Schedulers.parallel())
                .then(patch(request, patchRequestId, context))
                .flatMap(answer -> {
                    PatchOutcome outcome = rules.patchAnswered(answer, evidence, patchRequestId, request.eventId(),
                            clock.instant());
                    if (outcome instanceof PatchOutcome.Unconfirmed unconfirmed) {
                        return Mono.error(new UnconfirmedRemovalException(unconfirmed.why()));
                    }
                    if (outcome instanceof PatchOutcome.NoRelationship none) {
                        return confirmGone(request, history, evidence, patchRequestId, none.said(), context,
                                Mono.error(new UnconfirmedRemovalException(none.said() + ", yet the customer still "
                                        + "shows a reseller relationship")));
                    }
                    if (outcome instanceof PatchOutcome.Refused refused) {
                        return confirmGone(request, history, evidence, patchRequestId, refused.said(), context,
                                Mono.just(refused.rejection()));
                    }
                    return Mono.just(((PatchOutcome.Answered) outcome).verdict());
                });
    }

    /**
     * After a PATCH answered "no relationship" or refused, one read decides: the relationship gone means it was
     * ended (by whom, the rules say); still there, {@code stillThere} is the answer.
     */
    private Mono<Verdict> confirmGone(OffboardRequest request, TenantHistory history, Decision.Remove evidence,
            String patchRequestId, String said, CallContext context, Mono<Verdict> stillThere) {
        return partnerCenter.customer(request.tenant(), context.forItem("confirm"))
                .flatMap(customer -> customer.relationshipToPartner() == RelationshipToPartner.NONE
                        ? gone(request, history, patchRequestId, said + "; a read after it shows relationshipToPartner "
                                + "none", true, evidence.snapshot(), context)
                        : stillThere)
                .onErrorResume(CustomerNotFoundException.class, notFound -> gone(request, history, patchRequestId,
                        said + "; a read after it: " + describe(notFound), tenantKnown(notFound), evidence.snapshot(),
                        context));
    }

    /** Partner Center knows no relationship: the rules say whose removal it was, with the activity log if needed. */
    private Mono<Verdict> gone(OffboardRequest request, TenantHistory history, String patchRequestId, String said,
            boolean tenantKnown, CustomerSnapshot snapshot, CallContext context) {
        Mono<ActivityLog> activity;
        if (!rules.needsActivityLog(request.eventId(), history)) {
            activity = Mono.just(new ActivityLog.Records(List.of()));
        } else if (!activityLogAvailable) {
            activity = Mono.just(new ActivityLog.Unavailable("this Partner Center cloud has no activity log"));
        } else {
            activity = partnerCenter.auditRecords(request.tenant(), rules.activityLogStart(clock.instant()), context)
                    .collectList().map(ActivityLog.Records::new);
        }
        return activity.map(log -> rules.customerGone(request.tenant(), request.eventId(), history, patchRequestId,
                said, tenantKnown, log, snapshot, clock.instant()));
    }

    /** The PATCH, its answer read as the rules need it; transient and auth failures stay errors. */
    private Mono<PatchAnswer> patch(OffboardRequest request, String patchRequestId, CallContext context) {
        return partnerCenter.removeResellerRelationship(request.tenant(), patchRequestId, context)
                .map(result -> (PatchAnswer) new PatchAnswer.Accepted(result.relationshipToPartner(),
                        result.msRequestId()))
                .onErrorResume(CustomerNotFoundException.class, gone -> Mono.just(new PatchAnswer.CustomerGone(
                        gone.httpStatus(), gone.errorCode().orElse(null))))
                .onErrorResume(PartnerCenterRejectedException.class, refused -> Mono.just(new PatchAnswer.Refused(
                        refused.httpStatus(), refused.errorCode().orElse(null), refused.description())));
    }

    /** The {@code MS-RequestId} of the removal PATCH of one attempt at a request. */
    public static String patchRequestId(CallContext context) {
        return context.msRequestId(Operation.REMOVE_RELATIONSHIP, 1);
    }

    /** 403 {@code 20002}: Partner Center knows the tenant, and that it has no relationship with this partner. */
    private static boolean tenantKnown(CustomerNotFoundException e) {
        return e.httpStatus() == 403;
    }

    public static String describe(CustomerNotFoundException e) {
        return "HTTP " + e.httpStatus() + e.errorCode().map(c -> ", code " + c).orElse("");
    }
}
