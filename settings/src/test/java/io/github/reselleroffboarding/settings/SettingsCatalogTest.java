package io.github.reselleroffboarding.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCatalogTest {

    static final Setting<Integer> LIMIT = Setting.of("LIMIT", Parsers.intBetween(1, 10), "5", "how many");
    static final Setting<Duration> WAIT_MS = Setting.of("WAIT_MS", Parsers.millis(Duration.ofMillis(10)), "100",
            "how long");
    static final Setting<String> TOKEN = Setting.secret("TOKEN", "(none)", "a token; never logged");
    static final Setting<String> NAME = Setting.optional("NAME", Parsers.topic(), "from the group", "a topic");
    static final Setting<Path> FILE = Setting.optional("FILE", Parsers.path(), "(none)", "more settings");
    static final SettingsCatalog CATALOG = SettingsCatalog.of(List.of(LIMIT, WAIT_MS, TOKEN, NAME, FILE));

    @TempDir
    Path dir;

    @Test
    void aMissingValueTakesTheDeclaredDefault() {
        SettingValues values = CATALOG.load(Map.of());

        assertThat(values.get(LIMIT)).isEqualTo(5);
        assertThat(values.get(WAIT_MS)).isEqualTo(Duration.ofMillis(100));
        assertThat(values.find(NAME)).isEmpty();
        assertThat(values.isSet(LIMIT)).isFalse();
    }

    @Test
    void aBlankValueCountsAsMissing() {
        assertThat(CATALOG.load(Map.of("LIMIT", "  ")).get(LIMIT)).isEqualTo(5);
    }

    @Test
    void aBadValueFailsNamingTheSettingAndWhatIsWrong() {
        assertThatThrownBy(() -> CATALOG.load(Map.of("LIMIT", "11")).get(LIMIT))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("LIMIT: must be between 1 and 10 (was 11)");
        assertThatThrownBy(() -> CATALOG.load(Map.of("WAIT_MS", "5")).get(WAIT_MS))
                .hasMessage("WAIT_MS: must be at least PT0.01S (was 5)");
        assertThatThrownBy(() -> CATALOG.load(Map.of("NAME", "bad name!")).get(NAME))
                .hasMessage("NAME: 'bad name!' is not a valid topic name");
    }

    @Test
    void aRequiredSettingWithoutValueOrDefaultSaysSo() {
        assertThatThrownBy(() -> CATALOG.load(Map.of()).get(NAME)).hasMessage("NAME: required");
    }

    @Test
    void aSecretIsNeverEchoedNorLogged() {
        Setting<Integer> secretNumber = new Setting<>("PIN", Parsers.intBetween(0, 9), java.util.Optional.empty(),
                null, "a pin", true);
        SettingsCatalog catalog = SettingsCatalog.of(List.of(secretNumber, TOKEN));

        assertThatThrownBy(() -> catalog.load(Map.of("PIN", "s3cr3t")).get(secretNumber))
                .hasMessage("PIN: not a valid value").hasMessageNotContaining("s3cr3t");
        assertThat(catalog.load(Map.of("TOKEN", "s3cr3t")).describe()).isEqualTo("TOKEN=***");
    }

    @Test
    void theStartupDescriptionListsWhatWasSetAndHidesPasswordsInUrls() {
        Setting<String> url = Setting.of("URL", Parsers.text(), "http://localhost", "a URL");
        SettingsCatalog catalog = SettingsCatalog.of(List.of(url, LIMIT));

        assertThat(catalog.load(Map.of("URL", "https://user:pass@registry.example", "LIMIT", "3")).describe())
                .isEqualTo("URL=https://***@registry.example, LIMIT=3");
    }

    @Test
    void theEnvironmentBeatsTheFileAndUnknownNamesInTheFileAreRefused() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "LIMIT=7\nNAME=from-file\n");

        SettingValues values = CATALOG.load(Map.of("FILE", file.toString(), "LIMIT", "2", "PATH", "/usr/bin"), FILE);

        assertThat(values.get(LIMIT)).isEqualTo(2);
        assertThat(values.get(NAME)).isEqualTo("from-file");

        Files.writeString(file, "LIMTI=7\n");
        assertThatThrownBy(() -> CATALOG.load(Map.of("FILE", file.toString()), FILE))
                .hasMessageStartingWith("LIMTI: unknown setting in");
    }

    @Test
    void aSettingIsDeclaredOnce() {
        assertThatThrownBy(() -> SettingsCatalog.of(List.of(LIMIT, Setting.of("LIMIT", Parsers.text(), "x", "again"))))
                .hasMessageContaining("declared twice: LIMIT");
    }

    @Test
    void theDocumentationTableHasOneRowPerSettingInOrder() {
        assertThat(CATALOG.markdownTable()).isEqualTo("""
                | variable | default | meaning |
                |---|---|---|
                | `LIMIT` | `5` | how many |
                | `WAIT_MS` | `100` | how long |
                | `TOKEN` | (none) | a token; never logged |
                | `NAME` | from the group | a topic |
                | `FILE` | (none) | more settings |
                """);
    }

    @Test
    void aCommaListParsesEachEntryAndRefusesAnEmptyList() {
        Parser<List<Integer>> list = Parsers.commaList(Parsers.intBetween(0, 9), "name at least one");

        assertThat(list.parse("1, 2,,3")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> list.parse(" , ")).hasMessage("name at least one");
    }
}
