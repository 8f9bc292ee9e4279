package io.github.reselleroffboarding.schemaregistry;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar schema-registry-dev.jar --port 8081}: the development registry as its own process. */
@Command(name = "schema-registry-dev", mixinStandardHelpOptions = true, version = "schema-registry-dev 0.1.0",
        description = "Development stand-in for Confluent Schema Registry (Avro, in memory).")
public final class SchemaRegistryMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryMain.class);

    @Option(names = "--port", defaultValue = "8081", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 to accept other hosts).")
    String host;

    @Option(names = "--basic-auth-env", paramLabel = "VAR",
            description = "Require HTTP basic auth with the user:password held in this environment variable.")
    String basicAuthEnv;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SchemaRegistryMain());
        // a usage mistake gets one line, not the whole help text
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println(e.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        SchemaRegistrySettings settings = new SchemaRegistrySettings(host, port, basicAuth());
        SchemaRegistryServer server = SchemaRegistryServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "schema-registry-dev-shutdown"));
        log.info("Schema Registry (development) listening on {} with {}", server.baseUri(), settings);
        server.awaitClose();
        return 0;
    }

    private Optional<String> basicAuth() {
        if (basicAuthEnv == null) {
            return Optional.empty();
        }
        String value = System.getenv(basicAuthEnv);
        if (value == null || value.isBlank()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--basic-auth-env: environment variable " + basicAuthEnv + " is not set");
        }
        return Optional.of(value);
    }
}
