package io.github.reselleroffboarding.consumer.processing;

import io.github.reselleroffboarding.consumer.rules.ActivityLog;
import io.github.reselleroffboarding.consumer.rules.CleanupPlan;
import io.github.reselleroffboarding.consumer.rules.CleanupReport;
import io.github.reselleroffboarding.consumer.rules.CustomerReads;
import io.github.reselleroffboarding.consumer.rules.CustomerSnapshot;
import io.github.reselleroffboarding.consumer.rules.Decision;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.PatchAnswer;
import io.github.reselleroffboarding.consumer.rules.PatchOutcome;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.partnercenter.CallContext;
import io.github.reselleroffboarding.partnercenter.CustomerNotFoundException;
import io.github.reselleroffboarding.partnercenter.GraphClient;
import io.github.reselleroffboarding.partnercenter.Operation;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import io.github.reselleroffboarding.partnercenter.PartnerCenterRejectedException;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.Customer;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The I/O of one valid request: the customer, its entitlements and its subscriptions (every page) read
 * concurrently, then the Azure subscriptions under each Azure plan; when the request consented to a clean-up and
 * the rules planned writes, the writes (recorded first), then every read again; the PATCH once the rules allow it
 * and the intent to remove is committed; a read to confirm a PATCH answered "no relationship"; the activity log when a
 * relationship is gone and this service did not end it. Every answer goes to {@link OffboardingRules}, which
 * decides the verdict; nothing here decides anything. A preview makes the same reads and never the PATCH. Emits nothing to Kafka. Transient and auth failures come out
 * as errors for the engine's failure policy.
 */
public final class RequestProcessor implements RequestHandler {

    /** The customer, its entitlements and its subscriptions: read together. */
    private static final int FIRST_READS = 3;
    /** Azure plans of one customer read at once. */
    private static final int PLAN_READS = 4;
    /** Clean-up writes of one customer sent at once. */
    private static final int WRITES = 4;
    /**
     * The most Partner Center calls one request has open at once; a connection pool smaller than this times the
     * in-flight cap makes a request the cap let in wait for a connection.
     */
    public static final int MOST_CALLS_AT_ONCE = Math.max(FIRST_READS, Math.max(PLAN_READS, WRITES));

    private final PartnerCenterClient partnerCenter;
    private final OffboardingRules rules;
    private final Clock clock;
    private final boolean activityLogAvailable;
    private final GdapTermination gdap;
    /** Rounds of clean-up writes in one request: Azure subscriptions, then their plan and what was held back. */
    private static final int ROUNDS = 3;

    /**
     * @param activityLogAvailable whether this cloud has Partner Center's activity log (21Vianet has none)
     */
    public RequestProcessor(PartnerCenterClient partnerCenter, OffboardingRules rules, Clock clock,
            boolean activityLogAvailable) {
        this(partnerCenter, null, rules, clock, activityLogAvailable);
    }

    /** @param graph Microsoft Graph, for GDAP clean-up; null when it is off */
    public RequestProcessor(PartnerCenterClient partnerCenter, GraphClient graph, OffboardingRules rules, Clock clock,
            boolean activityLogAvailable) {
        this.partnerCenter = partnerCenter;
        this.rules = rules;
        this.clock = clock;
        this.activityLogAvailable = activityLogAvailable;
        this.gdap = graph == null ? null : new GdapTermination(graph, rules, clock);
    }

    @Override
    public Mono<Verdict> process(OffboardRequest request, TenantHistory history, RequestAttempt attempt,
            Intents intents) {
        CallContext context = new CallContext(request.eventId(), request.correlationId(), attempt.idScope());
        return verdict(request, history, context, intents)
                .flatMap(verdict -> withGdap(request, history, context, intents, verdict));
    }

    /**
     * After a removal (this request's, or one found done), where the request asked for a clean-up and the policy
     * allows it: the partner's GDAP relationships with the customer are terminated; a preview says which would be.
     */
    private Mono<Verdict> withGdap(OffboardRequest request, TenantHistory history, CallContext context,
            Intents intents, Verdict verdict) {
        if (gdap == null) {
            return Mono.just(verdict);
        }
        if (verdict instanceof Verdict.Assessed assessed && rules.previewsGdap() && !assessed.alreadyRemoved()) {
            return gdap.preview(request, context).map(report -> verdict.withCleanupReport(assessed.cleanup()
                    .plus(report)));
        }
        if (verdict instanceof Verdict.Removed removed && rules.terminatesGdap(request)) {
            return gdap.afterRemoval(request, history, context, intents).map(report -> verdict.withCleanupReport(
                    removed.cleanup().plus(report)));
        }
        return Mono.just(verdict);
    }

