package io.github.reselleroffboarding.partnercenter.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a customer's subscription this service reads: what it is (the fields that tell a product family
 * apart: {@code offerId}, {@code productType}, {@code billingType}, {@code unitType}, {@code isTrial},
 * {@code isMicrosoftProduct}, {@code parentSubscriptionId}), its status, and the dates that say how and until
 * when it can be cleared.
 */
public record Subscription(String id, String offerId, String offerName, String friendlyName,
        SubscriptionStatus status, Integer quantity, Instant commitmentEndDate, Boolean autoRenewEnabled,
        String billingCycle, String termDuration, String unitType, String billingType, ProductType productType,
        @JsonProperty("isTrial") Boolean isTrial, @JsonProperty("isMicrosoftProduct") Boolean isMicrosoftProduct,
        String publisherName, String parentSubscriptionId, String partnerId, Instant cancellationAllowedUntilDate,
        Instant commitmentEndDateTime, List<RefundOption> refundOptions, ResourceAttributes attributes) {

    public Subscription {
        refundOptions = refundOptions == null ? List.of() : List.copyOf(refundOptions);
    }

    /** The fields the first version of this service read; every newer one absent. */
    public static Subscription basic(String id, String offerId, String offerName, SubscriptionStatus status) {
        return new Subscription(id, offerId, offerName, null, status, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** The ETag a write to this subscription must carry in {@code If-Match}; null when Partner Center gave none. */
    public String etag() {
        return attributes == null ? null : attributes.etag();
    }

    /** {@code attributes}: the ETag and the object type. */
    public record ResourceAttributes(String etag, String objectType) {
    }

    @Override
    public SubscriptionStatus status() {
        return status == null ? SubscriptionStatus.UNKNOWN : status;
    }

    /** When the term ends: {@code commitmentEndDateTime} where given, else {@code commitmentEndDate}. */
    public Optional<Instant> termEnd() {
        return Optional.ofNullable(commitmentEndDateTime).or(() -> Optional.ofNullable(commitmentEndDate));
    }

    /** The product type's id, normalized ({@code onlineservicesnce}, {@code azure}, {@code software}, ...). */
    public String productTypeId() {
        return productType == null ? "" : EnumText.normalize(productType.id());
    }

    /** The product type's sub-type id, normalized ({@code savingsplan}, ...). */
    public String productSubTypeId() {
        return productType == null || productType.subType() == null ? ""
                : EnumText.normalize(productType.subType().id());
    }

    /** A name to show: the offer name, else the friendly name, else the id. */
    public String displayName() {
        if (offerName != null && !offerName.isBlank()) {
            return offerName;
        }
        return friendlyName != null && !friendlyName.isBlank() ? friendlyName : id;
    }

    /** What kind of product: {@code {"id": "OnlineServicesNCE"}}, {@code {"id": "Azure", "subType": {...}}}. */
    public record ProductType(String id, String displayName, ProductType subType) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ProductType {
        }

        /** A product type written as plain text, as some payloads do: its id. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ProductType of(String id) {
            return new ProductType(id, id, null);
        }
    }

    /** A refund window; the docs' example names the end {@code expiresAt}, the resource table {@code expiresAfter}. */
    public record RefundOption(String type, Instant expiresAt, Instant expiresAfter) {

        public Optional<Instant> end() {
            return Optional.ofNullable(expiresAt).or(() -> Optional.ofNullable(expiresAfter));
        }
    }
}
