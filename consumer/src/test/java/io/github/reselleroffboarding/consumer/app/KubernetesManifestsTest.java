package io.github.reselleroffboarding.consumer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ServiceConfig;
import io.github.reselleroffboarding.consumer.health.HealthServer;
import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.settings.Parsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests and the Dockerfile, checked without a cluster or a Docker engine: they set only
 * settings the service reads, probe endpoints it serves, pin their images, let the service finish its shutdown,
 * and never inline a secret.
 */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("../deploy/kubernetes");
    static final Path DOCKERFILE = Path.of("../Dockerfile");
    /** What the JVM and the platform read, not the service. */
    static final List<String> PLATFORM_VARIABLES = List.of("JAVA_TOOL_OPTIONS");

    final List<JsonNode> documents = read();

    @Test
    void everyVariableTheManifestsSetIsOneTheServiceReads() {
        List<String> names = new ArrayList<>(configMap().path("data").propertyStream().map(Map.Entry::getKey)
                .toList());
        container().path("env").forEach(e -> names.add(e.path("name").asText()));
        names.removeAll(PLATFORM_VARIABLES);

        assertThat(names).isNotEmpty();
        assertThat(ServiceConfig.names()).containsAll(names);
    }

    @Test
    void theConfigurationLoadsWithTheSecretsTheSecretWouldAdd() {
        Map<String, String> environment = new HashMap<>();
        configMap().path("data").propertyStream().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        environment.put("CONSUMER_INSTANCE_ID", "reseller-offboarding-0");
        environment.putAll(Map.of("PARTNER_CENTER_TENANT_ID", "contoso-partner.onmicrosoft.com",
                "PARTNER_CENTER_CLIENT_ID", "app", "PARTNER_CENTER_CLIENT_SECRET", "s",
                "PARTNER_CENTER_REFRESH_TOKEN", "r"));

        assertThatCode(() -> ConfigLoader.load(environment)).doesNotThrowAnyException();
    }

    @Test
    void theInstanceIdIsThePodsStableName() {
        List<JsonNode> env = new ArrayList<>();
        container().path("env").forEach(env::add);

        assertThat(env).anySatisfy(e -> {
            assertThat(e.path("name").asText()).isEqualTo("CONSUMER_INSTANCE_ID");
            assertThat(e.path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");
        });
        assertThat(kind("StatefulSet")).isNotNull();
    }

    @Test
    void everyProbeHitsAnEndpointTheServiceServesOnItsHealthPort() throws Exception {
        JsonNode container = container();
        int healthPort = Integer.parseInt(configMap().path("data").path("HEALTH_PORT").asText());
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(healthPort);
        HttpClient http = HttpClient.newHttpClient();
        try (HealthServer server = HealthServer.start(0, new ServiceHealth(Clock.systemUTC()), () -> "")) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText();
                assertThat(path).as(probe).startsWith("/");
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(probe + " " + path + " is served").isIn(200, 503);
            }
        }
        JsonNode annotations = kind("StatefulSet").path("spec").path("template").path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(healthPort));
    }

    @Test
    void thePodIsGivenLongerToStopThanTheServiceTakesToFinishItsRequests() {
        Duration shutdown = Parsers.duration(Duration.ZERO).parse(configMap().path("data").path("SHUTDOWN_TIMEOUT")
                .asText());
        long grace = kind("StatefulSet").path("spec").path("template").path("spec")
                .path("terminationGracePeriodSeconds").asLong();

        assertThat(Duration.ofSeconds(grace)).isGreaterThan(shutdown.plusSeconds(10));
        assertThat(kind("PodDisruptionBudget")).isNotNull();
    }

    @Test
    void imagesArePinnedAndTheContainerRunsAsNonRoot() throws IOException {
        assertThat(container().path("image").asText()).matches(ComposeFileTest.PINNED_TAG);
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        List<String> from = dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).isNotEmpty().allSatisfy(l -> assertThat(l.substring(5).strip().replaceFirst("\\s.*", ""))
                .matches(ComposeFileTest.PINNED_TAG));
        assertThat(dockerfile.lines().filter(l -> l.startsWith("USER ")).toList()).singleElement()
                .satisfies(user -> assertThat(user).doesNotContain("root").doesNotMatch("USER 0(:.*)?"));
        assertThat(dockerfile).contains("JAVA_TOOL_OPTIONS").contains("consumer/target/offboarding-consumer.jar");
        assertThat(kind("StatefulSet").path("spec").path("template").path("spec").path("securityContext")
                .path("runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void noSecretValueIsInlined() {
        List<String> secretSettings = ServiceConfig.CATALOG.settings().stream().filter(s -> s.secret())
                .map(s -> s.name()).toList();
        assertThat(secretSettings).isNotEmpty();

        assertThat(configMap().path("data").propertyStream().map(Map.Entry::getKey)).doesNotContainAnyElementsOf(
                secretSettings);
        container().path("env").forEach(e -> assertThat(secretSettings).as("env %s", e.path("name").asText())
                .doesNotContain(e.path("name").asText()));
        assertThat(configMap().path("data").path("SCHEMA_REGISTRY_URL").asText()).doesNotContain("@");
        assertThat(documents).noneSatisfy(d -> assertThat(d.path("kind").asText()).isEqualTo("Secret"));
        assertThat(container().path("envFrom").findValuesAsText("name")).contains("reseller-offboarding");
    }

    private JsonNode configMap() {
        return kind("ConfigMap");
    }

    private JsonNode container() {
        return kind("StatefulSet").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private JsonNode kind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElse(null);
    }

    private static List<JsonNode> read() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(DIR)) {
            List<JsonNode> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                yaml.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(n -> all.add((JsonNode) n));
            }
            return all;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DIR, e);
        }
    }
}
