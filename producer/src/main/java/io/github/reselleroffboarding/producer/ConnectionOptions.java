package io.github.reselleroffboarding.producer;

import io.github.reselleroffboarding.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Where Kafka and the Schema Registry are, and how to authenticate to them. Shared by every command. */
public final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS; else bootstrap.servers from --client-config; "
                    + "else localhost:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema Registry (env SCHEMA_REGISTRY_URL; else schema.registry.url from "
                    + "--client-config; else http://localhost:8081).")
    String schemaRegistryUrl;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client and serde properties (SASL/SSL, basic.auth.*), applied to every client "
                    + "(env KAFKA_CLIENT_CONFIG_FILE).")
    Path clientConfig;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for Kafka or the Schema Registry before giving up (default: "
                    + "${DEFAULT-VALUE}).")
    Duration timeout;

    /** Client properties for producers, consumers, admin clients and the serde, with timeouts applied. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        if (clientConfig != null) {
            loadInto(props);
        }
        if (bootstrapServers != null) {
            props.put("bootstrap.servers", bootstrapServers);
        }
        props.putIfAbsent("bootstrap.servers", "localhost:9092");
        if (schemaRegistryUrl != null) {
            props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        }
        props.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");
        String millis = String.valueOf(timeout.toMillis());
        props.put(AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, millis);
        props.put(AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, millis);
        return props;
    }

    public Duration timeout() {
        return timeout;
    }

    public String bootstrapServers() {
        return String.valueOf(clientProperties().get("bootstrap.servers"));
    }

    private void loadInto(Map<String, Object> props) {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(clientConfig, StandardCharsets.UTF_8)) {
            file.load(in);
        } catch (NoSuchFileException e) {
            throw new CliFailure("--client-config " + clientConfig + ": no such file", ExitCodes.USAGE);
        } catch (IOException e) {
            throw new CliFailure("--client-config " + clientConfig + ": cannot read it (" + e.getMessage() + ")",
                    ExitCodes.USAGE);
        }
        file.stringPropertyNames().forEach(name -> props.put(name, file.getProperty(name)));
    }
}
