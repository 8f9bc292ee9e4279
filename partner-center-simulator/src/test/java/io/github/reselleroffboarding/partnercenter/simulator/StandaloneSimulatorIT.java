package io.github.reselleroffboarding.partnercenter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar partner-center-simulator.jar} with a seed file and a static token from the environment. */
class StandaloneSimulatorIT {

    @TempDir
    Path dir;

    @Test
    void servesTheSeedFileToAClientWithTheStaticToken() throws Exception {
        Path seed = dir.resolve("customers.json");
        Files.writeString(seed, """
                {"customers": [
                  {"id": "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", "companyName": "Contoso",
                   "generateSubscriptions": [{"count": 3, "status": "active", "offerName": "E3"}]}
                ]}""");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/partner-center-simulator.jar", "--port", String.valueOf(port), "--seed-file",
                seed.toString(), "--access-token-env", "SIM_TOKEN", "--page-size", "2")
                .redirectErrorStream(true).redirectOutput(dir.resolve("simulator.log").toFile());
        builder.environment().put("SIM_TOKEN", "dev-token-123");
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> portOpen(port));
            SimHttp http = new SimHttp(URI.create("http://127.0.0.1:" + port));

            SimHttp.Answer page = http.get("/v1/customers/6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11/subscriptions",
                    "dev-token-123");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().get("items")).hasSize(2);
            assertThat(page.body().get("links").has("next")).isTrue();
            assertThat(http.get("/v1/customers/6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", "other").status())
                    .isEqualTo(401);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
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