    private Mono<Verdict> verdict(OffboardRequest request, TenantHistory history, CallContext context,
            Intents intents) {
        String patchRequestId = patchRequestId(context);
        return read(request, context)
                .flatMap(reads -> {
                    Instant now = clock.instant();
                    Decision decision = rules.evaluate(reads, now);
                    if (request.preview()) {
                        CleanupReport cleanup = rules.previewCleanup(request, decision, reads, now);
                        return (decision instanceof Decision.Gone gone
                                ? gone(request, history, patchRequestId, "the customer shows relationshipToPartner "
                                        + "none", true, gone.snapshot(), context).map(this::assessGone)
                                : Mono.just((Verdict) rules.assess(decision, reads.customer().allowDelegatedAccess(),
                                        now))).map(verdict -> verdict.withCleanupReport(cleanup));
                    }
                    CleanupPlan plan = decision instanceof Decision.Block block
                            ? rules.planCleanup(request, history, block, reads, now) : CleanupPlan.NOTHING;
                    if (!plan.writes().isEmpty()) {
                        return cleanUpThenDecide(request, history, plan, context, patchRequestId, intents);
                    }
                    // nothing to write now; writes of an earlier try whose effect shows are reported all the same
                    CleanupReport earlier = rules.cleanupReport(request, history, plan, List.of(), decision, reads,
                            now);
                    return decide(request, history, decision, context, patchRequestId, intents)
                            .map(verdict -> verdict.withCleanupReport(earlier));
                })
                .onErrorResume(CustomerNotFoundException.class, notFound -> gone(request, history, patchRequestId,
                        describe(notFound), tenantKnown(notFound), CustomerSnapshot.NOT_READ, context)
                        .map(answer -> request.preview() ? assessGone(answer) : answer));
    }

    /** The customer, its entitlements and its subscriptions (every page) at once, then its Azure plans. */
    private Mono<CustomerReads> read(OffboardRequest request, CallContext context) {
        Mono<Customer> customer = partnerCenter.customer(request.tenant(), context);
        Mono<List<io.github.reselleroffboarding.partnercenter.model.Entitlement>> entitlements =
                partnerCenter.entitlements(request.tenant(), context).collectList();
        Mono<List<Subscription>> subscriptions = partnerCenter.subscriptions(request.tenant(), context)
                .collectList();
        return Mono.zip(customer, entitlements, subscriptions)
                .flatMap(read -> azurePlans(request, read.getT3(), context).map(plans -> new CustomerReads(
                        read.getT1(), read.getT2(), read.getT3(), plans)));
    }

    /** What the rules decided: blocked, gone (find out who ended it), or the removal. */
    private Mono<Verdict> decide(OffboardRequest request, TenantHistory history, Decision decision,
            CallContext context, String patchRequestId, Intents intents) {
        if (decision instanceof Decision.Block block) {
            return Mono.just(rules.blocked(block, clock.instant()));
        }
        if (decision instanceof Decision.Gone gone) {
            return gone(request, history, patchRequestId, "the customer shows relationshipToPartner none", true,
                    gone.snapshot(), context);
        }
        return remove(request, history, (Decision.Remove) decision, context, patchRequestId, intents);
    }

    /**
     * The clean-up writes, recorded before any is sent; then every read again, and the rules decide on what they
     * show: the removal only when nothing blocks any more. What the read shows may call for writes the first plan
     * could not make (a plan is suspended only once its Azure subscriptions show cancelled; a suspension held
     * back while they were active): they go in another round, recorded first as well, up to {@link #ROUNDS}.
     */
    private Mono<Verdict> cleanUpThenDecide(OffboardRequest request, TenantHistory history, CleanupPlan plan,
            CallContext context, String patchRequestId, Intents intents) {
        return round(request, history, plan, List.of(), List.of(), 1, context, patchRequestId, intents);
    }

    private Mono<Verdict> round(OffboardRequest request, TenantHistory history, CleanupPlan plan,
            List<CleanupPlan.Write> sentBefore, List<CleanupReport.Taken> takenBefore, int round, CallContext context,
            String patchRequestId, Intents intents) {
        List<TenantHistory.RecordedAction> toRecord = plan.writes().stream().filter(CleanupPlan.Write::needsRecording)
                .map(write -> new TenantHistory.RecordedAction(request.eventId(), write.resourceId(),
                        write.action(), write.etag(), writeRequestId(context, write), clock.millis()))
                .toList();
        Mono<Void> recorded = toRecord.isEmpty() ? Mono.empty()
                // the intent completes on the engine thread; the writes must not run there
                : intents.actions(toRecord).publishOn(Schedulers.parallel());
        CallContext afterCleanup = context.forItem(round == 1 ? "after-cleanup" : "after-cleanup-" + round);
        List<CleanupPlan.Write> sent = concat(sentBefore, plan.writes());
        return recorded
                .thenMany(Flux.fromIterable(plan.writes()).flatMapSequential(write -> write(request, write, context),
                        WRITES))
                .collectList()
                .flatMap(taken -> read(request, afterCleanup).flatMap(after -> {
                    Instant now = clock.instant();
                    Decision next = rules.evaluate(after, now);
                    List<CleanupReport.Taken> allTaken = concat(takenBefore, taken);
                    if (next instanceof Decision.Block block && round < ROUNDS) {
                        CleanupPlan more = notSentYet(rules.planCleanup(request, history, block, after, now), sent);
                        if (!more.writes().isEmpty()) {
                            return round(request, history, more, sent, allTaken, round + 1, context, patchRequestId,
                                    intents);
                        }
                    }
                    CleanupReport report = rules.cleanupReport(request, history, new CleanupPlan(sent, plan.left()),
                            allTaken, next, after, now);
                    return decide(request, history, next, afterCleanup, patchRequestId, intents)
                            .map(verdict -> verdict.withCleanupReport(report));
                }));
    }

