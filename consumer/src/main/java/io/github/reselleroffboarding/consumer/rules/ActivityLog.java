package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.partnercenter.model.AuditRecord;
import io.github.reselleroffboarding.partnercenter.model.EnumText;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What Partner Center's activity log says about a customer, or why it cannot be asked. */
public sealed interface ActivityLog {

    /** The operation type of a removed reseller relationship ({@code RemovePartnerCustomerRelationship}). */
    String REMOVAL = "removepartnercustomerrelationship";

    /** The records of the last 90 days for the customer. */
    record Records(List<AuditRecord> records) implements ActivityLog {

        public Records {
            records = List.copyOf(records);
        }

        /** The latest removal of the relationship that did not fail. */
        Optional<AuditRecord> latestRemoval() {
            return records.stream()
                    .filter(r -> EnumText.normalize(r.operationType()).equals(REMOVAL) && !r.failed())
                    .max(Comparator.comparing(r -> r.operationDate() == null ? java.time.Instant.MIN
                            : r.operationDate()));
        }
    }

    /** This cloud has no activity log (Partner Center operated by 21Vianet). */
    record Unavailable(String why) implements ActivityLog {
    }
}
