package io.github.reselleroffboarding.producer;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from environment variables, the same names the consumer reads, so one environment
 * configures the service and the CLI. A flag on the command line always wins.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    /** Option name to (environment variable, built-in default or null). */
    static final Map<String, String[]> OPTIONS = Map.of(
            "--bootstrap-servers", new String[] {"KAFKA_BOOTSTRAP_SERVERS", null},
            "--schema-registry-url", new String[] {"SCHEMA_REGISTRY_URL", null},
            "--client-config", new String[] {"KAFKA_CLIENT_CONFIG_FILE", null},
            "--topic", new String[] {"OFFBOARD_REQUESTS_TOPIC", "customer-offboard-requested"},
            "--removed-topic", new String[] {"RELATIONSHIP_REMOVED_TOPIC", "relationship-removed"},
            "--blocked-topic", new String[] {"OFFBOARD_BLOCKED_TOPIC", "offboard-blocked"},
            "--dead-letter-topic", new String[] {"DEAD_LETTER_TOPIC", "customer-offboard-requested-dlt"});

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String[] mapping = OPTIONS.get(option.longestName());
        if (mapping == null) {
            return null;
        }
        String fromEnvironment = environment.get(mapping[0]);
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip() : mapping[1];
    }
}
