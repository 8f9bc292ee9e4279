package io.github.reselleroffboarding.partnercenter.model;

import java.util.Optional;

/** The parts of a Partner Center customer this service reads ({@code allowDelegatedAccess} only on get-by-id). */
public record Customer(String id, CompanyProfile companyProfile, RelationshipToPartner relationshipToPartner,
        Boolean allowDelegatedAccess, String associatedPartnerId) {

    @Override
    public RelationshipToPartner relationshipToPartner() {
        return relationshipToPartner == null ? RelationshipToPartner.UNKNOWN : relationshipToPartner;
    }

    public Optional<String> companyName() {
        return Optional.ofNullable(companyProfile).map(CompanyProfile::companyName).filter(n -> !n.isBlank());
    }

    public Optional<String> domain() {
        return Optional.ofNullable(companyProfile).map(CompanyProfile::domain).filter(n -> !n.isBlank());
    }
}
