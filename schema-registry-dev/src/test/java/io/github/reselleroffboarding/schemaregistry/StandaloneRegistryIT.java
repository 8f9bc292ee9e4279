package io.github.reselleroffboarding.schemaregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code schema-registry-dev.jar} as its own process, driven by {@code curl} the way Confluent's API
 * examples drive the real registry: a client that shares no code with this project.
 */
class StandaloneRegistryIT {

    static final Path JAR = Path.of("target/schema-registry-dev.jar");
    static Process registry;
    static int port;

    @BeforeAll
    static void launch() throws IOException {
        assertThat(JAR).as("built by 'mvn package'").exists();
        port = freePort();
        registry = new ProcessBuilder(java(), "-jar", JAR.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/standalone-registry.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> portOpen(port));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (registry != null) {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesConfluentsApiToAClientInAnotherLanguage() throws Exception {
        Assumptions.assumeTrue(commandExists("curl"), "curl is not installed");
        String schema = "{\"schema\": \"{\\\"type\\\": \\\"string\\\"}\"}";

        String registered = curl("-X", "POST", "-H", "Content-Type: application/vnd.schemaregistry.v1+json",
                "--data", schema, url("/subjects/Kafka-key/versions"));
        String subjects = curl(url("/subjects"));
        String latest = curl(url("/subjects/Kafka-key/versions/latest"));
        String config = curl(url("/config"));

        assertThat(registered).isEqualTo("{\"id\":1}");
        assertThat(subjects).isEqualTo("[\"Kafka-key\"]");
        assertThat(latest).isEqualTo("{\"subject\":\"Kafka-key\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}");
        assertThat(config).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void anUnknownFlagIsAOneLineUsageErrorWithExitCode2() throws Exception {
        Process wrong = new ProcessBuilder(java(), "-jar", JAR.toString(), "--prot", "1").redirectErrorStream(true)
                .start();
        String output = new String(wrong.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(wrong.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("Unknown options: '--prot', '1' (see --help)" + System.lineSeparator());
    }

    private static String url(String path) {
        return URI.create("http://127.0.0.1:" + port + path).toString();
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "5"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as("curl exit code; output: %s", body).isZero();
        return body;
    }

    private static boolean commandExists(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
