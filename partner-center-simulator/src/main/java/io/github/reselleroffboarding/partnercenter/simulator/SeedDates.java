package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates in seed files relative to when they are read: {@code "now"}, {@code "now+P7D"}, {@code "now-PT2H"}. */
final class SeedDates {

    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(P.+))?");

    private SeedDates() {
    }

    /** A copy of {@code node} with every relative date replaced by the instant it names. */
    static JsonNode resolve(JsonNode node, Instant now) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            object.properties().forEach(field -> out.set(field.getKey(), resolve(field.getValue(), now)));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(item -> out.add(resolve(item, now)));
            return out;
        }
        if (node instanceof TextNode text) {
            Matcher relative = RELATIVE.matcher(text.asText());
            if (relative.matches()) {
                return TextNode.valueOf(at(relative, now, text.asText()).toString());
            }
        }
        return node;
    }

    private static Instant at(Matcher relative, Instant now, String text) {
        if (relative.group(1) == null) {
            return now;
        }
        try {
            Duration offset = Duration.parse(relative.group(2));
            return relative.group(1).equals("+") ? now.plus(offset) : now.minus(offset);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not now+/-<ISO-8601 duration>, e.g. now+P7D", e);
        }
    }
}
