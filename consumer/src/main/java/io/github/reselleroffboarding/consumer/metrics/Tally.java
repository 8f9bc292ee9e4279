package io.github.reselleroffboarding.consumer.metrics;

import io.github.reselleroffboarding.events.BlockReasonCode;
import java.time.Instant;
import java.util.List;

/** What one staged output counts for once its transaction commits: never before, so an abort counts nothing. */
public sealed interface Tally {

    /**
     * @param codes the distinct reason codes it carries (blockers, or the invalid request's code)
     * @param requestedAt when the request says it was made, if it says; the latency is measured from it
     */
    record Outcome(OutcomeKind kind, List<BlockReasonCode> codes, Instant requestedAt) implements Tally {
        public Outcome {
            codes = List.copyOf(codes);
        }
    }

    record DeadLetter(DeadLetterCause cause) implements Tally {
    }

    /** A request sent on to its canonical tenant's partition, to be answered there. */
    record Forwarded() implements Tally {
    }

    /** The label values outcomes are counted under. */
    enum OutcomeKind {
        REMOVED("removed"),
        ALREADY_REMOVED("already_removed"),
        BLOCKED("blocked"),
        ASSESSED("assessed"),
        INVALID("invalid");

        private final String label;

        OutcomeKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Why a record went to the dead-letter topic. */
    enum DeadLetterCause {
        /** Not a readable request: not Avro, not the expected type, a tombstone. */
        UNREADABLE("unreadable"),
        /** Partner Center's answer will not change on another try, yet decides nothing (an unexpected 4xx). */
        NOT_RETRYABLE("not_retryable"),
        /** Transient failures for longer than the request's retry budget. */
        RETRY_BUDGET_EXHAUSTED("retry_budget_exhausted");

        private final String label;

        DeadLetterCause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
