package io.github.reselleroffboarding.schemaregistry;

import static io.github.reselleroffboarding.schemaregistry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.schemaregistry.RegistryClient.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The registry over real HTTP on loopback, request by request as Confluent's REST API reference describes it.
 * Every test uses its own subject, so they share one server.
 */
class SchemaRegistryApiTest {

    static final String USER_V1 = """
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"name","type":"string"}]}""";
    /** Adds an optional field with a default: BACKWARD and FORWARD compatible with v1. */
    static final String USER_V2 = """
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"name","type":"string"},
            {"name":"email","type":["null","string"],"default":null}]}""";
    /** Adds a required field: readers on it cannot read v1 data, so not BACKWARD compatible. */
    static final String USER_REQUIRED_FIELD = """
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"name","type":"string"},
            {"name":"age","type":"int"}]}""";
    /** Drops a field v1 readers need and that has no default: BACKWARD compatible, not FORWARD. */
    static final String USER_WITHOUT_NAME = """
            {"type":"record","name":"User","namespace":"t","fields":[
            {"name":"email","type":["null","string"],"default":null}]}""";

    static SchemaRegistryServer server;
    static RegistryClient client;

    @BeforeAll
    static void start() {
        server = SchemaRegistryServer.start(SchemaRegistrySettings.loopback());
        client = new RegistryClient(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersWithConfluentsContentType() {
        Answer answer = client.get("/subjects");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).hasValue("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void registeringReturnsAnIdAndRegisteringTheSameSchemaAgainReturnsTheSameId() {
        Answer first = client.post("/subjects/same-value/versions", schemaBody(USER_V1));
        Answer again = client.post("/subjects/same-value/versions", schemaBody(USER_V1));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("id").asInt()).isPositive();
        assertThat(again.body().get("id").asInt()).isEqualTo(first.body().get("id").asInt());
        assertThat(client.get("/subjects/same-value/versions").body()).hasSize(1);
    }

    @Test
    void identicalSchemasShareOneIdAcrossSubjectsAndWhitespaceDoesNotMatter() {
        int a = client.post("/subjects/share-a-value/versions", schemaBody(USER_V1)).body().get("id").asInt();
        int b = client.post("/subjects/share-b-value/versions", schemaBody(USER_V1.replace(",", " , ")))
                .body().get("id").asInt();

        assertThat(b).isEqualTo(a);
    }

    @Test
    void fetchesASchemaById() {
        int id = client.post("/subjects/by-id-value/versions", schemaBody(USER_V2)).body().get("id").asInt();

        Answer answer = client.get("/schemas/ids/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("schema").asText()).contains("\"name\":\"User\"", "\"email\"");
        assertThat(client.get("/schemas/ids/" + id + "/schema").body().get("name").asText()).isEqualTo("User");
    }

    @Test
    void anUnknownSchemaIdIs40403() {
        Answer answer = client.get("/schemas/ids/987654");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(40403);
        assertThat(answer.body().get("message").asText()).isEqualTo("Schema 987654 not found");
    }

    @Test
    void listsSubjectsAndTheirVersions() {
        client.post("/subjects/listed-value/versions", schemaBody(USER_V1));
        client.post("/subjects/listed-value/versions", schemaBody(USER_V2));

        assertThat(client.get("/subjects").body()).extracting(n -> n.asText()).contains("listed-value");
        assertThat(client.get("/subjects/listed-value/versions").body()).extracting(n -> n.asInt())
                .containsExactly(1, 2);
    }

    @Test
    void returnsAVersionByNumberAndTheLatest() {
        int v1 = client.post("/subjects/versions-value/versions", schemaBody(USER_V1)).body().get("id").asInt();
        int v2 = client.post("/subjects/versions-value/versions", schemaBody(USER_V2)).body().get("id").asInt();

        Answer first = client.get("/subjects/versions-value/versions/1");
        Answer latest = client.get("/subjects/versions-value/versions/latest");

        assertThat(first.body().get("subject").asText()).isEqualTo("versions-value");
        assertThat(first.body().get("version").asInt()).isEqualTo(1);
        assertThat(first.body().get("id").asInt()).isEqualTo(v1);
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("id").asInt()).isEqualTo(v2);
        assertThat(latest.body().get("schema").asText()).contains("email");
        assertThat(client.get("/subjects/versions-value/versions/-1").body().get("version").asInt()).isEqualTo(2);
        assertThat(client.get("/subjects/versions-value/versions/latest/schema").body().get("fields"))
                .hasSize(2);
    }

