package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark as CI runs it: the packaged jar in smoke mode (tiny backlogs), end to end on a real broker, the
 * dev registry and the simulator. It checks that every run happens and is sound; it times nothing.
 */
class BenchSmokeIT {

    static final Path BENCH_JAR = Path.of(System.getProperty("bench.jar", "target/offboarding-bench.jar"));
    static final Path CONSUMER_JAR = Path.of(System.getProperty("consumer.jar",
            "../consumer/target/offboarding-consumer.jar"));

    @Test
    void everyScenarioRunsEndToEndAndEveryRequestIsAnsweredOnceAsTheDataImplies(@TempDir Path results)
            throws Exception {
        Result run = run("--smoke", "--results-dir", results.toString(), "--consumer-jar", CONSUMER_JAR.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> rows = Files.readAllLines(results.resolve("results.csv"));
        assertThat(rows.get(0)).startsWith("scenario,consumer,requests,");
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.substring(0, row.indexOf(',', row.indexOf(',')
                + 1))).containsExactly("a,service", "a,parallel_consumer", "a,baseline", "a,calls_only", "b,service",
                "b,parallel_consumer", "b,baseline", "b,calls_only", "c,service", "c,parallel_consumer", "c,baseline",
                "d-20k,service", "d-200k,service");
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row).endsWith(",true"));
        String report = Files.readString(results.resolve("results.md"));
        assertThat(report).contains("smoke mode", "Machine: ", "Targets are not judged in smoke mode",
                        "Against Confluent Parallel Consumer", "Consumer CPU by thread group")
                .doesNotContain("unsound", "## Problems");
    }

    @Test
    void aMissingConsumerJarIsAUsageErrorThatSaysHowToBuildIt(@TempDir Path results) throws Exception {
        Result run = run("--smoke", "--results-dir", results.toString(), "--consumer-jar",
                results.resolve("nothing.jar").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("does not exist", "./mvnw -B -q -DskipTests package");
        assertThat(results.resolve("results.md")).doesNotExist();
    }

    @Test
    void anUnknownScenarioIsAUsageError(@TempDir Path results) throws Exception {
        Result run = run("--scenarios", "z", "--results-dir", results.toString(), "--consumer-jar",
                CONSUMER_JAR.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("unknown scenario [z]");
    }

    record Result(int exitCode, String output) {
    }

    static Result run(String... args) throws Exception {
        assertThat(BENCH_JAR).as("built by 'mvn package'").exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", BENCH_JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
