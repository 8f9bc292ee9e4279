package io.github.reselleroffboarding.partnercenter.model;

public record CompanyProfile(String tenantId, String domain, String companyName) {
}
