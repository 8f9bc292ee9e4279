package io.github.reselleroffboarding.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.partnercenter.model.Entitlement;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.RemovalResult;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON Partner Center's docs show, including their quirks. */
class PartnerCenterJsonTest {

    private final PartnerCenterJson json = new PartnerCenterJson();

    @Test
    void readsTheDocsPascalCaseRemovalAnswer() throws Exception {
        RemovalResult result = json.read("{\"Id\":null,\"CommerceId\":null,\"CompanyProfile\":null,"
                + "\"BillingProfile\":null,\"RelationshipToPartner\":\"none\",\"AllowDelegatedAccess\":null,"
                + "\"UserCredentials\":null,\"CustomDomains\":null,\"AssociatedPartnerId\":null,"
                + "\"Attributes\":{\"ObjectType\":\"Customer\"}}", RemovalResult.class);

        assertThat(result.removed()).isTrue();
    }

    @Test
    void readsTheFieldsThatTellProductFamiliesApartInEitherCasing() throws Exception {
        Subscription savingsPlan = json.read("{\"offerId\":\"DZH318Z09V6F:0001:DZH318Z0BLD3\",\"productType\":"
                + "{\"id\":\"Azure\",\"subType\":{\"id\":\"SavingsPlan\"}},\"unitType\":\"Benefit\","
                + "\"billingType\":\"benefit\",\"commitmentEndDate\":\"2024-05-17T00:00:00Z\","
                + "\"autoRenewEnabled\":true,\"status\":\"active\"}", Subscription.class);
        Subscription trial = json.read("{\"Id\":\"t\",\"IsTrial\":true,\"IsMicrosoftProduct\":false,"
                + "\"PublisherName\":\"Contoso Apps\",\"ParentSubscriptionId\":\"base\",\"PartnerId\":\"4847383\","
                + "\"CancellationAllowedUntilDate\":\"2021-10-14T23:59:00Z\",\"RefundOptions\":[{\"Type\":\"Full\","
                + "\"ExpiresAt\":\"2021-01-15T00:00:00Z\"}]}", Subscription.class);

        assertThat(savingsPlan.productTypeId()).isEqualTo("azure");
        assertThat(savingsPlan.productSubTypeId()).isEqualTo("savingsplan");
        assertThat(savingsPlan.billingType()).isEqualTo("benefit");
        assertThat(savingsPlan.termEnd()).contains(Instant.parse("2024-05-17T00:00:00Z"));
        assertThat(trial.isTrial()).isTrue();
        assertThat(trial.isMicrosoftProduct()).isFalse();
        assertThat(trial.publisherName()).isEqualTo("Contoso Apps");
        assertThat(trial.parentSubscriptionId()).isEqualTo("base");
        assertThat(trial.partnerId()).isEqualTo("4847383");
        assertThat(trial.cancellationAllowedUntilDate()).isEqualTo(Instant.parse("2021-10-14T23:59:00Z"));
        assertThat(trial.refundOptions()).singleElement().satisfies(r ->
                assertThat(r.end()).contains(Instant.parse("2021-01-15T00:00:00Z")));
    }

    @Test
    void aProductTypeGivenAsPlainTextIsReadAsItsId() throws Exception {
        Subscription s = json.read("{\"id\":\"s\",\"productType\":\"OnlineServicesNCE\"}", Subscription.class);

        assertThat(s.productTypeId()).isEqualTo("onlineservicesnce");
    }

    @Test
    void normalisesEnumSpellings() {
        assertThat(RelationshipToPartner.from("microsoft_support")).isEqualTo(RelationshipToPartner.MICROSOFT_SUPPORT);
        assertThat(RelationshipToPartner.from("microsoftSupport")).isEqualTo(RelationshipToPartner.MICROSOFT_SUPPORT);
        assertThat(RelationshipToPartner.from("NONE")).isEqualTo(RelationshipToPartner.NONE);
        assertThat(RelationshipToPartner.from("something-new")).isEqualTo(RelationshipToPartner.UNKNOWN);
        assertThat(SubscriptionStatus.from("Expired")).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(SubscriptionStatus.from(null)).isEqualTo(SubscriptionStatus.UNKNOWN);
    }

    @Test
    void acceptsTheErrorCodeAsNumberOrStringAndThe429Shape() {
        assertThat(json.readError("{\"code\":20002,\"description\":\"No relationship\",\"data\":[]}")
                .flatMap(PartnerCenterJson.ApiError::codeText)).contains("20002");
        assertThat(json.readError("{\"code\":\"800001\",\"description\":\"x\"}")
                .flatMap(PartnerCenterJson.ApiError::codeText)).contains("800001");
        assertThat(json.readError("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}")
                .flatMap(PartnerCenterJson.ApiError::text)).contains("Rate limit is exceeded.");
        assertThat(json.readError("<html>bad gateway</html>")).isEmpty();
        assertThat(json.readError("")).isEmpty();
    }

    @Test
    void readsTimestampsWithSevenFractionalDigitsOrWithoutAZone() throws Exception {
        Entitlement e = json.read("{\"entitlementType\":\"reservedInstance\","
                + "\"expiryDate\":\"2020-07-29T21:21:31.0941958Z\"}", Entitlement.class);
        Subscription s = json.read("{\"id\":\"s\",\"status\":\"active\","
                + "\"commitmentEndDate\":\"2026-01-14T00:00:00\"}", Subscription.class);

        assertThat(e.expiryDate()).isEqualTo(Instant.parse("2020-07-29T21:21:31.0941958Z"));
        assertThat(e.normalizedType()).isEqualTo("reservedinstance");
        assertThat(s.commitmentEndDate()).isEqualTo(Instant.parse("2026-01-14T00:00:00Z"));
    }

    @Test
    void findsTheReservationTypeOnTheEntitlementAsInTheDocsExampleOrOnItsArtifact() throws Exception {
        Entitlement onEntitlement = json.read("{\"entitlementType\":\"reservedinstance\","
                + "\"dynamicAttributes\":{\"reservationType\":\"virtualmachines\"}}", Entitlement.class);
        Entitlement onArtifact = json.read("{\"EntitlementType\":\"reservedinstance\",\"EntitledArtifacts\":"
                + "[{\"ArtifactType\":\"reservedinstance\",\"DynamicAttributes\":{\"ReservationType\":\"SqlDatabases\"}}]}",
                Entitlement.class);

        assertThat(onEntitlement.reservationType()).contains("virtualmachines");
        assertThat(onArtifact.reservationType()).contains("sqldatabases");
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Exception {
        Subscription s = json.read("{\"id\":\"s\",\"status\":\"active\",\"promotionId\":\"x\","
                + "\"refundOptions\":[{\"type\":\"Full\"}],\"links\":{\"self\":{\"uri\":\"/x\"}}}", Subscription.class);

        assertThat(s.id()).isEqualTo("s");
    }
}
