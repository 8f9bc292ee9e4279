package io.github.reselleroffboarding.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The committed versions of one event schema: {@code history/<Record>/v<N>.avsc}, oldest first, and the
 * current {@code src/main/avro/<Record>.avsc} that the build compiles.
 */
record SchemaHistory(String record, Path current, List<Path> snapshots) {

    private static final Pattern SNAPSHOT = Pattern.compile("v(\\d+)\\.avsc");

    static final Path CURRENT_DIR = Path.of("src/main/avro");
    static final Path HISTORY_DIR = Path.of("history");

    static List<SchemaHistory> all() {
        try (Stream<Path> files = Files.list(CURRENT_DIR)) {
            return files.filter(p -> p.toString().endsWith(".avsc"))
                    .sorted()
                    .map(SchemaHistory::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SchemaHistory of(Path current) {
        String record = current.getFileName().toString().replaceFirst("\\.avsc$", "");
        Path dir = HISTORY_DIR.resolve(record);
        List<Path> snapshots = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> SNAPSHOT.matcher(p.getFileName().toString()).matches())
                        .sorted(Comparator.comparingInt(SchemaHistory::versionOf))
                        .forEach(snapshots::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SchemaHistory(record, current, List.copyOf(snapshots));
    }

    static int versionOf(Path snapshot) {
        Matcher m = SNAPSHOT.matcher(snapshot.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot file: " + snapshot);
        }
        return Integer.parseInt(m.group(1));
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Schema currentSchema() {
        return parse(current);
    }

    Path newestSnapshot() {
        return snapshots.get(snapshots.size() - 1);
    }
}
