package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the {@link FailurePolicy}: schedules retries, dead-letters (into the next transaction) what may not
 * be retried, and holds requests at the {@link AuthGate} while Partner Center refuses our identity.
 */
final class FailureHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    private final FailurePolicy policy;
    private final RetryQueue retries;
    private final AuthGate authGate = new AuthGate();
    private final DeadLetters deadLetters;
    private final TransactionCommitter committer;
    private final LaneScheduler scheduler;
    private final Duration authProbeInterval;

    FailureHandler(FailurePolicy policy, RetryQueue retries, DeadLetters deadLetters, TransactionCommitter committer,
            LaneScheduler scheduler, Duration authProbeInterval) {
        this.policy = policy;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.committer = committer;
        this.scheduler = scheduler;
        this.authProbeInterval = authProbeInterval;
    }

    void failed(Work work, Throwable error) {
        FailurePolicy.Action action = policy.onFailure(work, error);
        if (action instanceof FailurePolicy.Action.Retry retry) {
            if (FailurePolicy.wasAnswered(error)) {
                // Partner Center answered this try: the next one is a new call and gets new MS-RequestIds
                work.generation++;
            }
            log.warn("{} failed ({}); retrying in {} ms, its tenant's later requests wait", work, error.getMessage(),
                    retry.delay().toMillis());
            retries.schedule(work, retry.delay());
        } else if (action instanceof FailurePolicy.Action.ParkForAuth park) {
            if (!authGate.isClosed()) {
                log.error("Partner Center refused our credentials; pausing consumption and probing every {} until "
                        + "it accepts them again: {}", authProbeInterval, error.getMessage());
            }
            if (authGate.park(work, park.why())) {
                retries.schedule(work, authProbeInterval);
            }
        } else {
            String why = ((FailurePolicy.Action.DeadLetter) action).why();
            log.error("Dead-lettering {} ({}): {}", work, why, error.toString());
            committer.output(work.partition, deadLetters.of(work.record, error), "dead_letters.failed");
            scheduler.finish(work);
        }
    }

    /** A call succeeded: if requests were parked for auth, they may all run again. */
    List<Work> succeeded() {
        if (!authGate.isClosed()) {
            return List.of();
        }
        List<Work> resume = authGate.open();
        log.info("Partner Center accepts our credentials again; resuming {} parked requests", resume.size());
        return resume;
    }

    /** Requests whose retry (or auth probe) is due. */
    List<Work> due() {
        return retries.due();
    }

    /** Why consumption is paused for everyone, while it is. */
    Optional<String> authProblem() {
        return authGate.problem();
    }

    /** Requests held at the auth gate, which a shutdown does not wait for. */
    int heldForAuth() {
        return authGate.held();
    }

    void forget(Collection<Work> works) {
        authGate.removeAll(works);
        retries.removeAll(works);
    }
}
