package io.github.reselleroffboarding.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The classes in the shipped jar are generated from the committed {@code .avsc} files, not from a stale copy. */
class GeneratedClassesTest {

    private static final Map<String, Schema> GENERATED = Map.of(
            "CustomerOffboardRequested", CustomerOffboardRequested.getClassSchema(),
            "RelationshipRemoved", RelationshipRemoved.getClassSchema(),
            "OffboardBlocked", OffboardBlocked.getClassSchema());

    @ParameterizedTest
    @ValueSource(strings = {"CustomerOffboardRequested", "RelationshipRemoved", "OffboardBlocked"})
    void generatedClassMatchesItsSchemaFile(String record) {
        Schema file = SchemaHistory.parse(SchemaHistory.CURRENT_DIR.resolve(record + ".avsc"));
        Schema generated = GENERATED.get(record);

        assertThat(SchemaNormalization.toParsingForm(generated)).isEqualTo(SchemaNormalization.toParsingForm(file));
        assertThat(EvolutionCheck.problems(file, generated)).isEmpty();
    }
}
