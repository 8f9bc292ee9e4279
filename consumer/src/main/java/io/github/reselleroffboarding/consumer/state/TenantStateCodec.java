package io.github.reselleroffboarding.consumer.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** State records as JSON: readable with any Kafka tool, and tolerant of fields a newer version adds. */
public final class TenantStateCodec {

    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    // bound once: readValue(bytes, Class) looks the (de)serializer up again on every call
    private final ObjectReader reader = json.readerFor(TenantState.class);
    private final ObjectWriter writer = json.writerFor(TenantState.class);

    public byte[] encode(TenantState state) {
        try {
            return writer.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TenantState decode(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable state record", e);
        }
    }
}
