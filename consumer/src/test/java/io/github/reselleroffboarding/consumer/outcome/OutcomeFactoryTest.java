package io.github.reselleroffboarding.consumer.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.rules.Blocker;
import io.github.reselleroffboarding.consumer.rules.CustomerSnapshot;
import io.github.reselleroffboarding.consumer.rules.SubscriptionLeft;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Outcomes always fit in a Kafka record, however much Partner Center listed. */
class OutcomeFactoryTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final int KAFKA_DEFAULT_MAX = 1_048_576;
    static final OutcomeFactory.RequestRef REQUEST = new OutcomeFactory.RequestRef("e-1",
            "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", "x".repeat(320), "c".repeat(256));

    final OutcomeFactory outcomes = new OutcomeFactory();

    @Test
    void tenThousandBlockersWithHugeTextsStayInsideTheRecordLimitAndSayHowManyWereLeftOut() throws IOException {
        List<Blocker> blockers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            blockers.add(huge(i));
        }

        OffboardBlocked blocked = outcomes.blocked(REQUEST, new Verdict.Blocked(blockers, snapshot(), NOW));

        assertThat(size(blocked)).isLessThan(KAFKA_DEFAULT_MAX);
        int listed = blocked.getReasons().size() - 1;
        assertThat(listed).isPositive();
        assertThat(blocked.getReasons().get(listed).getMessage()).isEqualTo((10_000 - listed) + " more blockers "
                + "were found and are not listed; the first " + listed + " are above");
        assertThat(blocked.getReasons().get(0).getMessage()).hasSize(OutcomeFactory.MAX_TEXT);
        assertThat(blocked.getCompanyName()).hasSize(OutcomeFactory.MAX_NAME);
    }

    @Test
    void blockersThatFitAreAllListedWithoutASummary() {
        List<Blocker> blockers = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            blockers.add(new Blocker(BlockReasonCode.ACTIVE_SUBSCRIPTION, "Legacy subscription is active", "s-" + i,
                    "Office 365 E3"));
        }

        assertThat(outcomes.blocked(REQUEST, new Verdict.Blocked(blockers, snapshot(), NOW)).getReasons())
                .hasSize(45).extracting(r -> r.getResourceId()).doesNotHaveDuplicates();
    }

    @Test
    void aRemovalWithThousandsOfSubscriptionsLeftAndNoticesStaysInsideTheRecordLimit() throws IOException {
        List<SubscriptionLeft> left = new ArrayList<>();
        List<Blocker> notices = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            left.add(new SubscriptionLeft("s-" + i, "o".repeat(5_000), "suspended"));
            notices.add(huge(i));
        }
        Verdict.Removed removed = new Verdict.Removed(Verdict.RemovedBy.THIS_REQUEST, 10_000, 0, left, notices,
                "patch-id", "e-1", null, NOW, snapshot(), NOW);

        RelationshipRemoved outcome = outcomes.removed(REQUEST, removed);

        assertThat(size(outcome)).isLessThan(KAFKA_DEFAULT_MAX);
        assertThat(outcome.getNotices()).isNotEmpty().last().satisfies(n -> assertThat(n.getMessage())
                .contains("more notices were found and are not listed"));
        assertThat(outcome.getRemainingSubscriptions()).isNotEmpty().hasSizeLessThanOrEqualTo(OutcomeFactory.MAX_REASONS);
        assertThat(outcome.getSubscriptionsChecked()).isEqualTo(10_000);
    }

    private static Blocker huge(int i) {
        return new Blocker(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED, "m".repeat(20_000), "id-" + i,
                "n".repeat(20_000), ProductFamily.NCE_LICENSE, "active", ClearingAction.CANCEL_BEFORE_DEADLINE, NOW,
                NOW, "p".repeat(20_000));
    }

    private static CustomerSnapshot snapshot() {
        return new CustomerSnapshot("c".repeat(20_000), "d".repeat(20_000), "reseller");
    }

    private static int size(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.size();
    }
}
