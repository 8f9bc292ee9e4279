package io.github.reselleroffboarding.partnercenter.model;

public record ReferenceOrder(String id, String lineItemId, String alternateId) {
}
