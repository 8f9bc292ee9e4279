package io.github.reselleroffboarding.partnercenter.model;

/**
 * What Partner Center answered to the removal PATCH: an echo of the patched customer (ids null, per the docs'
 * example). The removal counts only when {@link #relationshipToPartner()} is {@code NONE}.
 */
public record RemovalResult(RelationshipToPartner relationshipToPartner) {

    @Override
    public RelationshipToPartner relationshipToPartner() {
        return relationshipToPartner == null ? RelationshipToPartner.UNKNOWN : relationshipToPartner;
    }

    public boolean removed() {
        return relationshipToPartner() == RelationshipToPartner.NONE;
    }
}
