package io.github.reselleroffboarding.consumer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.config.ServiceConfig;
import io.github.reselleroffboarding.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the one the settings' declarations give (name, default and meaning, row
 * by row), and the README's commands are the ones CI runs.
 */
class ReadmeTest {

    static final Path README = Path.of("../README.md");

    @Test
    void theConfigurationTableIsTheOneTheDeclarationsGive() throws IOException {
        String readme = Files.readString(README);
        List<String> rows = List.of(ServiceConfig.CATALOG.markdownTable().split("\n"));

        for (String row : rows) {
            assertThat(readme).as("README row (the declaration in ServiceConfig or SharedSettings is the truth; print the table with ServiceConfig's main)")
                    .contains("\n" + row + "\n");
        }
        // and in one block, in the declared order, with no row the declarations do not have
        assertThat(readme).contains(ServiceConfig.CATALOG.markdownTable());
    }

    @Test
    void everySecretSaysItIsNeverLogged() {
        for (Setting<?> setting : ServiceConfig.CATALOG.settings()) {
            if (setting.secret()) {
                assertThat(setting.doc()).as(setting.name()).contains("never logged");
            }
        }
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String ci = Files.readString(Path.of("../.ci/run"));

        assertThat(ci).contains("./mvnw -B verify");
        assertThat(Files.readString(README)).contains("```\n./mvnw -B -q -DskipTests package && java -jar "
                + "devstack/target/offboarding-devstack.jar\n./mvnw -B verify\n```");
    }
}
