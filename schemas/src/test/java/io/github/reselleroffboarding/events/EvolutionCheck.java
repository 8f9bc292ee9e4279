package io.github.reselleroffboarding.events;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Avro's own reader/writer check, both ways: a consumer on the newer schema must read data written with the
 * older one (BACKWARD) and a consumer still on the older schema must read data written with the newer one
 * (FORWARD). Downstream audit and billing consumers upgrade on their own schedule, so both matter.
 */
final class EvolutionCheck {

    private EvolutionCheck() {
    }

    /** Every incompatibility found, each prefixed with the direction that breaks; empty when compatible. */
    static List<String> problems(Schema older, Schema newer) {
        List<String> problems = new ArrayList<>();
        collect("BACKWARD (new reader, old data)", SchemaCompatibility.checkReaderWriterCompatibility(newer, older),
                problems);
        collect("FORWARD (old reader, new data)", SchemaCompatibility.checkReaderWriterCompatibility(older, newer),
                problems);
        return problems;
    }

    private static void collect(String direction, SchemaPairCompatibility result, List<String> into) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            into.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + " - "
                    + incompatibility.getMessage());
        }
    }
}
