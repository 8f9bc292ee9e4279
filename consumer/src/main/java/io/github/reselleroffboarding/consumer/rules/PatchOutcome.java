package io.github.reselleroffboarding.consumer.rules;

/** What a PATCH answer means: an answer to publish, or a removal not confirmed yet, to evaluate again. */
public sealed interface PatchOutcome {

    record Answered(Verdict verdict) implements PatchOutcome {
    }

    /** Partner Center accepted the PATCH without saying the relationship is gone; the request is tried again. */
    record Unconfirmed(String why) implements PatchOutcome {
    }
}
