package io.github.reselleroffboarding.consumer.state;

import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this service remembers about one tenant, written to the state topic in the same transaction as the
 * outcome it goes with:
 * <ul>
 *   <li>the requests already answered (their {@code eventId}s, the most recent {@value #ANSWERED_KEPT}), so a
 *       request published twice gets one outcome;</li>
 *   <li>whether, when and by which request this service removed the relationship, so a later request gets
 *       {@code alreadyRemoved=true} and no second PATCH;</li>
 *   <li>a removal in progress (the intent, committed before the PATCH is sent, with the attempt generation its
 *       {@code MS-RequestId} comes from), so after a crash between the PATCH and its outcome the request is known
 *       to have removed it, and a PATCH sent again carries the id Partner Center may have seen;</li>
 *   <li>the clean-up writes of requests not answered yet, each committed before it is sent, so after a crash a
 *       write is recognised and not sent as a new one.</li>
 * </ul>
 */
public record TenantState(Long removedAtMillis, String removedByRequestEventId, String intentRequestEventId,
        Long intentAtMillis, Integer intentGeneration, List<Answered> answered, List<RecordedAction> actions)
        implements TenantHistory {

    public static final int ANSWERED_KEPT = 64;
    public static final TenantState EMPTY = new TenantState(null, null, null, null, null, List.of(), List.of());

    /** A request answered for this tenant. */
    public record Answered(String eventId, String outcome, long atMillis) {
    }

    public TenantState {
        answered = answered == null ? List.of() : List.copyOf(answered);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A state with no clean-up writes recorded. */
    public TenantState(Long removedAtMillis, String removedByRequestEventId, String intentRequestEventId,
            Long intentAtMillis, Integer intentGeneration, List<Answered> answered) {
        this(removedAtMillis, removedByRequestEventId, intentRequestEventId, intentAtMillis, intentGeneration,
                answered, List.of());
    }

    @Override
    public List<RecordedAction> actionsRecordedBy(String eventId) {
        return eventId == null ? List.of() : actions.stream().filter(a -> a.eventId().equals(eventId)).toList();
    }

    /** The clean-up writes {@code recorded} are about to be sent: remembered before they are. */
    public TenantState withActions(List<RecordedAction> recorded) {
        List<RecordedAction> next = new ArrayList<>(actions);
        for (RecordedAction action : recorded) {
            next.removeIf(a -> a.eventId().equals(action.eventId()) && a.resourceId().equals(action.resourceId())
                    && a.action() == action.action());
            next.add(action);
        }
        return new TenantState(removedAtMillis, removedByRequestEventId, intentRequestEventId, intentAtMillis,
                intentGeneration, answered, next);
    }

    @Override
    public boolean hasAnswered(String eventId) {
        return eventId != null && answered.stream().anyMatch(a -> a.eventId().equals(eventId));
    }

    @Override
    public boolean removalStartedBy(String eventId) {
        return eventId != null && eventId.equals(intentRequestEventId);
    }

    @Override
    public Optional<PriorRemoval> removedBy() {
        return removedAtMillis == null ? Optional.empty()
                : Optional.of(new PriorRemoval(removedByRequestEventId, Instant.ofEpochMilli(removedAtMillis)));
    }

    /**
     * One tenant's state from two places (its state was split by added partitions): every answered request of
     * both (the most recent {@value #ANSWERED_KEPT}), the first removal this service made, and the later intent.
     */
    public TenantState merge(TenantState other) {
        java.util.Map<String, Answered> byEvent = new java.util.LinkedHashMap<>();
        java.util.stream.Stream.concat(answered.stream(), other.answered.stream())
                .sorted(java.util.Comparator.comparingLong(Answered::atMillis))
                .forEach(a -> byEvent.putIfAbsent(a.eventId(), a));
        List<Answered> all = new ArrayList<>(byEvent.values());
        if (all.size() > ANSWERED_KEPT) {
            all = all.subList(all.size() - ANSWERED_KEPT, all.size());
        }
        boolean ours = removedAtMillis != null && (other.removedAtMillis == null
                || removedAtMillis <= other.removedAtMillis);
        TenantState removal = ours || other.removedAtMillis == null ? this : other;
        boolean ourIntent = intentRequestEventId != null && (other.intentAtMillis == null
                || (intentAtMillis != null && intentAtMillis >= other.intentAtMillis));
        TenantState intent = ourIntent || other.intentRequestEventId == null ? this : other;
        java.util.Map<String, RecordedAction> writes = new java.util.LinkedHashMap<>();
        java.util.stream.Stream.concat(actions.stream(), other.actions.stream())
                .forEach(a -> writes.putIfAbsent(a.eventId() + "/" + a.resourceId() + "/" + a.action(), a));
        java.util.Set<String> answeredIds = new java.util.HashSet<>();
        all.forEach(a -> answeredIds.add(a.eventId()));
        return new TenantState(removal.removedAtMillis, removal.removedByRequestEventId, intent.intentRequestEventId,
                intent.intentAtMillis, intent.intentGeneration, all, writes.values().stream()
                        .filter(a -> !answeredIds.contains(a.eventId())).toList());
    }

    /** The attempt generation of this request's committed intent, or 0 when the intent is not its own. */
    public int intentGenerationFor(String eventId) {
        return removalStartedBy(eventId) && intentGeneration != null ? intentGeneration : 0;
    }

    public TenantState withIntent(String eventId, int generation, Instant at) {
        return new TenantState(removedAtMillis, removedByRequestEventId, eventId, at.toEpochMilli(),
                generation == 0 ? null : generation, answered, actions);
    }

    /**
     * The request was answered; a removal it made (if any) is remembered, its intent and its clean-up writes
     * cleared (its outcome lists them).
     */
    public TenantState withAnswer(String eventId, String outcome, Instant at, boolean removedByThisRequest) {
        List<Answered> next = new ArrayList<>(answered);
        next.add(new Answered(eventId, outcome, at.toEpochMilli()));
        if (next.size() > ANSWERED_KEPT) {
            next = next.subList(next.size() - ANSWERED_KEPT, next.size());
        }
        boolean clearsIntent = eventId != null && eventId.equals(intentRequestEventId);
        return new TenantState(
                removedByThisRequest ? Long.valueOf(at.toEpochMilli()) : removedAtMillis,
                removedByThisRequest ? eventId : removedByRequestEventId,
                clearsIntent ? null : intentRequestEventId,
                clearsIntent ? null : intentAtMillis,
                clearsIntent ? null : intentGeneration,
                next,
                eventId == null ? actions : actions.stream().filter(a -> !a.eventId().equals(eventId)).toList());
    }
}
