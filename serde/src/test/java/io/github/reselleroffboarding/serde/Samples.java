package io.github.reselleroffboarding.serde;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Records and schema variants for the serde tests. */
final class Samples {

    /** The request schema as an older publisher knew it: no correlationId yet. */
    static final Schema REQUEST_WITHOUT_CORRELATION_ID = new Schema.Parser().parse("""
            {"type":"record","name":"CustomerOffboardRequested","namespace":"io.github.reselleroffboarding.events",
             "fields":[
              {"name":"eventId","type":"string"},
              {"name":"customerTenantId","type":"string"},
              {"name":"requestedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"requestedBy","type":"string"},
              {"name":"reason","type":["null","string"],"default":null}]}""");

    /** The request schema as a newer publisher may know it: one optional field more. */
    static final Schema REQUEST_WITH_TICKET = new Schema.Parser().parse("""
            {"type":"record","name":"CustomerOffboardRequested","namespace":"io.github.reselleroffboarding.events",
             "fields":[
              {"name":"eventId","type":"string"},
              {"name":"customerTenantId","type":"string"},
              {"name":"requestedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"requestedBy","type":"string"},
              {"name":"reason","type":["null","string"],"default":null},
              {"name":"correlationId","type":["null","string"],"default":null},
              {"name":"crmTicket","type":["null","string"],"default":null}]}""");

    static final Schema TINY = SchemaBuilder.record("Tiny").namespace("t").fields().requiredString("s").endRecord();

    private Samples() {
    }

    static CustomerOffboardRequested request(String eventId) {
        return CustomerOffboardRequested.newBuilder()
                .setEventId(eventId)
                .setCustomerTenantId("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11")
                .setRequestedAt(Instant.parse("2026-11-21T10:15:30.123Z"))
                .setRequestedBy("alice@contoso.example")
                .setReason("contract ended")
                .setCorrelationId("corr-1")
                .build();
    }

    static GenericRecord generic(Schema schema, String eventId) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("eventId", eventId);
        record.put("customerTenantId", "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11");
        record.put("requestedAt", Instant.parse("2026-11-21T10:15:30.123Z").toEpochMilli());
        record.put("requestedBy", "bob@contoso.example");
        record.put("reason", null);
        if (schema.getField("correlationId") != null) {
            record.put("correlationId", "corr-2");
        }
        if (schema.getField("crmTicket") != null) {
            record.put("crmTicket", "T-42");
        }
        return record;
    }
}
