package io.github.reselleroffboarding.partnercenter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partner Center JSON as it really comes: property names in any casing (the docs' PATCH response is PascalCase),
 * unknown properties ignored, error {@code code} as a number or a string, timestamps with up to seven fractional
 * digits and sometimes without a zone.
 */
final class PartnerCenterJson {

    /** One page of a collection. {@code totalCount} is the size of this page, not of the collection. */
    record Page<T>(Integer totalCount, List<T> items, Links links, String continuationToken) {

        List<T> itemsOrEmpty() {
            return items == null ? List.of() : items;
        }

        Optional<Link> next() {
            return Optional.ofNullable(links).map(Links::next).filter(link -> link.uri() != null
                    && !link.uri().isBlank());
        }
    }

    record Links(Link self, Link next, Link previous) {
    }

    /** A link to follow: the next request is {@code method uri} sending every header listed. */
    record Link(String uri, String method, List<Header> headers) {

        List<Header> headersOrEmpty() {
            return headers == null ? List.of() : headers;
        }
    }

    record Header(String key, String value) {
    }

    /** Both error shapes: {@code {code, description}} and the 429 body {@code {statusCode, message}}. */
    record ApiError(JsonNode code, String description, String message, Integer statusCode) {

        Optional<String> codeText() {
            if (code == null || code.isNull() || code.isMissingNode()) {
                return Optional.empty();
            }
            String text = code.isValueNode() ? code.asText() : code.toString();
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }

        Optional<String> text() {
            String text = description != null && !description.isBlank() ? description : message;
            return Optional.ofNullable(text).filter(t -> !t.isBlank());
        }
    }

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("partner-center").addDeserializer(Instant.class, new LenientInstant()))
            .build();

    /** A reader per target type, built once: resolving the type on every call costs more than parsing a page. */
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> pageReaders = new ConcurrentHashMap<>();

    <T> T read(String body, Class<T> type) throws JsonProcessingException {
        return readers.computeIfAbsent(type, mapper::readerFor).readValue(body);
    }

    <T> Page<T> readPage(String body, Class<T> itemType) throws JsonProcessingException {
        return pageReaders.computeIfAbsent(itemType, item -> mapper.readerFor(mapper.getTypeFactory()
                .constructParametricType(Page.class, item))).readValue(body);
    }

    Optional<ApiError> readError(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(body, ApiError.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    JsonNode tree(String body) throws JsonProcessingException {
        return mapper.readTree(body);
    }

    /** ISO-8601 instants; a date-time without zone is taken as UTC, a bare date as its UTC midnight. */
    private static final class LenientInstant extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        LenientInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null || text.isBlank()) {
                return null;
            }
            String value = text.strip();
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notInstant) {
                try {
                    return java.time.OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException notOffset) {
                    try {
                        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notLocal) {
                        try {
                            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                        } catch (DateTimeParseException notDate) {
                            return (Instant) context.handleWeirdStringValue(Instant.class, value,
                                    "not an ISO-8601 date-time");
                        }
                    }
                }
            }
        }
    }
}
