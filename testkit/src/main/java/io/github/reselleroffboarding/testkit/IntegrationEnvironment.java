package io.github.reselleroffboarding.testkit;

import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistryServer;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistrySettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared {@link TestEnvironment} into test constructors, methods and lifecycle methods. The first
 * test that asks starts it; it lives in the root store, so every test class in the JVM gets the same one, and
 * JUnit closes it when the run ends.
 *
 * <pre>{@code
 * @IntegrationTest
 * class SomethingIT {
 *     @Test
 *     void works(TestEnvironment env) { ... env.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class IntegrationEnvironment implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(IntegrationEnvironment.class);

    /** Closed by JUnit at the end of the run because the root store holds it. */
    private static final class Running implements AutoCloseable {

        final TestEnvironment environment;

        Running() {
            KafkaUnderTest kafka = KafkaUnderTestFactory.start();
            SchemaRegistryServer registry = null;
            try {
                registry = SchemaRegistryServer.start(SchemaRegistrySettings.loopback());
                PartnerCenterSimulator partnerCenter = PartnerCenterSimulator.start(SimulatorSettings.defaults());
                this.environment = new TestEnvironment(kafka, registry, partnerCenter);
            } catch (RuntimeException e) {
                if (registry != null) {
                    registry.close();
                }
                kafka.close();
                throw e;
            }
        }

        @Override
        public void close() {
            environment.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, type -> new Running(), Running.class)
                .environment;
    }
}
