package io.github.reselleroffboarding.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged executable jar, run as its own process with the environment a user would set. */
@IntegrationTest
class ProducerJarIT {

    static final Path JAR = Path.of("target/offboarding-producer.jar");

    @Test
    void sendsARequestConfiguredOnlyByEnvironmentVariables(TestEnvironment env) throws Exception {
        String topic = env.newTopic("jar-requests", 1);

        Result result = run(Map.of("KAFKA_BOOTSTRAP_SERVERS", env.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", env.schemaRegistryUrl().toString(), "OFFBOARD_REQUESTS_TOPIC", topic),
                "send", "--tenant", "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", "--requested-by", "jar-test");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).startsWith("sent eventId=");
        assertThat(Outcomes.readRequests(env, topic, 1, Duration.ofSeconds(15))).hasSize(1);
    }

    @Test
    void anUnknownFlagPrintsOneLineWithoutAStackTrace() throws Exception {
        Result result = run(Map.of(), "tail", "--follow");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.output()).isEqualTo("error: Unknown option: '--follow' (see 'tail --help')"
                + System.lineSeparator());
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Map<String, String> environment, String... args) throws Exception {
        assertThat(JAR).as("built by 'mvn package'").exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("SCHEMA_REGISTRY")
                || k.startsWith("OFFBOARD_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
