package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.Customer;
import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything Partner Center said about one customer before a removal: the customer itself, every entitlement and
 * subscription (every page), and the Azure subscriptions under each Azure plan, by the plan's subscription id.
 */
public record CustomerReads(Customer customer, List<Entitlement> entitlements, List<Subscription> subscriptions,
        Map<String, List<AzureEntitlement>> azurePlans) {

    public CustomerReads {
        Objects.requireNonNull(customer, "customer");
        entitlements = List.copyOf(entitlements);
        subscriptions = List.copyOf(subscriptions);
        azurePlans = Map.copyOf(azurePlans);
    }
}
