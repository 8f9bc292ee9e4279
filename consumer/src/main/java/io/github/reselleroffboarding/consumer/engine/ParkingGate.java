package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.health.ServiceHealth.Pause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * While Partner Center refuses our identity, or is failing for everyone, requests are parked here instead of
 * failing one by one and spending their retry budgets: one of them probes, the others wait; the first success
 * lets them all go again, with their budgets whole.
 */
final class ParkingGate {

    private final List<Work> parked = new ArrayList<>();
    private Work probe;
    private String problem;
    private Pause cause;

    /**
     * Parks {@code work}, refused by Partner Center for {@code why}.
     *
     * @return true when {@code work} is the probe and should be tried again after the probe interval
     */
    boolean park(Work work, String why, Pause cause) {
        if (problem == null) {
            problem = why;
            this.cause = cause;
        }
        if (probe == null || probe == work) {
            probe = work;
            return true;
        }
        parked.add(work);
        return false;
    }

    boolean isClosed() {
        return problem != null;
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    Optional<Pause> cause() {
        return Optional.ofNullable(cause);
    }

    /** Partner Center answered again: every parked request may run. The probe is already running. */
    List<Work> open() {
        List<Work> resume = new ArrayList<>(parked);
        parked.clear();
        // the time spent here was Partner Center's problem, not the request's
        resume.forEach(Work::forgetFailures);
        if (probe != null) {
            probe.forgetFailures();
        }
        probe = null;
        problem = null;
        cause = null;
        return resume;
    }

    /** Requests held here (parked or probing), which a shutdown does not wait for. */
    int held() {
        return parked.size() + (probe == null ? 0 : 1);
    }

    void removeAll(Collection<Work> works) {
        parked.removeAll(works);
        if (probe != null && works.contains(probe)) {
            probe = null;
        }
    }
}
