package io.github.reselleroffboarding.schemaregistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Confluent's compatibility levels, decided with Avro's own reader/writer check. */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    static Optional<CompatibilityLevel> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Why {@code candidate} may not follow {@code existing} (oldest first) under this level; empty when it may.
     * Non-transitive levels look at the newest existing schema only.
     */
    List<String> problems(Schema candidate, List<Schema> existing) {
        List<Schema> against = transitive || existing.isEmpty()
                ? existing
                : List.of(existing.get(existing.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema previous : against) {
            problems.addAll(againstOne(candidate, previous));
        }
        return problems;
    }

    /** Why {@code candidate} is not compatible with one given version under this level's direction(s). */
    List<String> againstOne(Schema candidate, Schema previous) {
        List<String> problems = new ArrayList<>();
        if (backward) {
            describe("BACKWARD", SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous), problems);
        }
        if (forward) {
            describe("FORWARD", SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate), problems);
        }
        return problems;
    }

    private static void describe(String direction, SchemaCompatibility.SchemaPairCompatibility result,
            List<String> into) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility i : result.getResult().getIncompatibilities()) {
            into.add("{errorType:'" + i.getType() + "', description:'" + direction + ": " + i.getMessage()
                    + "', location:'" + i.getLocation() + "'}");
        }
    }
}
