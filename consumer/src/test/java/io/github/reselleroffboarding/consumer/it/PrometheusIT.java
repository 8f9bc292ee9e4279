package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Prometheus scrapes a running consumer: it sees the target up, outcomes counted, consumer lag held up by a
 * Partner Center outage and going to zero once the backlog drains; the shipped alert rules load and evaluate;
 * every query of the shipped Grafana dashboard runs and names only metrics the service exposes.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Path ALERTS = Path.of("../deploy/prometheus/offboarding-alerts.yml");
    static final Path DASHBOARD = Path.of("../deploy/grafana/offboarding-dashboard.json");
    static final int BACKLOG = 60;

    final TestEnvironment env;
    OffboardingHarness harness;
    OffboardingService service;
    PrometheusServer prometheus;

    PrometheusIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeAll
    void start() throws Exception {
        PrometheusServer.binaryOrSkip();
        Path dir = Files.createTempDirectory("prometheus-it");
        harness = new OffboardingHarness(env, 3).with("MAX_IN_FLIGHT", "5").with("REQUEST_RETRY_BUDGET", "5m")
                .with("OUTAGE_PROBE_INTERVAL", "1s");
        List<CustomerOffboardRequested> requests = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            String tenant = newTenant();
            env.partnerCenter().putCustomer(SeedCustomer.customer(tenant).build());
            requests.add(request(tenant));
        }
        // Partner Center fails every call, and the backlog is on the topic before the consumer starts: its first
        // fetch sees it whole, it takes in MAX_IN_FLIGHT (5), pauses, and the rest stays on the topic as lag
        env.partnerCenter().faults(new FaultPlan(0, 0, 1.0, List.of(503), 0, 0, true));
        harness.publish(requests.toArray(CustomerOffboardRequested[]::new));
        service = harness.start();
        prometheus = PrometheusServer.scraping(service.healthPort().orElseThrow(), ALERTS, dir);
        // the GC pause timer appears with the first collection; the dashboard's GC panel needs it to exist
        System.gc();
    }

    @AfterAll
    void stop() throws Exception {
        env.partnerCenter().faults(FaultPlan.NONE);
        if (prometheus != null) {
            prometheus.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    @Order(1)
    void prometheusSeesTheConsumerUpItsOutcomesAndItsLagDrainingToZero() throws Exception {
        await("up == 1").atMost(WAIT).untilAsserted(() ->
                assertThat(prometheus.scalar("up{job=\"offboarding\"}")).isEqualTo(1));

        String lag = "max(kafka_consumer_fetch_manager_records_lag{job=\"offboarding\",topic=\"" + harness.requests
                + "\"})";
        await("lag > 0 while Partner Center is down").atMost(WAIT).untilAsserted(() ->
                assertThat(prometheus.scalar(lag)).isPositive());
        await("paused for an outage").atMost(WAIT).untilAsserted(() -> assertThat(prometheus.scalar(
                "offboarding_consumption_paused{job=\"offboarding\",reason=\"outage\"}")).isEqualTo(1));
        assertThat(prometheus.scalar("sum(offboarding_outcomes_total{job=\"offboarding\"})")).isZero();

        env.partnerCenter().faults(FaultPlan.NONE);

        assertThat(harness.removedOutcomes(BACKLOG, WAIT)).hasSize(BACKLOG);
        await("lag back to 0").atMost(WAIT).untilAsserted(() -> assertThat(prometheus.scalar(lag)).isZero());
        await("outcomes counted").atMost(WAIT).untilAsserted(() -> assertThat(prometheus.scalar(
                "sum(offboarding_outcomes_total{job=\"offboarding\",kind=\"removed\"})")).isEqualTo(BACKLOG));
        assertThat(prometheus.scalar("offboarding_consumption_paused{job=\"offboarding\",reason=\"outage\"}"))
                .isZero();
        assertThat(prometheus.scalar("sum(offboarding_partner_center_requests_seconds_count{job=\"offboarding\","
                + "status=\"5xx\"})")).as("the 503s were measured").isPositive();
        assertThat(prometheus.scalar("sum(offboarding_request_latency_seconds_count{job=\"offboarding\"})"))
                .isEqualTo(BACKLOG);
        String scrape = scrape();
        Files.writeString(Path.of("target/metrics-scrape.txt"), scrape);
        List<String> families = scrape.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.substring(7, l.indexOf(' ', 7)))
                .toList();
        assertThat(families).contains("kafka_consumer_fetch_manager_records_lag", "jvm_memory_used_bytes",
                "process_cpu_usage", "reactor_netty_connection_provider_active_connections",
                "offboarding_partner_center_requests_seconds");
        assertThat(families).as("HELP on every family").allSatisfy(family -> assertThat(scrape)
                .containsPattern("(?m)^# HELP " + java.util.regex.Pattern.quote(family) + " \\S"));
    }

    @Test
    @Order(2)
    void theShippedAlertRulesLoadAndEvaluateWithoutError() throws Exception {
        await("rules evaluated").atMost(WAIT).untilAsserted(() -> {
            JsonNode groups = prometheus.rules();
            assertThat(groups).isNotEmpty();
            List<JsonNode> rules = new ArrayList<>();
            groups.forEach(group -> group.path("rules").forEach(rules::add));
            assertThat(rules).isNotEmpty().allSatisfy(rule -> {
                assertThat(rule.path("health").asText()).as(rule.path("name").asText() + ": "
                        + rule.path("lastError").asText()).isEqualTo("ok");
            });
        });
    }

    @Test
    @Order(3)
    void everyDashboardQueryRunsAndNamesOnlyMetricsTheServiceExposes() throws Exception {
        await("the first GC pause scraped").atMost(WAIT).untilAsserted(() ->
                assertThat(prometheus.metricNames()).contains("jvm_gc_pause_seconds_sum"));
        List<String> exposed = prometheus.metricNames();
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.read(DASHBOARD).queries();
        assertThat(queries).hasSizeGreaterThan(10);
        for (GrafanaDashboard.Query query : queries) {
            String promql = query.promql("offboarding", "1m");
            assertThat(GrafanaDashboard.metricNames(promql)).as(query.panel() + ": " + promql).isNotEmpty()
                    .allSatisfy(name -> assertThat(exposed).as(query.panel() + " refers to " + name).contains(name));
            JsonNode result = prometheus.query(promql);
            assertThat(result).as(query.panel() + ": " + promql + " gives data").isNotEmpty();
        }
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.healthPort().orElseThrow() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
