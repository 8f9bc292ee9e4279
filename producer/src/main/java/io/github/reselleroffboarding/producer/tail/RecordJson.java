package io.github.reselleroffboarding.producer.tail;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as plain JSON values, field by field in schema order: timestamps as ISO-8601, enums as their
 * names, unions without Avro's {@code {"string": ...}} wrapping. What a script wants from {@code tail --json}.
 */
public final class RecordJson {

    private RecordJson() {
    }

    public static Map<String, Object> of(IndexedRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.put(field.name(), value(record.get(field.pos())));
        }
        return json;
    }

    private static Object value(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>
                || value instanceof Instant) {
            return value.toString();
        }
        if (value instanceof IndexedRecord nested) {
            return of(nested);
        }
        if (value instanceof Collection<?> items) {
            var list = new ArrayList<>(items.size());
            items.forEach(item -> list.add(value(item)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
            return out;
        }
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer view = bytes.duplicate();
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            return Base64.getEncoder().encodeToString(copy);
        }
        return value.toString();
    }
}
