package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README shows the committed results as they are, not figures typed in by hand. */
class ReadmeQuotesTheLatestResultsTest {

    static final Path RESULTS = Path.of("results/results.md");
    static final Path README = Path.of("../README.md");

    @Test
    void everyTableOfTheCommittedResultsAppearsInTheReadmeVerbatim() throws IOException {
        List<String> tables = tables(Files.readString(RESULTS));
        String readme = Files.readString(README);

        assertThat(tables).as("tables in " + RESULTS).hasSizeGreaterThanOrEqualTo(4);
        assertThat(tables).allSatisfy(table -> assertThat(readme).contains(table));
        assertThat(Files.readString(RESULTS)).as("the committed results are a full run, not a smoke run")
                .doesNotContain("smoke mode");
    }

    /** Each run of consecutive lines starting with '|'. */
    private static List<String> tables(String markdown) {
        List<String> tables = new java.util.ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("|")) {
                table.append(line).append('\n');
            } else if (!table.isEmpty()) {
                tables.add(table.toString());
                table.setLength(0);
            }
        }
        return tables;
    }
}
