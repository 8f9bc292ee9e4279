package io.github.reselleroffboarding.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording's execution samples, by the component that was running: for each sample, the first frame from
 * the top that is not the JDK's own names the component (Netty, Jackson, the Kafka client, the engine...), so a
 * {@code HashMap.get} called by the engine counts for the engine. Only the samples inside the drain count. JFR
 * samples Java code on Java threads; the JIT compilers and GC are in {@link ThreadCpu}'s table instead.
 */
final class JfrComponents {

    /** Package prefixes and the component they belong to, most specific first. */
    private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("io.github.reselleroffboarding.partnercenter.", "Partner Center client"),
            Map.entry("io.github.reselleroffboarding.serde.", "Avro serde"),
            Map.entry("io.github.reselleroffboarding.consumer.state.", "state store"),
            Map.entry("org.h2.mvstore.", "state store"),
            Map.entry("io.github.reselleroffboarding.consumer.engine.", "engine"),
            Map.entry("io.github.reselleroffboarding.consumer.rules.", "rules"),
            Map.entry("io.github.reselleroffboarding.consumer.processing.", "request processor"),
            Map.entry("io.github.reselleroffboarding.consumer.metrics.", "metrics"),
            Map.entry("io.github.reselleroffboarding.bench.", "bench peer code"),
            Map.entry("io.github.reselleroffboarding.", "service, other"),
            Map.entry("io.confluent.parallelconsumer.", "Parallel Consumer"),
            Map.entry("reactor.netty.", "Reactor Netty"),
            Map.entry("io.netty.", "Netty"),
            Map.entry("reactor.", "Reactor"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("org.apache.kafka.", "Kafka client"),
            Map.entry("org.apache.avro.", "Avro"),
            Map.entry("io.micrometer.", "metrics"),
            Map.entry("ch.qos.logback.", "logging"),
            Map.entry("org.slf4j.", "logging"));

    private JfrComponents() {
    }

    /** Share of the samples between {@code from} and {@code to} by component, largest first; empty if unreadable. */
    static Map<String, Double> read(Path recording, Instant from, Instant to) {
        if (!Files.isRegularFile(recording)) {
            return Map.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                counts.merge(component(event.getStackTrace()), 1, Integer::sum);
                total++;
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return shares(counts, total);
    }

    static String component(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "unknown";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (!isJdk(type)) {
                return component(type);
            }
        }
        return "JDK only";
    }

    static String component(String className) {
        for (Map.Entry<String, String> c : COMPONENTS) {
            if (className.startsWith(c.getKey())) {
                return c.getValue();
            }
        }
        int dot = className.indexOf('.', className.indexOf('.') + 1);
        return dot > 0 ? className.substring(0, dot) : className;
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.");
    }

    static Map<String, Double> shares(Map<String, Integer> counts, int total) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey(), (double) e.getValue() / total));
        return shares;
    }
}
