package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.EnumText;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a subscription's product family from the wire fields that distinguish them (the facts doc, section 2):
 * a savings plan by its {@code Benefit} unit or billing type or {@code SavingsPlan} sub-type; an Azure plan by
 * its {@code Azure} product type or the plan's product id; software by its {@code Software} product type;
 * marketplace by {@code isMicrosoftProduct: false}; a trial by {@code isTrial}; an add-on by its parent; new
 * commerce by {@code OnlineServicesNCE} or a product:sku:availability {@code offerId}; legacy by a GUID
 * {@code offerId} without a product type. Anything else is {@code UNKNOWN}, which the policy treats with the
 * most caution.
 */
final class ProductClassifier {

    /** The Azure plan's product id ({@code DZH318Z0BPS6:0001:...} "Microsoft Azure plan"). */
    static final String AZURE_PLAN_PRODUCT = "DZH318Z0BPS6";
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TRIPLE = Pattern.compile("[A-Za-z0-9]+:[A-Za-z0-9]+:[A-Za-z0-9]+");

    private ProductClassifier() {
    }

    static ProductFamily classify(Subscription s) {
        String productType = s.productTypeId();
        if (s.productSubTypeId().equals("savingsplan") || EnumText.normalize(s.billingType()).equals("benefit")
                || EnumText.normalize(s.unitType()).equals("benefit")) {
            return ProductFamily.AZURE_SAVINGS_PLAN;
        }
        if (productType.equals("azure") || offerProduct(s).equals(AZURE_PLAN_PRODUCT)) {
            return ProductFamily.AZURE_PLAN;
        }
        if (productType.equals("software")) {
            return ProductFamily.SOFTWARE;
        }
        if (Boolean.FALSE.equals(s.isMicrosoftProduct())) {
            return ProductFamily.MARKETPLACE;
        }
        if (Boolean.TRUE.equals(s.isTrial())) {
            return ProductFamily.TRIAL;
        }
        if (s.parentSubscriptionId() != null && !s.parentSubscriptionId().isBlank()) {
            return ProductFamily.ADD_ON;
        }
        if (isNewCommerce(s)) {
            return ProductFamily.NCE_LICENSE;
        }
        if (isLegacy(s)) {
            return ProductFamily.LEGACY_LICENSE;
        }
        return ProductFamily.UNKNOWN;
    }

    /** Sold under new commerce (whatever else it is): its product type says so, or its offer id is a triple. */
    static boolean isNewCommerce(Subscription s) {
        return s.productTypeId().equals("onlineservicesnce") || (s.offerId() != null
                && TRIPLE.matcher(s.offerId().strip()).matches());
    }

    /** A legacy offer: a GUID offer id (or a legacy Azure {@code MS-AZR-} offer) and no product type. */
    static boolean isLegacy(Subscription s) {
        String offer = s.offerId() == null ? "" : s.offerId().strip();
        return s.productTypeId().isEmpty() && (GUID.matcher(offer).matches()
                || offer.toUpperCase(Locale.ROOT).startsWith("MS-AZR-"));
    }

    private static String offerProduct(Subscription s) {
        if (s.offerId() == null) {
            return "";
        }
        int colon = s.offerId().indexOf(':');
        return (colon < 0 ? s.offerId() : s.offerId().substring(0, colon)).strip().toUpperCase(Locale.ROOT);
    }
}
