package io.github.reselleroffboarding.producer.check;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.OffboardAssessed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One customer in a bulk check, as a report row: what its assessment says, or that none arrived in time.
 *
 * @param result {@code removable}, {@code blocked}, {@code already-removed}, {@code not-found} (Partner Center
 *     does not know the tenant), {@code invalid} or {@code not-answered}
 * @param codes the blockers' codes, each once, in the order found
 * @param actions what clears them, each once
 * @param nearestDeadline the earliest date until which an action is possible
 * @param nearestDeadlineResource what that deadline is for
 * @param earliestRemovable when every blocker ends by itself (today when removable now)
 */
record AssessmentRow(String tenant, String company, String result, boolean removable, int blockers,
        List<String> codes, List<String> actions, LocalDate nearestDeadline, String nearestDeadlineResource,
        LocalDate earliestRemovable, String requestEventId) {

    static final String NOT_ANSWERED = "not-answered";

    static AssessmentRow of(String tenant, String requestEventId, OffboardAssessed assessed) {
        if (assessed == null) {
            return new AssessmentRow(tenant, null, NOT_ANSWERED, false, 0, List.of(), List.of(), null, null, null,
                    requestEventId);
        }
        List<BlockReason> blockers = assessed.getBlockers();
        BlockReason nearest = blockers.stream().filter(b -> b.getActionDeadline() != null)
                .min(Comparator.comparing(BlockReason::getActionDeadline)).orElse(null);
        return new AssessmentRow(assessed.getCustomerTenantId(), assessed.getCompanyName(), result(assessed),
                assessed.getRemovable(), blockers.size(),
                blockers.stream().map(b -> b.getCode().name()).distinct().toList(),
                blockers.stream().map(BlockReason::getAction).filter(Objects::nonNull).map(Enum::name).distinct()
                        .toList(),
                nearest == null ? null : day(nearest.getActionDeadline()),
                nearest == null ? null : AssessmentText.resource(nearest),
                assessed.getEarliestRemovableAt() == null ? null : day(assessed.getEarliestRemovableAt()),
                assessed.getRequestEventId());
    }

    static String result(OffboardAssessed assessed) {
        if (assessed.getRemovable()) {
            return "removable";
        }
        if (assessed.getAlreadyRemoved()) {
            return "already-removed";
        }
        if (has(assessed, BlockReasonCode.INVALID_REQUEST)) {
            return "invalid";
        }
        return has(assessed, BlockReasonCode.CUSTOMER_NOT_FOUND) ? "not-found" : "blocked";
    }

    private static boolean has(OffboardAssessed assessed, BlockReasonCode code) {
        return assessed.getBlockers().stream().anyMatch(b -> b.getCode() == code);
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
