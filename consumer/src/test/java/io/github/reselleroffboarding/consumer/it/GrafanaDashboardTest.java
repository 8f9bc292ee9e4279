package io.github.reselleroffboarding.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reading the dashboard's PromQL: the metric names it selects, and the variables every query honours. */
class GrafanaDashboardTest {

    @Test
    void theMetricNamesOfAnExpressionAreFoundAndNothingElse() {
        assertThat(GrafanaDashboard.metricNames("histogram_quantile(0.95, sum by (le, operation) (rate("
                + "offboarding_partner_center_requests_seconds_bucket{job=\"x\",status=~\"5xx|transport\"}[1m])))"))
                .containsExactly("offboarding_partner_center_requests_seconds_bucket");
        assertThat(GrafanaDashboard.metricNames("sum(rate(a_total{job=\"x\"}[5m])) / on (job) sum(b_count) > 0.05"
                + " unless max by (reason) (c{reason=\"auth\"}) == 1"))
                .containsExactly("a_total", "b_count", "c");
    }

    @Test
    void everyQueryOfTheShippedDashboardSelectsTheJobVariable() throws IOException {
        GrafanaDashboard dashboard = GrafanaDashboard.read(PrometheusIT.DASHBOARD);

        assertThat(dashboard.queries()).hasSizeGreaterThan(10).allSatisfy(query -> {
            for (String name : GrafanaDashboard.metricNames(query.expr())) {
                assertThat(query.expr()).as(query.panel()).contains(name + "{job=\"$job\"");
            }
        });
    }
}
