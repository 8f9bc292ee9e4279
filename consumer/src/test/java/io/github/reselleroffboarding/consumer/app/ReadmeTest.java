package io.github.reselleroffboarding.consumer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every setting the consumer reads, and the CI runs its test command. */
class ReadmeTest {

    static final Path README = Path.of("../README.md");

    @Test
    void theConfigurationTableListsEverySetting() throws IOException {
        String readme = Files.readString(README);

        for (String name : ConfigLoader.names()) {
            assertThat(readme).as("README row for %s", name).contains("| `" + name + "` |");
        }
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String ci = Files.readString(Path.of("../.ci/run"));

        assertThat(ci).contains("mvn -B verify");
        assertThat(Files.readString(README)).contains("```\nmvn -B -q -DskipTests package && java -jar "
                + "devstack/target/offboarding-devstack.jar\nmvn -B verify\n```");
    }
}
