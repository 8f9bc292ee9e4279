package io.github.reselleroffboarding.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, after the build: {@code java -jar devstack/target/offboarding-devstack.jar}. */
class DevStackIT {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedRunAnswersEverySampleAsExpectedPreviewsThemAndWritesItsReport() throws Exception {
        Path report = dir.resolve("run.html");
        Process run = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/offboarding-devstack.jar", "--report-file", report.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("sent 13 of 13 requests")
                .contains("REMOVED  6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11")
                .contains("reasons: ACTIVE_SUBSCRIPTION x45")
                .contains("(already removed by this service, request 11111111-1111-4111-8111-111111111101")
                .contains("(already removed by jane.admin@contoso-partner.example at ")
                .contains("NCE_SUBSCRIPTION_NOT_CANCELLED: b1000000-0000-4000-8000-000000000001 "
                        + "\"Microsoft 365 Business Basic\" [CANCEL_BEFORE_DEADLINE until ")
                .contains("ACTIVE_AZURE_PLAN x2: 3f15978e-7a1b-4c2d-9e3f-000000000001 \"Adatum Production\"")
                .contains("REMOVAL_REJECTED - Partner Center refused the removal (HTTP 400, code 3000)")
                .contains("reasons: INVALID_REQUEST")
                .contains("13 of 13 samples answered as expected; the request published twice got 1 outcome.")
                .contains("REMOVED  9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d06")
                .contains("cleanup: SUSPEND done 6 (")
                .contains("; TERMINATE_GDAP done 2 (5a1e7c3d-0000-4000-8000-00000000d001-")
                .contains("10 customers: 3 already-removed, 5 blocked, 1 not-found, 1 removable")
                .contains("Litware Inc (suspended new-commerce subscription)  "
                        + "b1000000-0000-4000-8000-000000000001 \"Microsoft 365 Business Basic\"")
                .contains("10 of 10 previews assessed as expected; the previews sent 0 PATCHes.")
                .contains("wrote the html report of 23 answers and 0 dead letters")
                .contains("to " + report.toAbsolutePath())
                .doesNotContain("Exception");
        Document page = Jsoup.parse(report.toFile(), "UTF-8");
        assertThat(page.selectFirst("[data-total=answered] b").text()).isEqualTo("23");
        assertThat(page.selectFirst("[data-total=assessed] b").text()).isEqualTo("10");
    }
}
