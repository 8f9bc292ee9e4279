package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code PATCH /v1/customers/{id}/subscriptions/{id}} as Partner Center documents it: the full subscription with a
 * changed {@code status} or {@code autoRenewEnabled}, sent with {@code If-Match} and the subscription's current
 * ETag. Suspend ({@code suspended}), cancel ({@code deleted}, only inside the cancellation window) and auto-renew
 * off, with the documented refusals: a stale ETag, a deleted subscription, a suspended one cancelled, an Azure plan
 * suspended while an Azure subscription under it is active, a window passed.
 */
final class SubscriptionWrites {

    /** What a write asks for, as the simulator's counters name it. */
    enum Action {
        SUSPEND("suspend"), CANCEL("cancel"), AUTO_RENEW_OFF("auto-renew-off"),
        CANCEL_AZURE_SUBSCRIPTION("cancel-azure-subscription"), OTHER("other");

        final String counterName;

        Action(String counterName) {
            this.counterName = counterName;
        }
    }

    /** The answer: status and body; {@code updated} is the subscription to store when the write applied. */
    record Outcome(Action action, int status, ObjectNode body, ObjectNode updated) {

        boolean applied() {
            return updated != null;
        }
    }

    private SubscriptionWrites() {
    }

    /** The ETag of a subscription: a digest of everything but its attributes, so every change gives a new one. */
    static String etag(ObjectNode subscription) {
        ObjectNode content = subscription.deepCopy();
        content.remove("attributes");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The subscription as Partner Center shows it: with its ETag in {@code attributes}. */
    static ObjectNode withEtag(ObjectNode subscription) {
        ObjectNode shown = subscription.deepCopy();
        ObjectNode attributes = shown.has("attributes") && shown.get("attributes").isObject()
                ? (ObjectNode) shown.get("attributes") : shown.putObject("attributes");
        attributes.put("etag", etag(subscription));
        attributes.put("objectType", "Subscription");
        return shown;
    }

    /**
     * @param underPlan the Azure subscriptions under this subscription, when it is an Azure plan
     */
    static Outcome apply(ObjectNode current, List<ObjectNode> underPlan, JsonNode body, String ifMatch,
            Instant now) {
        String wantedStatus = text(body, "status").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        String status = current.path("status").asText("").toLowerCase(Locale.ROOT);
        JsonNode renew = field(body, "autoRenewEnabled");
        Action action = wantedStatus != null && !wantedStatus.equals(status)
                ? switch (wantedStatus) {
                    case "suspended" -> Action.SUSPEND;
                    case "deleted" -> Action.CANCEL;
                    default -> Action.OTHER;
                }
                : renew != null && renew.isBoolean() && !renew.asBoolean() ? Action.AUTO_RENEW_OFF : Action.OTHER;
        if (ifMatch == null || ifMatch.isBlank()) {
            return refused(action, 400, 2055, "The If-Match header with the subscription's ETag is required");
        }
        if (!unquote(ifMatch).equals(etag(current))) {
            return refused(action, 412, 2055, "The ETag is no longer valid: the subscription changed since it was "
                    + "read");
        }
        if (status.equals("deleted")) {
            return refused(action, 400, 2011, "A subscription in deleted status can't be updated");
        }
        ObjectNode updated = current.deepCopy();
        switch (action) {
            case SUSPEND -> {
                if (underPlan.stream().anyMatch(azure -> azure.path("status").asText("").equalsIgnoreCase("active"))) {
                    return refused(action, 403, 900115, "The Azure plan can't be suspended while it has active Azure "
                            + "subscriptions");
                }
                updated.put("status", "suspended");
            }
            case CANCEL -> {
                if (status.equals("suspended")) {
                    return refused(action, 400, 800091, "Can't update a subscription with suspended status");
                }
                boolean trial = current.path("isTrial").asBoolean(false);
                Optional<Instant> deadline = cancellationDeadline(current);
                if (!trial && (deadline.isEmpty() || !now.isBefore(deadline.get()))) {
                    return current.path("isMicrosoftProduct").asBoolean(true)
                            ? refused(action, 400, 900117, "You have passed your 7-day cancellation window. You "
                                    + "can't cancel this subscription")
                            : refused(action, 400, 900213, "You have passed your 72-hour cancellation window. You "
                                    + "can't cancel this subscription");
                }
                updated.put("status", "deleted");
                updated.put("autoRenewEnabled", false);
            }
            case AUTO_RENEW_OFF -> updated.put("autoRenewEnabled", false);
            default -> {
                if (wantedStatus != null && !wantedStatus.equals(status)) {
                    return refused(action, 400, 800096, "Can't update the status of this subscription to "
                            + wantedStatus);
                }
                // nothing that changes: Partner Center answers with the subscription as it is
                return new Outcome(action, 200, withEtag(current), null);
            }
        }
        return new Outcome(action, 200, withEtag(updated), updated);
    }

    private static Optional<Instant> cancellationDeadline(ObjectNode subscription) {
        Optional<Instant> until = instant(subscription.path("cancellationAllowedUntilDate").asText(""));
        if (until.isPresent()) {
            return until;
        }
        Instant latest = null;
        for (JsonNode option : subscription.path("refundOptions")) {
            Optional<Instant> end = instant(option.path("expiresAt").asText(option.path("expiresAfter").asText("")));
            if (end.isPresent() && (latest == null || end.get().isAfter(latest))) {
                latest = end.get();
            }
        }
        return Optional.ofNullable(latest);
    }

    private static Outcome refused(Action action, int status, int code, String description) {
        return new Outcome(action, status, Shapes.error(code, description), null);
    }

    private static Optional<Instant> instant(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String unquote(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static Optional<String> text(JsonNode body, String name) {
        JsonNode node = field(body, name);
        return node == null || !node.isTextual() ? Optional.empty() : Optional.of(node.asText());
    }

    /** A field of a body in any casing (Partner Center accepts camel and Pascal case). */
    private static JsonNode field(JsonNode body, String name) {
        for (var entry : body.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
