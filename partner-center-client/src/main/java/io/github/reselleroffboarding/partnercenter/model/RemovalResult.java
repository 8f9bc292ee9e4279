package io.github.reselleroffboarding.partnercenter.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What Partner Center answered to the removal PATCH: an echo of the patched customer (ids null, per the docs'
 * example). The removal counts only when {@link #relationshipToPartner()} is {@code NONE}.
 *
 * @param msRequestId the {@code MS-RequestId} of the PATCH that got this answer (set by the client, not read)
 */
public record RemovalResult(RelationshipToPartner relationshipToPartner,
        @JsonIgnore String msRequestId) {

    /** The same answer, recorded as the answer to the PATCH sent with {@code requestId}. */
    public RemovalResult sentAs(String requestId) {
        return new RemovalResult(relationshipToPartner, requestId);
    }

    @Override
    public RelationshipToPartner relationshipToPartner() {
        return relationshipToPartner == null ? RelationshipToPartner.UNKNOWN : relationshipToPartner;
    }

    public boolean removed() {
        return relationshipToPartner() == RelationshipToPartner.NONE;
    }
}
