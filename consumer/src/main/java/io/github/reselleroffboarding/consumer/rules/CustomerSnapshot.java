package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.partnercenter.model.Customer;
import java.util.Locale;

/** The customer as Partner Center described it before any PATCH, for the audit trail; null fields were not read. */
public record CustomerSnapshot(String companyName, String domain, String relationshipBefore) {

    public static final CustomerSnapshot NOT_READ = new CustomerSnapshot(null, null, null);

    public static CustomerSnapshot of(Customer customer) {
        return new CustomerSnapshot(customer.companyName().orElse(null), customer.domain().orElse(null),
                customer.relationshipToPartner().name().toLowerCase(Locale.ROOT));
    }
}
