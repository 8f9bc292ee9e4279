package io.github.reselleroffboarding.consumer.rules;

/** What to do with a valid request when its turn comes. */
public enum Arrival {
    /** Check the customer in Partner Center and act on what it says. */
    EVALUATE,
    /** This request was answered before (published twice, or replayed after a crash): no second outcome. */
    ALREADY_ANSWERED
}
