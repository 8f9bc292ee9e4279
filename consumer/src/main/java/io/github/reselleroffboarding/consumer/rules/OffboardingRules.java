package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.GdapRelationship;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Every outcome the service publishes is decided here, as pure functions of the request, what Partner Center
 * answered and what the service remembers about the tenant: no I/O, no clock of its own, no Kafka. The I/O code
 * fetches and sends; it hands every answer to these rules and publishes what they return.
 *
 * <ul>
 *   <li><b>Invalid requests</b> (tenant id not a GUID, a required field empty) are blocked as
 *       {@code INVALID_REQUEST} before anything is sent to Partner Center; they are remembered, so a second
 *       copy gets no second answer, when they have an event id and a tenant key of at most 128 characters.</li>
 *   <li><b>Replays</b>: a request the tenant's history shows as answered gets no second outcome.</li>
 *   <li><b>The customer</b>: one whose relationship to this partner is not {@code reseller} is not PATCHed
 *       ({@code NOT_A_RESELLER_CUSTOMER}; {@code none} means it is gone, see below).</li>
 *   <li><b>Blockers</b>, by product family ({@link SubscriptionRules}, {@link EntitlementRules}, the policy in
 *       {@link FamilyPolicy}): each says what clears it, until when, and when it ends by itself. Every blocker is
 *       reported, not only the first; what does not block but matters (software) is a notice.</li>
 *   <li><b>The PATCH answer</b> ({@link RemovalAnswers}): only {@code relationshipToPartner: none} confirms it;
 *       any other 2xx is not confirmed and the request is evaluated again; 404 or 403 {@code 20002} is checked by
 *       a read; every refusal is {@code REMOVAL_REJECTED} with Partner Center's code and description, unless a
 *       read right after it finds the relationship ended by someone else.</li>
 *   <li><b>A relationship gone</b>: this request's when its intent to remove was committed (a crash, a rebalance
 *       or a timeout after the PATCH went out), an earlier request's when this service removed it before, else
 *       whoever the activity log names; with no record of a removal, {@code CUSTOMER_NOT_FOUND}.</li>
 * </ul>
 */
public final class OffboardingRules {

    /** How far back the activity log is asked: Partner Center refuses a start more than 90 days back. */
    static final int ACTIVITY_LOG_DAYS = 89;

    private final FamilyPolicy policy;
    private final RequestValidator validator = new RequestValidator();
    private final RemovalAnswers removalAnswers = new RemovalAnswers();
    private final SubscriptionRules subscriptionRules;
    private final EntitlementRules entitlementRules;
    private final CleanupPolicy cleanupPolicy;
    private final CleanupPlanner cleanup;
    private final GdapRules gdap = new GdapRules();

    /** Rules with no clean-up. */
    public OffboardingRules(FamilyPolicy policy) {
        this(policy, CleanupPolicy.OFF);
    }