    /** The plan without the writes this request already sent: one answered is never sent twice in a request. */
    private static CleanupPlan notSentYet(CleanupPlan plan, List<CleanupPlan.Write> sent) {
        return new CleanupPlan(plan.writes().stream().filter(write -> sent.stream().noneMatch(done ->
                done.resourceId().equals(write.resourceId()) && done.action() == write.action())).toList(),
                plan.left());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new java.util.ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    /**
     * One clean-up write and Partner Center's answer. A 412 (the subscription changed since it was read) gets a
     * fresh read: done if it shows the effect, else the write once more with the fresh ETag.
     */
    private Mono<CleanupReport.Taken> write(OffboardRequest request, CleanupPlan.Write write, CallContext context) {
        String requestId = write.recordedRequestId() != null ? write.recordedRequestId()
                : writeRequestId(context, write);
        if (write.azure() != null) {
            return partnerCenter.cancelAzureSubscription(request.tenant(), write.subscription().id(),
                    write.azure().id(), requestId, context.forItem(write.resourceId()))
                    .then(Mono.fromSupplier(() -> rules.cleanupDone(write, requestId, clock.instant(), "Partner Center accepted the "
                            + "cancellation")))
                    .onErrorResume(PartnerCenterRejectedException.class, refused -> Mono.just(refusal(write,
                            requestId, refused)));
        }
        return send(request, write, requestId, context, "Partner Center confirmed it")
                .onErrorResume(PartnerCenterRejectedException.class, refused -> refused.httpStatus() != 412
                        ? Mono.just(refusal(write, requestId, refused))
                        : partnerCenter.subscription(request.tenant(), write.subscription().id(),
                                context.forItem("fresh"))
                                .flatMap(fresh -> {
                                    if (rules.cleanupApplied(fresh, write.action())) {
                                        return Mono.just(rules.cleanupDone(write, requestId, clock.instant(),
                                                "The subscription changed since it was read (HTTP 412); a fresh read "
                                                        + "shows it done"));
                                    }
                                    CleanupPlan.Write again = new CleanupPlan.Write(fresh, write.family(),
                                            write.action(), null);
                                    String freshId = writeRequestId(context.forItem("fresh"), again);
                                    return send(request, again, freshId, context, "Sent again with a fresh ETag "
                                            + "after HTTP 412; Partner Center confirmed it")
                                            .onErrorResume(PartnerCenterRejectedException.class,
                                                    second -> Mono.just(refusal(again, freshId, second)));
                                }));
    }

    private Mono<CleanupReport.Taken> send(OffboardRequest request, CleanupPlan.Write write, String requestId,
            CallContext context, String detail) {
        return partnerCenter.updateSubscription(request.tenant(), write.subscription(), change(write.action()),
                requestId, context.forItem(write.subscription().id()))
                .map(answered -> rules.cleanupDone(write, requestId, clock.instant(), detail));
    }

    private CleanupReport.Taken refusal(CleanupPlan.Write write, String requestId,
            PartnerCenterRejectedException refused) {
        return rules.cleanupRefused(write, requestId, clock.instant(), refused.httpStatus(),
                refused.errorCode().orElse(null), refused.description());
    }

    private static SubscriptionChange change(CleanupActionKind action) {
        return switch (action) {
            case SUSPEND -> SubscriptionChange.SUSPEND;
            case CANCEL -> SubscriptionChange.CANCEL;
            case TURN_OFF_AUTO_RENEW -> SubscriptionChange.AUTO_RENEW_OFF;
            default -> throw new IllegalArgumentException("no subscription write for " + action);
        };
    }

    /** The {@code MS-RequestId} of one clean-up write of one attempt at a request. */
    static String writeRequestId(CallContext context, CleanupPlan.Write write) {
        return context.forItem(write.resourceId() + ":" + write.action().name())
                .msRequestId(write.azure() != null ? Operation.CANCEL_AZURE_SUBSCRIPTION : Operation.UPDATE_SUBSCRIPTION,
                        1);
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
            CallContext context, String patchRequestId, Intents intents) {
        return intents.removal()
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
