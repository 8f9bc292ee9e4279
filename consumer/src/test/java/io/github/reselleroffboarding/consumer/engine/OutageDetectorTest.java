package io.github.reselleroffboarding.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageDetectorTest {

    final EngineFixture.ManualTicker ticker = new EngineFixture.ManualTicker();
    final OutageDetector detector = new OutageDetector(ticker);

    @Test
    void manyTenantsFailingTogetherIsAnOutage() {
        for (int i = 0; i < OutageDetector.MIN_FAILURES; i++) {
            detector.failedTransiently("t-" + (i % OutageDetector.MIN_TENANTS));
        }

        assertThat(detector.outage()).hasValueSatisfying(why -> assertThat(why)
                .contains("10 of the last 10 requests, for 3 tenants"));
    }

    @Test
    void oneTenantFailingOverAndOverIsNot() {
        for (int i = 0; i < 40; i++) {
            detector.failedTransiently("only-one");
        }

        assertThat(detector.outage()).isEmpty();
    }

    @Test
    void failuresAmongMostlySuccessesAreNot() {
        for (int i = 0; i < 12; i++) {
            detector.failedTransiently("t-" + i);
            detector.succeeded("s-" + i);
        }

        assertThat(detector.outage()).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        for (int i = 0; i < 12; i++) {
            detector.failedTransiently("t-" + i);
        }
        ticker.advance(OutageDetector.WINDOW.plus(Duration.ofSeconds(1)));

        assertThat(detector.outage()).isEmpty();
    }

    @Test
    void aResetForgetsEverything() {
        for (int i = 0; i < 12; i++) {
            detector.failedTransiently("t-" + i);
        }
        detector.reset();

        assertThat(detector.outage()).isEmpty();
    }
}