    @Test
    void aMissingSubjectIs40401AndAMissingVersion40402AndABadVersion42202() {
        client.post("/subjects/missing-value/versions", schemaBody(USER_V1));

        assertError(client.get("/subjects/no-such-subject/versions"), 404, 40401,
                "Subject 'no-such-subject' not found.");
        assertError(client.get("/subjects/missing-value/versions/7"), 404, 40402, "Version 7 not found.");
        assertThat(client.get("/subjects/missing-value/versions/abc").body().get("error_code").asInt())
                .isEqualTo(42202);
        assertThat(client.get("/subjects/missing-value/versions/0").status()).isEqualTo(422);
    }

    @Test
    void looksUpWhetherASchemaIsRegisteredUnderASubject() {
        int id = client.post("/subjects/lookup-value/versions", schemaBody(USER_V1)).body().get("id").asInt();

        Answer found = client.post("/subjects/lookup-value", schemaBody(USER_V1));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("id").asInt()).isEqualTo(id);
        assertThat(found.body().get("version").asInt()).isEqualTo(1);
        assertThat(found.body().get("subject").asText()).isEqualTo("lookup-value");
        assertError(client.post("/subjects/lookup-value", schemaBody(USER_V2)), 404, 40403, "Schema not found");
        assertThat(client.post("/subjects/lookup-elsewhere", schemaBody(USER_V1)).body().get("error_code").asInt())
                .isEqualTo(40401);
    }

    @Test
    void rejectsAnIncompatibleSchemaWithHttp409ByDefault() {
        client.post("/subjects/incompatible-value/versions", schemaBody(USER_V1));

        Answer answer = client.post("/subjects/incompatible-value/versions", schemaBody(USER_REQUIRED_FIELD));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(409);
        assertThat(answer.body().get("message").asText()).contains("incompatible", "age");
        assertThat(client.get("/subjects/incompatible-value/versions").body()).hasSize(1);
    }

    @Test
    void acceptsABackwardCompatibleSchemaAsTheNextVersion() {
        client.post("/subjects/compatible-value/versions", schemaBody(USER_V1));

        Answer answer = client.post("/subjects/compatible-value/versions", schemaBody(USER_V2));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(client.get("/subjects/compatible-value/versions").body()).hasSize(2);
    }

    @Test
    void checksCompatibilityAgainstAVersionWithoutRegistering() {
        client.post("/subjects/check-value/versions", schemaBody(USER_V1));

        Answer good = client.post("/compatibility/subjects/check-value/versions/latest", schemaBody(USER_V2));
        Answer bad = client.post("/compatibility/subjects/check-value/versions/1?verbose=true",
                schemaBody(USER_REQUIRED_FIELD));

        assertThat(good.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(bad.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.body().get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "age");
        assertThat(client.get("/subjects/check-value/versions").body()).hasSize(1);
        assertThat(client.post("/compatibility/subjects/never-registered/versions/latest", schemaBody(USER_V1))
                .body().get("error_code").asInt()).isEqualTo(40401);
    }

    @Test
    void invalidSchemasAndOtherSchemaTypesAre42201() {
        Answer broken = client.post("/subjects/invalid-value/versions", schemaBody("{\"type\":\"record\"}"));
        Answer protobuf = client.post("/subjects/invalid-value/versions",
                Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF"));

        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.body().get("error_code").asInt()).isEqualTo(42201);
        assertThat(protobuf.body().get("error_code").asInt()).isEqualTo(42201);
        assertThat(protobuf.body().get("message").asText()).contains("PROTOBUF");
    }

    @Test
    void acceptsTheContentTypesConfluentAcceptsAndRefusesOthers() {
        assertThat(client.post("/subjects/ct-value/versions", schemaBody(USER_V1), "application/json").status())
                .isEqualTo(200);
        assertThat(client.post("/subjects/ct-value/versions", schemaBody(USER_V1),
                "application/vnd.schemaregistry+json").status()).isEqualTo(200);
        assertThat(client.post("/subjects/ct-value/versions", schemaBody(USER_V1), "text/plain").status())
                .isEqualTo(415);
    }

    @Test
    void ignoresFieldsAndQueryParametersNewerClientsSend() {
        Map<String, Object> body = Map.of("schema", USER_V1, "schemaType", "AVRO", "references", new Object[0],
                "metadata", Map.of(), "ruleSet", Map.of());

        Answer answer = client.post("/subjects/newer-client-value/versions?normalize=false", body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(client.get("/schemas/ids/" + answer.body().get("id").asInt() + "?subject=newer-client-value")
                .status()).isEqualTo(200);
    }

    @Test
    void subjectNamesMayContainEncodedCharacters() throws Exception {
        Answer answer = client.post("/subjects/orders%2Feu%20west-value/versions", schemaBody(USER_V1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(client.get("/subjects").body()).extracting(n -> n.asText()).contains("orders/eu west-value");
        assertThat(new ObjectMapper().writeValueAsString(client.get("/subjects/orders%2Feu%20west-value/versions")
                .body())).isEqualTo("[1]");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405InConfluentsErrorShape() {
        assertError(client.get("/nothing/here"), 404, 404, "HTTP 404 Not Found");
        assertError(client.delete("/schemas/types"), 405, 405, "HTTP 405 Method Not Allowed");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Answer answer = client.post("/subjects/malformed-value/versions", "{\"schema\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("message").asText()).startsWith("malformed JSON");
    }

    @Test
    void listsAvroAsTheOnlySchemaTypeAndAnswersTheRootPath() {
        assertThat(client.get("/schemas/types").body()).extracting(n -> n.asText()).containsExactly("AVRO");
        assertThat(client.get("/").status()).isEqualTo(200);
    }

    @Test
    void countsRequestsByRouteSoTestsCanProveCaching() {
        client.get("/schemas/types");
        client.get("/schemas/types");

        assertThat(server.requestCounts()).containsKey("GET /schemas/types");
        assertThat(server.requestCounts().get("GET /schemas/types")).isGreaterThanOrEqualTo(2);
    }

    @Nested
    class CompatibilityConfig {

        @Test
        void theGlobalLevelIsBackwardUnlessChanged() {
            // other tests rely on the default, so this one only reads it
            assertThat(client.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        }

        @Test
        void aSubjectLevelIsSetReadAndDeleted() {
            assertError(client.get("/config/levels-value"), 404, 40408,
                    "Subject 'levels-value' does not have subject-level compatibility configured");
            assertThat(client.get("/config/levels-value?defaultToGlobal=true").body().get("compatibilityLevel")
                    .asText()).isEqualTo("BACKWARD");

            Answer put = client.put("/config/levels-value", Map.of("compatibility", "FULL"));

            assertThat(put.body().get("compatibility").asText()).isEqualTo("FULL");
            assertThat(client.get("/config/levels-value").body().get("compatibilityLevel").asText())
                    .isEqualTo("FULL");
            assertThat(client.delete("/config/levels-value").body().get("compatibilityLevel").asText())
                    .isEqualTo("FULL");
            assertThat(client.get("/config/levels-value").status()).isEqualTo(404);
        }

        @Test
        void anUnknownLevelIs42203() {
            Answer answer = client.put("/config/bad-level-value", Map.of("compatibility", "SIDEWAYS"));

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.body().get("error_code").asInt()).isEqualTo(42203);
        }

        @Test
        void fullRejectsAChangeThatIsOnlyBackwardCompatible() {
            client.post("/subjects/full-value/versions", schemaBody(USER_V2));
            client.put("/config/full-value", Map.of("compatibility", "FULL"));

            Answer answer = client.post("/subjects/full-value/versions", schemaBody(USER_WITHOUT_NAME));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body().get("message").asText()).contains("FORWARD");
        }

        @Test
        void noneAcceptsAnything() {
            client.post("/subjects/none-value/versions", schemaBody(USER_V1));
            client.put("/config/none-value", Map.of("compatibility", "none"));

            assertThat(client.post("/subjects/none-value/versions", schemaBody(USER_REQUIRED_FIELD)).status())
                    .isEqualTo(200);
        }

        @Test
        void backwardTransitiveChecksEveryEarlierVersion() {
            String v3 = """
                    {"type":"record","name":"User","namespace":"t","fields":[
                    {"name":"email","type":["null","string"],"default":null},
                    {"name":"age","type":"int","default":0}]}""";
            String v4RequiresName = """
                    {"type":"record","name":"User","namespace":"t","fields":[
                    {"name":"email","type":["null","string"],"default":null},
                    {"name":"age","type":"int","default":0},{"name":"name","type":"string"}]}""";
            client.put("/config/transitive-value", Map.of("compatibility", "BACKWARD_TRANSITIVE"));
            client.post("/subjects/transitive-value/versions", schemaBody(USER_WITHOUT_NAME));
            client.post("/subjects/transitive-value/versions", schemaBody(v3));

            // v4 reads v3 data only if "name" had a default; v3 never wrote it, so it is rejected
            assertThat(client.post("/subjects/transitive-value/versions", schemaBody(v4RequiresName)).status())
                    .isEqualTo(409);
        }
    }

    static void assertError(Answer answer, int status, int code, String message) {
        assertThat(answer.status()).as("HTTP status").isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).as("error_code").isEqualTo(code);
        assertThat(answer.body().get("message").asText()).isEqualTo(message);
    }
}
