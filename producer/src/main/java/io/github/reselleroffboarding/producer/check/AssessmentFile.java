package io.github.reselleroffboarding.producer.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of a bulk check as a file: CSV (one line per customer, lists joined by {@code ;}) or a JSON array. */
final class AssessmentFile {

    static final List<String> COLUMNS = List.of("tenant", "company", "result", "removable", "blockers", "codes",
            "actions", "nearestDeadline", "nearestDeadlineResource", "earliestRemovable", "requestEventId");

    private AssessmentFile() {
    }

    /** Whether the file's extension is one this can write ({@code .csv} or {@code .json}). */
    static boolean supports(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".json");
    }

    static void write(Path file, List<AssessmentRow> rows) throws IOException {
        List<Map<String, Object>> values = new ArrayList<>();
        rows.forEach(row -> values.add(values(row)));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
                COLUMNS.forEach(schema::addColumn);
                List<Map<String, Object>> flat = new ArrayList<>();
                values.forEach(v -> {
                    Map<String, Object> line = new LinkedHashMap<>(v);
                    line.computeIfPresent("codes", (k, list) -> String.join(";", strings(list)));
                    line.computeIfPresent("actions", (k, list) -> String.join(";", strings(list)));
                    flat.add(line);
                });
                new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writer(schema.build()).writeValues(out).writeAll(flat).close();
            } else {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, values);
            }
        }
    }

    static Map<String, Object> values(AssessmentRow row) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("tenant", row.tenant());
        v.put("company", row.company());
        v.put("result", row.result());
        v.put("removable", row.removable());
        v.put("blockers", row.blockers());
        v.put("codes", row.codes());
        v.put("actions", row.actions());
        v.put("nearestDeadline", row.nearestDeadline() == null ? null : row.nearestDeadline().toString());
        v.put("nearestDeadlineResource", row.nearestDeadlineResource());
        v.put("earliestRemovable", row.earliestRemovable() == null ? null : row.earliestRemovable().toString());
        v.put("requestEventId", row.requestEventId());
        return v;
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        ((List<?>) list).forEach(item -> out.add(String.valueOf(item)));
        return out;
    }
}
