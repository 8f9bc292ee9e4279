package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.preview;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.serde.AvroSerializer;
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
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code offboard report} over outcomes the real consumer committed now, and outcomes written with older record
 * timestamps, some inside the window and some outside it.
 */
@IntegrationTest
class ReportCommandIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    @TempDir
    Path dir;

    ReportCommandIT(TestEnvironment env) {
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
    void aWindowCountsWhatHappenedInsideItPerDayAndNothingOutsideIt() throws IOException {
        Instant now = Instant.now();
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        Instant tenDaysAgo = now.minus(Duration.ofDays(10));
        publishOutcomes(twoDaysAgo, tenDaysAgo);
        answerRequestsNow();

        var json = harness.cli("report", "--since", "7d", "--format", "json");
        var dayTwoAgo = harness.cli("report", "--from", day(twoDaysAgo), "--to", day(twoDaysAgo), "--format",
                "json");
        var table = harness.cli("report", "--since", "7d");
        Path html = dir.resolve("report.html");
        var page = harness.cli("report", "--since", "30d", "--format", "html", "--out", html.toString());

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode week = new ObjectMapper().readTree(json.out());
        JsonNode totals = week.path("totals");
        assertThat(totals.path("removedByThisService").asLong()).isEqualTo(1);
        assertThat(totals.path("alreadyGone").asLong()).isEqualTo(1);
        assertThat(totals.path("removedBySomeoneElse").asLong()).isEqualTo(1);
        assertThat(totals.path("blocked").asLong()).as("one now, one two days ago").isEqualTo(2);
        assertThat(totals.path("rejected").asLong()).isEqualTo(1);
        assertThat(totals.path("invalid").asLong()).isEqualTo(1);
        assertThat(totals.path("assessed").asLong()).isEqualTo(1);
        assertThat(totals.path("deadLettered").asLong()).isEqualTo(1);
        assertThat(week.path("answered").asLong()).isEqualTo(8);
        List<String> days = new java.util.ArrayList<>();
        week.path("days").forEach(d -> days.add(d.path("day").asText()));
        assertThat(days.get(0)).isEqualTo(day(twoDaysAgo));
        // today's outcomes fall on one day, or on two when the test runs across midnight UTC
        assertThat(days.subList(1, days.size())).isNotEmpty().allSatisfy(d -> assertThat(d).isIn(day(now),
                day(now.plus(Duration.ofDays(1)))));
        assertThat(week.path("blockedByCode").path("ACTIVE_SUBSCRIPTION").path("outcomes").asLong()).isEqualTo(2);
        assertThat(week.path("blockedByCode").path("ACTIVE_SUBSCRIPTION").path("blockers").asLong()).isEqualTo(3);
        assertThat(week.path("blockersByAction").path("SUSPEND").asLong()).isEqualTo(3);

        JsonNode oneDay = new ObjectMapper().readTree(dayTwoAgo.out());
        assertThat(oneDay.path("answered").asLong()).isEqualTo(1);
        assertThat(oneDay.path("totals").path("blocked").asLong()).isEqualTo(1);

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("8 requests answered: 3 removed (1 by this service, 1 already gone, 1 by "
                + "someone else), 2 blocked, 1 rejected by Partner Center, 1 invalid, 1 assessed (0 removable); 1 "
                + "dead-lettered").contains("ACTIVE_SUBSCRIPTION").contains("SUSPEND");

        assertThat(page.exitCode()).as(page.err()).isZero();
        assertThat(page.out()).contains("wrote the html report of 9 answers and 1 dead letters");
        Document report = Jsoup.parse(html.toFile(), "UTF-8");
        assertThat(report.selectFirst("[data-total=answered] b").text()).as("the month holds the old one too")
                .isEqualTo("9");
        assertThat(report.select("#chart-days rect").eachAttr("data-day")).contains(day(tenDaysAgo), day(twoDaysAgo));
        assertThat(report.select("#chart-codes rect").eachAttr("data-code")).contains("ACTIVE_SUBSCRIPTION",
                "REMOVAL_REJECTED", "INVALID_REQUEST");
        assertThat(report.select("script, link, img, [src], [href]")).isEmpty();
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).doesNotContain("http://", "https://");
    }

    /** Two outcomes the way the consumer writes them, with record timestamps in the past. */
    private void publishOutcomes(Instant insideWindow, Instant outsideWindow) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(env.clientProperties(), false);
        OffboardBlocked blocked = OffboardBlocked.newBuilder().setEventId("old-1").setRequestEventId("old-req-1")
                .setCustomerTenantId(newTenant()).setBlockedAt(insideWindow).setRequestedBy("crm-test")
                .setReasons(List.of(BlockReason.newBuilder().setCode(BlockReasonCode.ACTIVE_SUBSCRIPTION)
                        .setMessage("active").setAction(io.github.reselleroffboarding.events.ClearingAction.SUSPEND)
                        .build())).build();
        RelationshipRemoved removed = RelationshipRemoved.newBuilder().setEventId("old-2")
                .setRequestEventId("old-req-2").setCustomerTenantId(newTenant()).setRemovedAt(outsideWindow)
                .setRequestedBy("crm-test").setAlreadyRemoved(false).setRemovedBy(RemovedBy.THIS_REQUEST).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", env.bootstrapServers()), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            send(producer, serializer, harness.blocked, insideWindow, blocked);
            send(producer, serializer, harness.removed, outsideWindow, removed);
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, AvroSerializer serializer, String topic,
            Instant at, SpecificRecord outcome) {
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), "key", serializer.serialize(topic,
                outcome)));
    }

    /** One of each kind of answer, from the consumer, now. */
    private void answerRequestsNow() {
        String clean = newTenant();
        String elsewhere = newTenant();
        String blocked = newTenant();
        String refused = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(clean).build());
        partnerCenter.putCustomer(SeedCustomer.customer(elsewhere).build());
        partnerCenter.removeElsewhere(elsewhere, "jane.admin@partner.example", Instant.now().minusSeconds(3600));
        partnerCenter.putCustomer(SeedCustomer.customer(blocked).subscriptions(2, "active", "Microsoft 365 E3")
                .build());
        partnerCenter.putCustomer(SeedCustomer.customer(refused).refuseRemoval(400, 3000, "Invalid property")
                .build());

        // the second request for the clean tenant is answered after the first (one tenant, one lane, in order)
        harness.publish(request(clean), request(clean), request(elsewhere), request(blocked), request(refused),
                request("not-a-guid"), preview(blocked));
        harness.publishRaw(newTenant(), new byte[] {0, 0, 0, 0, 1, 2});
        assertThat(harness.removedOutcomes(4, WAIT)).as("the old one, removed, already gone, by someone else")
                .hasSize(4);
        assertThat(harness.blockedOutcomes(4, WAIT)).as("the old one, blocked, refused, invalid").hasSize(4);
        assertThat(harness.assessments(1, WAIT)).hasSize(1);
        assertThat(harness.deadLetterRecords(1, WAIT)).hasSize(1);
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
