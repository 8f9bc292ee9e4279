package io.github.reselleroffboarding.producer.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a bulk request file one line at a time (never the whole file into memory): JSON Lines, one object per
 * line, or CSV with a header row. Field and column names are those of the event: {@code customerTenantId},
 * {@code requestedBy}, and optionally {@code reason}, {@code correlationId}, {@code eventId}, {@code cleanup}
 * ({@code true} consents to a clean-up). A line that cannot
 * be read becomes a {@link Line.Bad} with its line number; reading goes on.
 */
public final class RequestFileReader implements Iterator<RequestFileReader.Line>, AutoCloseable {

    /** One non-blank line of the file. */
    public sealed interface Line {
        int number();

        record Good(int number, RequestInput input) implements Line {
        }

        record Bad(int number, String reason) implements Line {
        }
    }

    public enum Format {
        JSONL, CSV;

        public static Format of(Path file, String requested) {
            if (requested != null && !requested.equalsIgnoreCase("auto")) {
                return valueOf(requested.toUpperCase(Locale.ROOT));
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".csv") ? CSV : JSONL;
        }
    }

    static final Set<String> FIELDS = Set.of("customerTenantId", "requestedBy", "reason", "correlationId", "eventId",
            "cleanup");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One CSV row: without a schema, Jackson reads a row as an array of its columns. */
    private static final ObjectReader CSV_ROW = new CsvMapper().readerFor(String[].class);

    private final BufferedReader reader;
    private final Format format;
    private List<String> header;
    private int lineNumber;
    private Line next;

    public RequestFileReader(Path file, Format format) throws IOException {
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        this.format = format;
    }

    /** Non-blank lines that hold requests (the CSV header excluded), for the progress bar. */
    public static long countRequests(Path file, Format format) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            long nonBlank = lines.filter(l -> !l.isBlank()).count();
            return format == Format.CSV ? Math.max(0, nonBlank - 1) : nonBlank;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Line next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Line line = next;
        next = null;
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private Line advance() {
        String text;
        try {
            do {
                text = reader.readLine();
                lineNumber++;
            } while (text != null && text.isBlank());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text == null) {
            return null;
        }
        if (format == Format.CSV && header == null) {
            return readHeader(text) ? advance() : new Line.Bad(lineNumber, "the CSV header must name the columns: "
                    + "customerTenantId, requestedBy and optionally reason, correlationId, eventId, cleanup");
        }
        try {
            Map<String, String> fields = format == Format.JSONL ? jsonFields(text) : csvFields(text);
            return new Line.Good(lineNumber, new RequestInput(fields.get("customerTenantId"), fields.get("requestedBy"),
                    fields.get("reason"), fields.get("correlationId"), fields.get("eventId"), fields.get("cleanup")));
        } catch (BadLineException e) {
            return new Line.Bad(lineNumber, e.getMessage());
        }
    }

    private boolean readHeader(String text) {
        try {
            List<String> columns = new ArrayList<>();
            for (String column : CSV_ROW.<String[]>readValue(text)) {
                columns.add(column.strip());
            }
            if (!FIELDS.containsAll(columns) || !columns.contains("customerTenantId")) {
                header = List.of();
                return false;
            }
            header = columns;
            return true;
        } catch (IOException e) {
            header = List.of();
            return false;
        }
    }

    private Map<String, String> csvFields(String text) throws BadLineException {
        if (header.isEmpty()) {
            throw new BadLineException("skipped: the CSV header is invalid");
        }
        String[] values;
        try {
            values = CSV_ROW.readValue(text);
        } catch (IOException e) {
            throw new BadLineException("not valid CSV (" + firstLine(e.getMessage()) + ")");
        }
        if (values.length != header.size()) {
            throw new BadLineException("has " + values.length + " columns, the header has " + header.size());
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            fields.put(header.get(i), values[i]);
        }
        return fields;
    }

    private static Map<String, String> jsonFields(String text) throws BadLineException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLineException("not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadLineException("not a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new BadLineException("unknown field '" + field.getKey() + "' (expected " + String.join(", ",
                        List.of("customerTenantId", "requestedBy", "reason", "correlationId", "eventId", "cleanup"))
                        + ")");
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (field.getKey().equals("cleanup") && value.isBoolean()) {
                fields.put("cleanup", value.asText());
                continue;
            }
            if (!value.isTextual()) {
                throw new BadLineException("field '" + field.getKey() + "' must be a string");
            }
            fields.put(field.getKey(), value.asText());
        }
        return fields;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static final class BadLineException extends Exception {

        private static final long serialVersionUID = 1L;

        BadLineException(String message) {
            super(message, null, false, false);
        }
    }
}
