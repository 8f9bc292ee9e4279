package io.github.reselleroffboarding.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the event contract: every committed version of a schema must stay BACKWARD and FORWARD compatible with
 * the version committed before it, and the schema the build compiles must be the newest committed version. To
 * change a schema, edit {@code src/main/avro/X.avsc} and copy it to {@code history/X/v<N+1>.avsc}.
 */
class SchemaEvolutionTest {

    static Stream<Named<SchemaHistory>> schemas() {
        return SchemaHistory.all().stream().map(h -> Named.of(h.record(), h));
    }

    static Stream<Arguments> consecutiveVersions() {
        List<Arguments> pairs = new ArrayList<>();
        for (SchemaHistory history : SchemaHistory.all()) {
            // the chain ends with the compiled schema, so an edit not yet snapshotted is checked too
            List<Path> versions = new ArrayList<>(history.snapshots());
            versions.add(history.current());
            for (int i = 1; i < versions.size(); i++) {
                Path older = versions.get(i - 1);
                Path newer = versions.get(i);
                pairs.add(Arguments.of(Named.of(history.record() + " " + older.getFileName() + " -> "
                        + newer, new Path[] {older, newer})));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void everyEventSchemaHasCommittedVersionsNumberedFromOne(SchemaHistory history) {
        assertThat(history.snapshots())
                .as("history/%s/ must hold v1.avsc, v2.avsc, ... for %s", history.record(), history.current())
                .isNotEmpty();
        List<Integer> numbers = history.snapshots().stream().map(SchemaHistory::versionOf).toList();
        assertThat(numbers).containsExactlyElementsOf(
                IntStream.rangeClosed(1, numbers.size()).boxed().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void theCompiledSchemaIsTheNewestCommittedVersion(SchemaHistory history) {
        Schema current = history.currentSchema();
        Path newest = history.newestSnapshot();
        int next = SchemaHistory.versionOf(newest) + 1;
        assertThat(current)
                .as("%s differs from %s: copy it to history/%s/v%d.avsc so the evolution check covers it",
                        history.current(), newest, history.record(), next)
                .isEqualTo(SchemaHistory.parse(newest));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consecutiveVersions")
    void eachVersionIsBackwardAndForwardCompatibleWithThePreviousOne(Path[] olderAndNewer) {
        Schema older = SchemaHistory.parse(olderAndNewer[0]);
        Schema newer = SchemaHistory.parse(olderAndNewer[1]);
        assertThat(EvolutionCheck.problems(older, newer))
                .as("%s must stay compatible with %s", olderAndNewer[1], olderAndNewer[0])
                .isEmpty();
    }
}
