package io.github.reselleroffboarding.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * How a topic and a record schema map to a registry subject. Configured with Confluent's class names (simple or
 * fully qualified), so the same properties select the same subjects in Confluent's serde.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (Confluent's default). */
    TOPIC_NAME("TopicNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME("RecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}: several record types per topic. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String simpleName;

    SubjectNameStrategy(String simpleName) {
        this.simpleName = simpleName;
    }

    public abstract String subject(String topic, boolean isKey, Schema schema);

    static Optional<SubjectNameStrategy> forClassName(String name) {
        return Arrays.stream(values())
                .filter(s -> name.equals(s.simpleName) || name.equals(CONFLUENT_PACKAGE + s.simpleName))
                .findFirst();
    }

    static List<String> supportedNames() {
        return Arrays.stream(values()).map(s -> CONFLUENT_PACKAGE + s.simpleName).toList();
    }

    @Override
    public String toString() {
        return simpleName;
    }
}
