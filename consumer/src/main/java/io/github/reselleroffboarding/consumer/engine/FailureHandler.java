package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.health.ServiceHealth.Pause;
import io.github.reselleroffboarding.consumer.metrics.Tally;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the {@link FailurePolicy}: schedules retries, dead-letters (into the next transaction) what may not
 * be retried, and holds requests at the {@link ParkingGate} while Partner Center refuses our identity or, as the
 * {@link OutageDetector} sees it, is failing for everyone: then no request spends its retry budget, one probes,
 * and all resume when Partner Center answers again.
 */
final class FailureHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    private final FailurePolicy policy;
    private final RetryQueue retries;
    private final ParkingGate gate = new ParkingGate();
    private final OutageDetector outages;
    private final DeadLetters deadLetters;
    private final TransactionCommitter committer;
    private final LaneScheduler scheduler;
    private final Duration authProbeInterval;
    private final Duration outageProbeInterval;

    FailureHandler(FailurePolicy policy, RetryQueue retries, OutageDetector outages, DeadLetters deadLetters,
            TransactionCommitter committer, LaneScheduler scheduler, Duration authProbeInterval,
            Duration outageProbeInterval) {
        this.policy = policy;
        this.retries = retries;
        this.outages = outages;
        this.deadLetters = deadLetters;
        this.committer = committer;
        this.scheduler = scheduler;
        this.authProbeInterval = authProbeInterval;
        this.outageProbeInterval = outageProbeInterval;
    }

    void failed(Work work, Throwable error) {
        boolean transientFailure = FailurePolicy.isTransient(error);
        if (transientFailure) {
            outages.failedTransiently(work.tenantKey);
        }
        if (FailurePolicy.wasAnswered(error)) {
            // Partner Center answered this try: the next one is a new call and gets new MS-RequestIds
            work.generation++;
        }
        Optional<String> outage = transientFailure ? outages.outage() : Optional.empty();
        if (outage.isPresent() || (transientFailure && gate.isClosed())) {
            park(work, "Partner Center is failing for everyone (" + outage.orElse("another request is probing")
                    + "; last: " + error.getMessage() + ")", Pause.OUTAGE, outageProbeInterval);
            return;
        }
        FailurePolicy.Action action = policy.onFailure(work, error);
        if (action instanceof FailurePolicy.Action.Retry retry) {
            log.warn("{} failed ({}); retrying in {} ms, its tenant's later requests wait", work, error.getMessage(),
                    retry.delay().toMillis());
            retries.schedule(work, retry.delay());
        } else if (action instanceof FailurePolicy.Action.ParkForAuth auth) {
            park(work, auth.why(), Pause.AUTH, authProbeInterval);
        } else {
            FailurePolicy.Action.DeadLetter deadLetter = (FailurePolicy.Action.DeadLetter) action;
            log.error("Dead-lettering {} ({}): {}", work, deadLetter.why(), error.toString());
            committer.output(work.partition, deadLetters.of(work.record, error),
                    new Tally.DeadLetter(deadLetter.cause()), work.trace);
            scheduler.finish(work);
        }
    }

    private void park(Work work, String why, Pause cause, Duration probeInterval) {
        if (!gate.isClosed()) {
            log.error("Pausing consumption; one request probes every {} until Partner Center answers again: {}",
                    probeInterval, why);
        }
        if (gate.park(work, why, cause)) {
            retries.schedule(work, probeInterval);
        }
    }

    /** A request got its answer: if requests were parked, they may all run again. */
    List<Work> succeeded(Work work) {
        outages.succeeded(work.tenantKey);
        if (!gate.isClosed()) {
            return List.of();
        }
        outages.reset();
        List<Work> resume = gate.open();
        log.info("Partner Center answers again; resuming {} parked requests", resume.size());
        return resume;
    }

    /** Requests whose retry (or probe) is due. */
    List<Work> due() {
        return retries.due();
    }

    /** Why consumption is paused for everyone, while it is. */
    Optional<String> pausedForEveryone() {
        return gate.problem();
    }

    /** Why consumption is held back for everyone, while it is. */
    Optional<Pause> pauseCause() {
        return gate.cause();
    }

    /** Requests held at the gate, which a shutdown does not wait for. */
    int parked() {
        return gate.held();
    }

    void forget(Collection<Work> works) {
        gate.removeAll(works);
        retries.removeAll(works);
    }
}