    public OffboardingRules(FamilyPolicy policy, CleanupPolicy cleanupPolicy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cleanupPolicy = Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        this.subscriptionRules = new SubscriptionRules(policy);
        this.entitlementRules = new EntitlementRules(policy);
        this.cleanup = new CleanupPlanner(cleanupPolicy);
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    /**
     * The clean-up writes for a blocked customer, and what they leave ({@link CleanupPlanner}); nothing to send
     * unless the request consented and the policy allows it.
     */
    public CleanupPlan planCleanup(OffboardRequest request, TenantHistory history, Decision.Block block,
            CustomerReads reads, Instant now) {
        return cleanup.plan(block, reads, request.cleanup(), history.actionsRecordedBy(request.eventId()), now);
    }

    /** A preview's clean-up: what a clean-up would send and leave, as if the request had consented. */
    public CleanupReport previewCleanup(OffboardRequest request, Decision decision, CustomerReads reads,
            Instant now) {
        if (!(decision instanceof Decision.Block block) || !cleanup.reports(request.cleanup())) {
            return CleanupReport.NONE;
        }
        CleanupPlan plan = cleanup.plan(block, reads, true, List.of(), now);
        return new CleanupReport(plan.writes().stream().map(CleanupPlanner::planned).toList(), plan.left());
    }

    /**
     * The clean-up as the outcome reports it, once the writes were answered and the customer read again.
     *
     * @param taken the writes sent in this try, answered
     * @param after the customer as read after them; null when no write was sent (the first read stands)
     */
    public CleanupReport cleanupReport(OffboardRequest request, TenantHistory history, CleanupPlan plan,
            List<CleanupReport.Taken> taken, Decision after, CustomerReads afterReads, Instant now) {
        List<CleanupReport.Taken> all = new java.util.ArrayList<>(cleanup.doneEarlier(history.actionsRecordedBy(
                request.eventId()), afterReads, plan.writes()));
        all.addAll(taken);
        return new CleanupReport(all, taken.isEmpty() ? plan.left() : cleanup.settle(plan, taken, after, now));
    }

    /** Whether a read of the subscription shows what the clean-up write does (suspended, cancelled, no renewal). */
    public boolean cleanupApplied(io.github.reselleroffboarding.partnercenter.model.Subscription subscription,
            io.github.reselleroffboarding.events.CleanupActionKind action) {
        return CleanupPlanner.shows(subscription, action);
    }

    /** Whether, after a removal, the partner's GDAP relationships with the customer are to be terminated. */
    public boolean terminatesGdap(OffboardRequest request) {
        return request.cleanup() && cleanupPolicy.terminateGdap();
    }

    /** Whether a preview says what a GDAP clean-up would do. */
    public boolean previewsGdap() {
        return cleanupPolicy.terminateGdap();
    }

    /** Which GDAP relationships to terminate, and what is known already ({@link GdapRules}). */
    public GdapPlan planGdap(OffboardRequest request, TenantHistory history,
            List<GdapRelationship> listed) {
        return gdap.plan(listed, history.actionsRecordedBy(request.eventId()));
    }

    /** A terminate request answered, and the relationship as read after it. */
    public CleanupReport gdapTerminated(GdapRelationship after,
            String requestId, Instant at, boolean accepted) {
        return gdap.terminated(after, requestId, at, accepted);
    }

    /** A terminate request accepted whose relationship could not be read back. */
    public CleanupReport gdapUnconfirmed(GdapRelationship
            relationship, String requestId, Instant at, String why) {
        return gdap.unconfirmed(relationship, requestId, at, why);
    }

    /** Graph could not be asked: for one relationship, or (null) for the list itself. */
    public CleanupReport gdapUnavailable(GdapRelationship
            relationship, String code, String why) {
        return gdap.unavailable(relationship, code, why);
    }

    /** A preview's GDAP clean-up: the active relationships a clean-up would terminate. */
    public CleanupReport previewGdap(List<GdapRelationship> listed) {
        return gdap.preview(listed);
    }

    /** A clean-up write Partner Center answered with the subscription: done. */
    public CleanupReport.Taken cleanupDone(CleanupPlan.Write write, String msRequestId, Instant at, String detail) {
        return new CleanupReport.Taken(write.action(), io.github.reselleroffboarding.events.CleanupResult.DONE,
                write.resourceId(), write.resourceName(), write.family(), msRequestId, at, null,
                detail);
    }

    /** A clean-up write Partner Center refused, with its code and description. */
    public CleanupReport.Taken cleanupRefused(CleanupPlan.Write write, String msRequestId, Instant at, int status,
            String code, String description) {
        return new CleanupReport.Taken(write.action(), io.github.reselleroffboarding.events.CleanupResult.REFUSED,
                write.resourceId(), write.resourceName(), write.family(), msRequestId, at, code,
                "HTTP " + status + (code == null ? "" : ", code " + code) + ": " + description);
    }

    public FamilyPolicy policy() {
        return policy;
    }

    /** Checks the request itself; nothing may go to Partner Center unless it is valid. */
    public Validation validate(CustomerOffboardRequested request) {
        return validator.validate(request);
    }

    /** An invalid request, answered without asking Partner Center (an assessment when it asked for a preview). */
    public Verdict rejectInvalid(Validation.Invalid invalid, Instant now) {
        Blocker why = new Blocker(BlockReasonCode.INVALID_REQUEST,
                String.join("; ", invalid.problems()) + "; nothing was sent to Partner Center", null, null);
        return invalid.preview() ? Assessments.invalid(why, now)
                : Verdict.blocked(List.of(why), CustomerSnapshot.NOT_READ, now);
    }

    /** Whether the answer to an invalid request is remembered in the tenant's history. */
    public boolean remembers(Validation.Invalid invalid) {
        return validator.remembers(invalid);
    }

    /** A request whose turn has come: answered before, or to be evaluated. */
    public Arrival onArrival(String requestEventId, TenantHistory history) {
        return history.hasAnswered(requestEventId) ? Arrival.ALREADY_ANSWERED : Arrival.EVALUATE;
    }

    /** The subscriptions whose Azure subscriptions must be read before {@link #evaluate}: the Azure plans. */
    public List<String> azurePlansToRead(List<Subscription> subscriptions) {
        return subscriptions.stream().filter(subscriptionRules::isAzurePlanToRead).map(Subscription::id)
                .filter(Objects::nonNull).distinct().toList();
    }

    /** The verdict on a customer Partner Center knows, from everything read about it. */
    public Decision evaluate(CustomerReads reads, Instant now) {
        Objects.requireNonNull(now, "now");
        CustomerSnapshot snapshot = CustomerSnapshot.of(reads.customer());
        RelationshipToPartner relationship = reads.customer().relationshipToPartner();
        if (relationship == RelationshipToPartner.NONE) {
            return new Decision.Gone(snapshot);
        }
        if (relationship != RelationshipToPartner.RESELLER) {
            return new Decision.Block(List.of(new Blocker(BlockReasonCode.NOT_A_RESELLER_CUSTOMER, "The customer's "
                    + "relationship to this partner is " + snapshot.relationshipBefore() + ", not reseller; there is "
                    + "no reseller relationship to remove", reads.customer().id(), snapshot.companyName())),
                    snapshot);
        }
        Findings findings = new Findings();
        entitlementRules.judgeAll(reads.entitlements(), now, findings);
        for (Subscription subscription : reads.subscriptions()) {
            subscriptionRules.judge(subscription, reads.azurePlans().get(subscription.id()), now, findings);
        }
        if (!findings.blockers.isEmpty()) {
            return new Decision.Block(findings.blockers, findings.notices, findings.remaining, snapshot);
        }
        return new Decision.Remove(reads.subscriptions().size(), findings.entitlementsChecked, findings.remaining,
                findings.notices, snapshot);
    }

    /**
     * A preview's answer for a customer Partner Center holds a relationship with: what {@link #evaluate} found,
     * nothing sent.
     *
     * @param decision a {@link Decision.Remove} or {@link Decision.Block} from {@link #evaluate}
     * @param delegatedAccess the customer's {@code allowDelegatedAccess}, null when Partner Center did not say
     */
    public Verdict.Assessed assess(Decision decision, Boolean delegatedAccess, Instant now) {
        return Assessments.of(decision, delegatedAccess, now);
    }

    /** A preview's answer for a customer Partner Center holds no relationship with: what a removal would answer. */
    public Verdict.Assessed assessGone(Verdict removalAnswer, Instant now) {
        return Assessments.gone(removalAnswer, now);
    }

    /** The checks found a blocker: the answer. */
    public Verdict blocked(Decision.Block block, Instant now) {
        return Verdict.blocked(block.blockers(), block.snapshot(), now);
    }

    /**
     * What Partner Center's answer to this request's PATCH means.
     *
     * @param evidence what the checks before the PATCH found
     * @param patchRequestId the {@code MS-RequestId} the PATCH carried
     */
    public PatchOutcome patchAnswered(PatchAnswer answer, Decision.Remove evidence, String patchRequestId,
            String requestEventId, Instant now) {
        return removalAnswers.patchAnswered(answer, evidence, patchRequestId, requestEventId, now);
    }

    /** Whether the activity log must be read to tell who ended a relationship found gone. */
    public boolean needsActivityLog(String requestEventId, TenantHistory history) {
        return removalAnswers.needsActivityLog(requestEventId, history);
    }

    /** The first day the activity log is asked about. */
    public LocalDate activityLogStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(ACTIVITY_LOG_DAYS);
    }

    /**
     * Partner Center knows no relationship with the customer: 404 or 403 {@code 20002} on a read, or the customer
     * shown with {@code relationshipToPartner: none}.
     *
     * @param history what this service remembers about the tenant, as of this attempt
     * @param patchRequestId the {@code MS-RequestId} this request's PATCH carries (had it been sent)
     * @param tenantKnown Partner Center knows the tenant and says there is no relationship (403 {@code 20002},
     *     or {@code none} on the customer), rather than not knowing it (404)
     * @param activity the activity log when {@link #needsActivityLog} asked for it
     * @param snapshot the customer as read, or {@link CustomerSnapshot#NOT_READ}
     */
    public Verdict customerGone(TenantId tenant, String requestEventId, TenantHistory history, String patchRequestId,
            String partnerCenterSaid, boolean tenantKnown, ActivityLog activity, CustomerSnapshot snapshot,
            Instant now) {
        return removalAnswers.customerGone(tenant, requestEventId, history, patchRequestId, partnerCenterSaid,
                tenantKnown, activity, snapshot, now);
    }
}
