package io.github.reselleroffboarding.consumer.rules;

import java.util.ArrayList;
import java.util.List;

/** What the checks of one customer found so far: blockers, notices, and subscriptions that would be left. */
final class Findings {

    final List<Blocker> blockers = new ArrayList<>();
    final List<Blocker> notices = new ArrayList<>();
    final List<SubscriptionLeft> remaining = new ArrayList<>();
    int entitlementsChecked;

    /** A blocker, or a notice when the policy says this kind only needs reporting. */
    void add(Blocker blocker, boolean blocks) {
        (blocks ? blockers : notices).add(blocker);
    }
}
