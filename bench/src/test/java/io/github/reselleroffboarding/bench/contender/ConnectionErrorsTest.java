package io.github.reselleroffboarding.bench.contender;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionErrorsTest {

    @Test
    void aTrySentAgainAtOnceOnAFreshConnectionIsCountedApartFromTheErrors() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        for (String operation : new String[] {"get-customer", "get-customer", "remove-relationship"}) {
            registry.timer("offboarding.partner_center.requests", "operation", operation, "status", "transport")
                    .record(Duration.ofMillis(3));
        }
        registry.timer("offboarding.partner_center.requests", "operation", "get-customer", "status", "2xx")
                .record(Duration.ofMillis(3));
        registry.counter("offboarding.partner_center.retries", "operation", "get-customer", "reason",
                "stale_connection").increment(2);
        registry.counter("offboarding.partner_center.retries", "operation", "get-customer", "reason", "transport")
                .increment();

        assertThat(ConnectionErrors.Count.of(registry)).isEqualTo(new ConnectionErrors.Count(1, 2));
    }

    @Test
    void thePrintedLineIsReadBackFromAPeersOutput() {
        String output = "parallel-consumer ready\nstopping\n" + new ConnectionErrors.Count(0, 7).line() + "\n";

        assertThat(ConnectionErrors.Count.parse(output)).isEqualTo(new ConnectionErrors.Count(0, 7));
    }

    @Test
    void aPeerThatPrintedNoCountIsUnknownNotClean() {
        assertThat(ConnectionErrors.Count.parse("killed\n")).isEqualTo(ConnectionErrors.Count.UNKNOWN);
        assertThat(ConnectionErrors.Count.parse("connection errors: 3\n")).as("an older line without re-sent")
                .isEqualTo(ConnectionErrors.Count.UNKNOWN);
    }
}
