package io.github.reselleroffboarding.producer;

import io.github.reselleroffboarding.settings.Setting;
import io.github.reselleroffboarding.settings.SharedSettings;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from environment variables, the same names the consumer reads, so one environment
 * configures the service and the CLI. A flag on the command line always wins.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    /** Where an option's default comes from; with {@code useDefault}, the setting's own default applies too. */
    record Source(Setting<?> setting, boolean useDefault) {
    }

    /**
     * Option name to its setting. The connection options have no built-in default here: the commands say when
     * neither a flag nor the environment names the broker or registry.
     */
    static final Map<String, Source> OPTIONS = Map.of(
            "--bootstrap-servers", new Source(SharedSettings.KAFKA_BOOTSTRAP_SERVERS, false),
            "--schema-registry-url", new Source(SharedSettings.SCHEMA_REGISTRY_URL, false),
            "--client-config", new Source(SharedSettings.KAFKA_CLIENT_CONFIG_FILE, false),
            "--topic", new Source(SharedSettings.OFFBOARD_REQUESTS_TOPIC, true),
            "--removed-topic", new Source(SharedSettings.RELATIONSHIP_REMOVED_TOPIC, true),
            "--blocked-topic", new Source(SharedSettings.OFFBOARD_BLOCKED_TOPIC, true),
            "--assessed-topic", new Source(SharedSettings.OFFBOARD_ASSESSED_TOPIC, true),
            "--dead-letter-topic", new Source(SharedSettings.DEAD_LETTER_TOPIC, true));

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        Source source = OPTIONS.get(option.longestName());
        if (source == null) {
            return null;
        }
        String fromEnvironment = environment.get(source.setting().name());
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        return source.useDefault() ? source.setting().defaultText().orElse(null) : null;
    }
}
