package io.github.reselleroffboarding.partnercenter;

import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A simulator and a client configured for it the way a deployment would be (App+User refresh token). */
final class SimulatedPartnerCenter implements AutoCloseable {

    static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(200), 0.5, Duration.ofSeconds(20));

    final PartnerCenterSimulator simulator;
    final PartnerCenterClient client;
    final List<Secret> rotatedRefreshTokens = new ArrayList<>();

    SimulatedPartnerCenter(SimulatorSettings simulatorSettings, UnaryOperator<PartnerCenterSettings> tune,
            Clock clock) {
        this(simulatorSettings, tune, clock, new io.micrometer.core.instrument.composite.CompositeMeterRegistry());
    }

    /** @param registry where the client measures its calls and its connection pool */
    SimulatedPartnerCenter(SimulatorSettings simulatorSettings, UnaryOperator<PartnerCenterSettings> tune,
            Clock clock, io.micrometer.core.instrument.MeterRegistry registry) {
        this.simulator = PartnerCenterSimulator.start(simulatorSettings);
        PartnerCenterSettings settings = PartnerCenterSettings.forCloud(Cloud.GLOBAL, credentials(simulatorSettings))
                .withBaseUrl(simulator.baseUri())
                .withAuthority(simulator.baseUri())
                .withRetry(FAST_RETRIES)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        this.client = PartnerCenterClient.create(tune.apply(settings), clock, rotatedRefreshTokens::add, registry);
    }

    SimulatedPartnerCenter(SimulatorSettings simulatorSettings) {
        this(simulatorSettings, UnaryOperator.identity(), Clock.systemUTC());
    }

    static Credentials.RefreshToken credentials(SimulatorSettings s) {
        return new Credentials.RefreshToken(s.partnerTenantId(), s.clientId(), Secret.of(s.clientSecret()),
                Secret.of(s.refreshToken()));
    }

    @Override
    public void close() {
        client.close();
        simulator.close();
    }
}
