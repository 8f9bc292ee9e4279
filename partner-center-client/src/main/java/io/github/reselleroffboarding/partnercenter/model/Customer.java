package io.github.reselleroffboarding.partnercenter.model;

/** The parts of a Partner Center customer this service reads. */
public record Customer(String id, CompanyProfile companyProfile, RelationshipToPartner relationshipToPartner) {

    @Override
    public RelationshipToPartner relationshipToPartner() {
        return relationshipToPartner == null ? RelationshipToPartner.UNKNOWN : relationshipToPartner;
    }
}
