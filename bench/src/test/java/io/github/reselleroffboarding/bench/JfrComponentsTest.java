package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrComponentsTest {

    @Test
    void aClassCountsForTheMostSpecificComponentItsPackageNames() {
        assertThat(JfrComponents.component("reactor.netty.http.client.HttpClientConnect")).isEqualTo("Reactor Netty");
        assertThat(JfrComponents.component("reactor.core.publisher.MonoFlatMap")).isEqualTo("Reactor");
        assertThat(JfrComponents.component("io.netty.buffer.PooledByteBufAllocator")).isEqualTo("Netty");
        assertThat(JfrComponents.component("io.github.reselleroffboarding.partnercenter.PartnerCenterClient"))
                .isEqualTo("Partner Center client");
        assertThat(JfrComponents.component("io.github.reselleroffboarding.consumer.engine.OffboardingEngine"))
                .isEqualTo("engine");
        assertThat(JfrComponents.component("io.github.reselleroffboarding.consumer.app.OffboardingService"))
                .isEqualTo("service, other");
        assertThat(JfrComponents.component("io.confluent.parallelconsumer.internal.AbstractParallelEoSStreamProcessor"))
                .isEqualTo("Parallel Consumer");
    }

    @Test
    void aPackageNoComponentNamesIsShownByItsFirstTwoParts() {
        assertThat(JfrComponents.component("org.example.deep.Thing")).isEqualTo("org.example");
    }

    @Test
    void sharesAreLargestFirstAndAddUpToTheWhole() {
        Map<String, Double> shares = JfrComponents.shares(Map.of("Netty", 30, "Jackson", 10, "engine", 60), 100);

        assertThat(shares.keySet()).containsExactly("engine", "Netty", "Jackson");
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aMissingRecordingGivesNoComponentsRatherThanFailingTheRun(@TempDir Path dir) {
        assertThat(JfrComponents.read(dir.resolve("none.jfr"), Instant.EPOCH, Instant.now())).isEmpty();
    }
}
