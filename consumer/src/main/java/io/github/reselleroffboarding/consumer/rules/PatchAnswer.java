package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;

/** What Partner Center answered to the removal PATCH, as the rules read it. */
public sealed interface PatchAnswer {

    /**
     * 2xx with the patched customer; {@code relationshipToPartner} as Partner Center echoed it.
     *
     * @param msRequestId the {@code MS-RequestId} of the PATCH that got this answer (null when not known)
     */
    record Accepted(RelationshipToPartner relationshipToPartner, String msRequestId) implements PatchAnswer {

        public Accepted(RelationshipToPartner relationshipToPartner) {
            this(relationshipToPartner, null);
        }
    }

    /** 404, or 403 {@code 20002}: Partner Center no longer knows the customer. */
    record CustomerGone(int httpStatus, String code) implements PatchAnswer {
    }

    /** A definite refusal (4xx with a body), with Partner Center's code and description. */
    record Refused(int httpStatus, String code, String description) implements PatchAnswer {
    }
}
