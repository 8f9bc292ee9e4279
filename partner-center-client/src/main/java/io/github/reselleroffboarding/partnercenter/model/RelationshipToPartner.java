package io.github.reselleroffboarding.partnercenter.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The customer's relationship to this partner; {@link #NONE} once the reseller relationship is removed. */
public enum RelationshipToPartner {
    NONE, RESELLER, ADVISOR, SYNDICATION, MICROSOFT_SUPPORT, UNKNOWN;

    @JsonCreator
    public static RelationshipToPartner from(String value) {
        String normalized = EnumText.normalize(value);
        for (RelationshipToPartner relationship : values()) {
            if (relationship != UNKNOWN && EnumText.normalize(relationship.name()).equals(normalized)) {
                return relationship;
            }
        }
        return UNKNOWN;
    }
}
