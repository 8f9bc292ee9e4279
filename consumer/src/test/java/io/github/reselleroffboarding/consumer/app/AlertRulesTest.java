package io.github.reselleroffboarding.consumer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules, checked by Prometheus' own tool: they parse, and each alert fires in the cases it
 * must and stays quiet in the others ({@code deploy/prometheus/offboarding-alerts.test.yml}).
 */
class AlertRulesTest {

    static final Path DIR = Path.of("../deploy/prometheus");

    @Test
    void theAlertRulesPassPromtoolCheck() throws Exception {
        Result check = promtool("check", "rules", "offboarding-alerts.yml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 7 rules found");
    }

    @Test
    void everyAlertFiresWhereItMustAndNowhereElse() throws Exception {
        Result test = promtool("test", "rules", "offboarding-alerts.test.yml");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasACaseWhereItFires() throws IOException {
        String rules = Files.readString(DIR.resolve("offboarding-alerts.yml"));
        String tests = Files.readString(DIR.resolve("offboarding-alerts.test.yml"));
        List<String> alerts = rules.lines().map(String::strip).filter(l -> l.startsWith("- alert: "))
                .map(l -> l.substring("- alert: ".length())).toList();
        assertThat(alerts).hasSize(7);
        assertThat(alerts).allSatisfy(alert -> assertThat(tests).as(alert)
                .containsPattern("alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels:"));
    }

    record Result(int exit, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool),
                "promtool is not installed (.ci/run installs Debian's prometheus package with apt)");
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
