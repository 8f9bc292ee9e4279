package io.github.reselleroffboarding.partnercenter.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar partner-center-simulator.jar --port 8090 --seed-file customers.json}. */
@Command(name = "partner-center-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        version = "partner-center-simulator 0.1.0",
        description = "A Partner Center API stand-in: customers, entitlements, subscriptions, removal PATCH, tokens.")
public final class SimulatorMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SimulatorMain.class);

    @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--seed-file", paramLabel = "FILE", description = "Customers to start with ({\"customers\": [...]}).")
    Path seedFile;

    @Option(names = "--unknown-customers", defaultValue = "not_found", paramLabel = "not_found|clean",
            description = "How never-seeded tenants answer: 404, or as clean customers (load tests).")
    String unknownCustomers;

    @Option(names = "--page-size", defaultValue = "100", description = "Items per page (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--casing", defaultValue = "docs", paramLabel = "docs|camel|pascal",
            description = "Property casing of answers (default: ${DEFAULT-VALUE}).")
    String casing;

    @Option(names = "--partner-tenant-id", defaultValue = SimulatorSettings.DEFAULT_PARTNER_TENANT,
            description = "Tenant in the token endpoint path (default: ${DEFAULT-VALUE}).")
    String partnerTenantId;

    @Option(names = "--client-id", defaultValue = "offboarding-dev", description = "Accepted client_id.")
    String clientId;

    @Option(names = "--client-secret-env", paramLabel = "VAR",
            description = "Environment variable holding the accepted client_secret.")
    String clientSecretEnv;

    @Option(names = "--refresh-token-env", paramLabel = "VAR",
            description = "Environment variable holding the first accepted refresh token.")
    String refreshTokenEnv;

    @Option(names = "--access-token-env", paramLabel = "VAR",
            description = "Environment variable holding a static bearer token to accept as well.")
    String accessTokenEnv;

    @Option(names = "--token-lifetime", defaultValue = "PT1H", description = "Access token lifetime (ISO-8601).")
    Duration tokenLifetime;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Added latency.")
    long latency;

    @Option(names = "--jitter-ms", defaultValue = "0", description = "Latency varies by plus or minus this.")
    long jitter;

    @Option(names = "--error-rate", defaultValue = "0", description = "Share of calls answered 500/503.")
    double errorRate;

    @Option(names = "--timeout-rate", defaultValue = "0", description = "Share of calls never answered.")
    double timeoutRate;

    @Option(names = "--rate-limit", defaultValue = "0", description = "Partner-wide calls per second (0: none).")
    double rateLimit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the fault random.")
    long seed;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SimulatorMain());
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println(e.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        SimulatorSettings defaults = SimulatorSettings.defaults();
        SimulatorSettings settings = defaults
                .withHost(host)
                .withPort(port)
                .withPageSize(pageSize)
                .withCasing(Casing.forName(casing).orElseThrow(() -> new CommandLine.ParameterException(
                        new CommandLine(this), "--casing must be docs, camel or pascal")))
                .withUnknownCustomers(SimulatorSettings.UnknownCustomers.valueOf(unknownCustomers.toUpperCase(
                        java.util.Locale.ROOT)))
                .withCredentials(partnerTenantId, clientId, env(clientSecretEnv, defaults.clientSecret()),
                        env(refreshTokenEnv, defaults.refreshToken()))
                .withTokenLifetime(tokenLifetime)
                .withStaticAccessTokens(accessTokenEnv == null ? Set.of() : Set.of(env(accessTokenEnv, null)))
                .withFaults(FaultPlan.NONE.withLatency(latency, jitter).withErrorRate(errorRate)
                        .withTimeoutRate(timeoutRate).withRateLimit(rateLimit, true))
                .withSeed(seed)
                .withCustomers(seedFile == null ? java.util.List.of() : PartnerCenterSimulator.readSeedFile(seedFile));
        PartnerCenterSimulator simulator = PartnerCenterSimulator.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        log.info("Partner Center simulator on {} with {} customers (token endpoint {}/{}/oauth2/token)",
                simulator.baseUri(), settings.customers().size(), simulator.baseUri(), settings.partnerTenantId());
        simulator.awaitClose();
        return 0;
    }

    private String env(String variable, String fallback) {
        if (variable == null) {
            return fallback;
        }
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "environment variable " + variable
                    + " is not set");
        }
        return value;
    }
}
