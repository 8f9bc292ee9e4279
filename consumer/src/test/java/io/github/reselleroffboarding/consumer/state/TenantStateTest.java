package io.github.reselleroffboarding.consumer.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.rules.TenantHistory.RecordedAction;
import io.github.reselleroffboarding.events.CleanupActionKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clean-up writes a tenant's state remembers: kept until the request is answered, and through a restart. */
class TenantStateTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    static final RecordedAction SUSPEND = new RecordedAction("e-1", "sub-1", CleanupActionKind.SUSPEND, "etag-1",
            "ms-1", AT.toEpochMilli());
    static final RecordedAction OTHER = new RecordedAction("e-2", "sub-2", CleanupActionKind.CANCEL, "etag-2", "ms-2",
            AT.toEpochMilli());

    final TenantStateCodec codec = new TenantStateCodec();

    @Test
    void recordedWritesSurviveTheStateTopicsJson() {
        TenantState state = TenantState.EMPTY.withActions(List.of(SUSPEND, OTHER));

        TenantState read = codec.decode(codec.encode(state));

        assertThat(read.actionsRecordedBy("e-1")).containsExactly(SUSPEND);
        assertThat(read.actionsRecordedBy("e-2")).containsExactly(OTHER);
    }

    @Test
    void aStateWrittenBeforeCleanUpExistedReadsWithNoRecordedWrites() {
        TenantState read = codec.decode("{\"intentRequestEventId\":\"e-1\",\"answered\":[]}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(read.actionsRecordedBy("e-1")).isEmpty();
        assertThat(read.removalStartedBy("e-1")).isTrue();
    }

    @Test
    void answeringARequestForgetsItsWritesOnlyAndTheOutcomeCarriesThem() {
        TenantState state = TenantState.EMPTY.withActions(List.of(SUSPEND, OTHER));

        TenantState answered = state.withAnswer("e-1", "removed", AT, true);

        assertThat(answered.actionsRecordedBy("e-1")).isEmpty();
        assertThat(answered.actionsRecordedBy("e-2")).containsExactly(OTHER);
    }

    @Test
    void recordingTheSameWriteAgainKeepsOneEntry() {
        RecordedAction later = new RecordedAction("e-1", "sub-1", CleanupActionKind.SUSPEND, "etag-9", "ms-9",
                AT.plusSeconds(5).toEpochMilli());

        TenantState state = TenantState.EMPTY.withActions(List.of(SUSPEND)).withActions(List.of(later));

        assertThat(state.actionsRecordedBy("e-1")).containsExactly(later);
    }

    @Test
    void aStateSplitByAddedPartitionsMergesTheWritesOfRequestsNotAnswered() {
        TenantState one = TenantState.EMPTY.withActions(List.of(SUSPEND));
        TenantState two = TenantState.EMPTY.withActions(List.of(OTHER)).withAnswer("e-2", "blocked", AT, false)
                .withActions(List.of(OTHER));
        TenantState answeredElsewhere = TenantState.EMPTY.withAnswer("e-1", "removed", AT, true);

        assertThat(one.merge(two).actions()).containsExactlyInAnyOrder(SUSPEND);
        assertThat(one.merge(answeredElsewhere).actionsRecordedBy("e-1")).isEmpty();
    }
}
