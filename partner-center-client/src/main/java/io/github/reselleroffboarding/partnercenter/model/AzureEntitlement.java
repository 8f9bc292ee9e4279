package io.github.reselleroffboarding.partnercenter.model;

/**
 * An Azure subscription under an Azure plan ({@code GET .../subscriptions/{planId}/azureEntitlements}):
 * {@code subscriptionId} is the Azure subscription's id, {@code status} {@code active} until it is cancelled.
 */
public record AzureEntitlement(String id, String friendlyName, String status, String subscriptionId) {

    public boolean active() {
        return EnumText.normalize(status).equals("active");
    }
}
