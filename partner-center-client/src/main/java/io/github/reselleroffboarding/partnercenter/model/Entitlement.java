package io.github.reselleroffboarding.partnercenter.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A product the customer is entitled to, possibly with nested {@code includedEntitlements}. Reserved instances
 * appear as {@code entitlementType: reservedinstance} with a {@code reservationType}, or, in the legacy contract,
 * as {@code virtualmachinereservedinstance}. {@code expiryDate} is present only when asked with
 * {@code showExpiry=true} (this client always asks).
 */
public record Entitlement(ReferenceOrder referenceOrder, String productId, String skuId, Integer quantity,
        String entitlementType, Instant expiryDate, String fulfillmentState, List<Artifact> entitledArtifacts,
        List<Entitlement> includedEntitlements, Map<String, Object> dynamicAttributes) {

    public Entitlement {
        entitledArtifacts = entitledArtifacts == null ? List.of() : List.copyOf(entitledArtifacts);
        includedEntitlements = includedEntitlements == null ? List.of() : List.copyOf(includedEntitlements);
        dynamicAttributes = dynamicAttributes == null ? Map.of() : Attributes.copy(dynamicAttributes);
    }

    /** {@code entitlementType} lower-cased without underscores: {@code reservedinstance}, {@code software}, ... */
    public String normalizedType() {
        return EnumText.normalize(entitlementType);
    }

    /**
     * {@code reservationType}, normalized, from the entitlement's own {@code dynamicAttributes} (where the docs'
     * example puts it) or from its artifacts (where the resource table puts it).
     */
    public Optional<String> reservationType() {
        Optional<String> own = Attributes.text(dynamicAttributes, "reservationType");
        if (own.isPresent()) {
            return own.map(EnumText::normalize);
        }
        return entitledArtifacts.stream()
                .map(a -> Attributes.text(a.dynamicAttributes(), "reservationType"))
                .flatMap(Optional::stream)
                .map(EnumText::normalize)
                .findFirst();
    }

    /** An id to name this entitlement by: the reservation order (artifact resource id) or the order line. */
    public Optional<String> resourceId() {
        return entitledArtifacts.stream().map(Artifact::resourceId).filter(id -> id != null && !id.isBlank())
                .findFirst()
                .or(() -> Optional.ofNullable(referenceOrder).map(ReferenceOrder::id));
    }
}
