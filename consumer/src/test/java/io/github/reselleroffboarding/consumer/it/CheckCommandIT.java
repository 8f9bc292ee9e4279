package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offboard check} against the real consumer, broker, registry and simulator, as an operator runs it. */
@IntegrationTest
class CheckCommandIT {

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    @TempDir
    Path dir;

    CheckCommandIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 3);
        harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void oneBlockedCustomerIsPrintedByWhatClearsItWithItsDeadlineAndExits3() {
        String tenant = newTenant();
        Instant window = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).companyName("Litware")
                .rawSubscription(SeedCustomer.nceSubscriptionJson("n-1", "M365 Basic", "suspended", window,
                        window.plus(Duration.ofDays(300)), true))
                .subscription("l-1", "Office 365 E3", "active").build());

        var run = harness.cli("check", "--tenant", tenant.toUpperCase(java.util.Locale.ROOT), "--wait", "60s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("Litware  " + tenant)
                .contains("NOT REMOVABLE: 2 blockers")
                .contains("  CANCEL_BEFORE_DEADLINE (1)\n    NCE_SUBSCRIPTION_NOT_CANCELLED  n-1 \"M365 Basic\"  "
                        + "suspended  until " + LocalDate.ofInstant(window, ZoneOffset.UTC))
                // 4 when the command ran after midnight UTC and the window was set before it
                .containsPattern("until " + LocalDate.ofInstant(window, ZoneOffset.UTC) + " \\(in [45] days\\)").contains("  SUSPEND (1)\n    ACTIVE_SUBSCRIPTION  l-1 \"Office 365 E3\"  active")
                .contains("removable by itself: never without an action");
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
    }

    @Test
    void aRemovableCustomerExits0AndJsonIsOneObjectPerAssessment() throws IOException {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscription("s-1", "Visio", "suspended").build());

        var readable = harness.cli("check", "--tenant", tenant, "--wait", "60s");
        var json = harness.cli("check", "--tenant", tenant, "--json", "--wait", "60s");

        assertThat(readable.exitCode()).as(readable.err()).isZero();
        assertThat(readable.out()).contains("REMOVABLE now").contains("SUBSCRIPTION_LEFT  Subscription Visio is "
                + "suspended");
        assertThat(json.exitCode()).isZero();
        JsonNode line = new ObjectMapper().readTree(json.out().strip());
        assertThat(line.path("type").asText()).isEqualTo("OffboardAssessed");
        assertThat(line.path("event").path("customerTenantId").asText()).isEqualTo(tenant);
        assertThat(line.path("event").path("removable").asBoolean()).isTrue();
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
    }

    @Test
    void aFileOfCustomersIsPreviewedBadLinesReportedAndSkippedWithASummaryAndOneRowEach() throws IOException {
        String removable = newTenant();
        String blocked = newTenant();
        String unknown = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(removable).companyName("Tailspin").build());
        partnerCenter.putCustomer(SeedCustomer.customer(blocked).companyName("Fabrikam")
                .subscriptions(3, "active", "Microsoft 365 E3").build());
        Path file = dir.resolve("tenants.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"customerTenantId\":\"" + removable + "\"}",
                "{\"customerTenantId\":\"not-a-guid\"}",
                "{\"customerTenantId\":\"" + blocked + "\",\"requestedBy\":\"auditor@partner.example\"}",
                "{broken json",
                "{\"customerTenantId\":\"" + unknown + "\"}"), StandardCharsets.UTF_8);
        Path csv = dir.resolve("out/report.csv");
        Path json = dir.resolve("report.json");

        var run = harness.cli("check", "--file", file.toString(), "--out", csv.toString(), "--wait", "60s");
        var again = harness.cli("check", "--file", file.toString(), "--out", json.toString(), "--wait", "60s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("line 2: tenant id 'not-a-guid' is not a GUID").contains("line 4: ")
                .contains("(skipped)");
        assertThat(run.out()).contains("3 customers: 1 blocked, 1 not-found, 1 removable; 2 bad lines skipped")
                .doesNotContain("not-answered")
                .contains("ACTIVE_SUBSCRIPTION  ").contains("wrote 3 rows to " + csv);
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo("tenant,company,result,removable,blockers,codes,actions,nearestDeadline,"
                + "nearestDeadlineResource,earliestRemovable,requestEventId");
        assertThat(rows.get(1)).startsWith(removable + ",Tailspin,removable,true,0,");
        assertThat(rows.get(2)).startsWith(blocked + ",Fabrikam,blocked,false,3,ACTIVE_SUBSCRIPTION,SUSPEND,");
        assertThat(rows.get(3)).startsWith(unknown + ",,not-found,false,1,CUSTOMER_NOT_FOUND,");
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written).hasSize(3);
        assertThat(written.get(1).path("codes").get(0).asText()).isEqualTo("ACTIVE_SUBSCRIPTION");
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(partnerCenter.counters().patchesByCustomer()).isEmpty();
    }

    @Test
    void noAnswerWithinTheWaitIsAFailureNamingWhatToCheck() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        String nobodyAnswersHere = env.newTopic("assessed-silent", 1);

        var run = harness.cli("check", "--tenant", tenant, "--assessed-topic", nobodyAnswersHere, "--wait", "2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("1 of 1 previews got no assessment: none came for 2s (is the consumer running");
    }

    @Test
    void aMissingAssessmentTopicIsOneClearLine() {
        var run = harness.cli("check", "--tenant", newTenant(), "--assessed-topic", "no-such-assessments");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("error: topic 'no-such-assessments' does not exist")
                .contains("previews are answered on no-such-assessments").doesNotContain("\n");
    }
}
