package io.github.reselleroffboarding.http.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the handler for a method and a raw path among routes like {@code GET /subjects/{subject}/versions}.
 * Each path segment is percent-decoded on its own, so an encoded {@code /} stays inside its variable and cannot
 * reach another route. A path that fits a template but not its method is told apart from one that fits none
 * (405 versus 404).
 *
 * @param <H> what a route leads to
 */
public final class RouteTable<H> {

    /** The outcome of a look-up. */
    public sealed interface Match<H> {

        /** A route fits: its handler, template and path variables. */
        record Found<H>(H handler, String template, Map<String, String> variables) implements Match<H> {
        }

        /** Some route has this path, none this method. */
        record MethodNotAllowed<H>() implements Match<H> {
        }

        record NotFound<H>() implements Match<H> {
        }
    }

    private record Route<H>(String method, String template, List<String> parts, H handler) {
    }

    private final List<Route<H>> routes = new ArrayList<>();

    /** Adds a route; the first route added wins when two templates fit. */
    public RouteTable<H> add(String method, String template, H handler) {
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with /: " + template);
        }
        routes.add(new Route<>(method.toUpperCase(Locale.ROOT), template, segments(template, false), handler));
        return this;
    }

    /** Looks up {@code rawPath} (no query string, still percent-encoded). */
    public Match<H> match(String method, String rawPath) {
        List<String> segments = segments(rawPath, true);
        boolean pathKnown = false;
        for (Route<H> route : routes) {
            Map<String, String> variables = variables(route.parts(), segments);
            if (variables == null) {
                continue;
            }
            if (route.method().equalsIgnoreCase(method)) {
                return new Match.Found<>(route.handler(), route.template(), variables);
            }
            pathKnown = true;
        }
        return pathKnown ? new Match.MethodNotAllowed<>() : new Match.NotFound<>();
    }

    private static Map<String, String> variables(List<String> parts, List<String> segments) {
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                variables.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return variables;
    }

    private static List<String> segments(String path, boolean decode) {
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/", -1)) {
            if (!raw.isEmpty()) {
                segments.add(decode ? URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8) : raw);
            }
        }
        return segments;
    }
}
