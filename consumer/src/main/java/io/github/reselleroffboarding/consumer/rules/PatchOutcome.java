package io.github.reselleroffboarding.consumer.rules;

/** What a PATCH answer means: an answer to publish, a removal to check again, or a customer to confirm gone. */
public sealed interface PatchOutcome {

    record Answered(Verdict verdict) implements PatchOutcome {
    }

    /** Partner Center accepted the PATCH without saying the relationship is gone; the request is tried again. */
    record Unconfirmed(String why) implements PatchOutcome {
    }

    /**
     * Partner Center answered the PATCH as if it knew no relationship (404, 403 {@code 20002}): not a
     * confirmation of this PATCH; a read decides whether the relationship is gone, and the activity log who ended it.
     */
    record NoRelationship(String said) implements PatchOutcome {
    }

    /**
     * Partner Center refused the PATCH. A refusal is never a removal; but one of them ({@code 3000}, "the
     * relationship does not exist") is also what a relationship ended by someone else a moment ago answers, so a
     * read decides: the relationship gone means it was ended elsewhere; still there, {@code rejection} is the answer.
     */
    record Refused(String said, Verdict.Blocked rejection) implements PatchOutcome {
    }
}
