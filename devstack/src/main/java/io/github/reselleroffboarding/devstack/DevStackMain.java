package io.github.reselleroffboarding.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ServiceConfig;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.kafka.embedded.BrokerSettings;
import io.github.reselleroffboarding.kafka.embedded.EmbeddedKafkaBroker;
import io.github.reselleroffboarding.kafka.embedded.KafkaTopics;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import io.github.reselleroffboarding.producer.CliContext;
import io.github.reselleroffboarding.producer.OffboardCli;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistryServer;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistrySettings;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.settings.SharedSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar offboarding-devstack.jar}: everything in one JVM, on loopback. A real Kafka broker (KRaft),
 * the development Schema Registry, the Partner Center simulator seeded with sample customers, the consumer as it
 * runs in production (configured through the same environment names), and the CLI sending the sample requests and
 * printing each outcome as it lands. Ends with a summary; exits 0 when every sample got the outcome it should.
 */
@Command(name = "offboarding-devstack", mixinStandardHelpOptions = true, sortOptions = false,
        version = "offboarding-devstack 0.1.0",
        description = "Run reseller-offboarding end to end on an embedded Kafka, registry and Partner Center "
                + "simulator.")
public final class DevStackMain implements Callable<Integer> {

    static final String REQUESTS = SharedSettings.OFFBOARD_REQUESTS_TOPIC.defaultText().orElseThrow();
    static final String REMOVED = SharedSettings.RELATIONSHIP_REMOVED_TOPIC.defaultText().orElseThrow();
    static final String BLOCKED = SharedSettings.OFFBOARD_BLOCKED_TOPIC.defaultText().orElseThrow();
    static final String ASSESSED = SharedSettings.OFFBOARD_ASSESSED_TOPIC.defaultText().orElseThrow();
    static final String DEAD_LETTERS = SharedSettings.DEAD_LETTER_TOPIC.defaultText().orElseThrow();

    @Option(names = "--keep-running", description = "Stay up after the samples, for requests from the CLI.")
    boolean keepRunning;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Broker port (default: a free one).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "0", description = "Schema Registry port (default: a free one).")
    int registryPort;

    @Option(names = "--simulator-port", defaultValue = "0",
            description = "Partner Center simulator port (default: a free one).")
    int simulatorPort;

    @Option(names = "--latency-ms", defaultValue = "40",
            description = "Latency the simulator adds to each call, +/- half of it (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = "--report-file", defaultValue = "${sys:java.io.tmpdir}/offboarding-devstack-report.html",
            description = "Where the HTML report of the run goes (default: ${DEFAULT-VALUE}).")
    Path reportFile;

    @Option(names = "--timeout", defaultValue = "PT2M", description = "How long to wait for the outcomes (ISO-8601).")
    Duration timeout;

    private final PrintWriter out;

    DevStackMain(PrintWriter out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new DevStackMain(out));
        cli.setParameterExceptionHandler((e, ignored) -> {
            System.err.println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("offboarding-devstack-");
        Stack stack = new Stack();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.close(dir), "devstack-shutdown"));
        Instant started = Instant.now();
        out.println("reseller-offboarding: starting Kafka, Schema Registry, Partner Center simulator and consumer");
        stack.broker = EmbeddedKafkaBroker.start(kafkaPort == 0 ? BrokerSettings.onFreePorts(dir)
                : new BrokerSettings(dir, kafkaPort, freePort(), Map.of()));
        createTopics(stack.broker.bootstrapServers());
        stack.registry = SchemaRegistryServer.start(SchemaRegistrySettings.loopback().withPort(registryPort));
        stack.simulator = PartnerCenterSimulator.start(SimulatorSettings.defaults()
                .withPort(simulatorPort)
                .withPageSize(20)
                .withFaults(FaultPlan.NONE.withLatency(latencyMillis, latencyMillis / 2))
                .withCustomers(readSamples(dir)));
        stack.simulator.putGdapRelationships(Samples.CLEANED_UP_TENANT, Samples.cleanedUpGdapRelationships());
        Map<String, String> environment = environment(stack);
        stack.consumer = OffboardingService.start(ConfigLoader.load(environment), Clock.systemUTC());
        out.printf("  Kafka %s | Schema Registry %s | Partner Center simulator %s | ready in %d ms%n",
                stack.broker.bootstrapServers(), stack.registry.baseUri(), stack.simulator.baseUri(),
                Duration.between(started, Instant.now()).toMillis());

        out.println();
        out.println("Sending the sample requests with the CLI (offboard send --file samples/requests.jsonl):");
        Path requests = copyResource("samples/requests.jsonl", dir);
        cli(environment, "send", "--file", requests.toString());
        publishInvalidRequest(stack);
        out.println("  published 1 request with an invalid tenant id directly, as a buggy upstream system would");

        out.println();
        out.println("Outcomes as they are committed (offboard tail):");
        cli(environment, "tail", "--from-beginning", "--max-messages", String.valueOf(Samples.ALL.size()),
                "--idle-timeout", timeout.toSeconds() + "s");

        boolean asExpected = summarize(stack.broker.bootstrapServers(), stack.registry.baseUri().toString());

        out.println();
        out.println("Previewing the sample customers (offboard check --file samples/tenants.csv); a preview writes "
                + "nothing to Partner Center:");
        long patchesBefore = patches(stack);
        Path assessments = dir.resolve("assessments.json");
        cli(environment, "check", "--file", copyResource("samples/tenants.csv", dir).toString(), "--out",
                assessments.toString(), "--wait", timeout.toSeconds() + "s");
        asExpected &= previewsAsExpected(assessments, patches(stack) - patchesBefore);

        out.println();
        out.println("The report of this run (offboard report --since 1d --format html):");
        cli(environment, "report", "--since", "1d", "--format", "html", "--title", "Reseller offboarding: "
                + "devstack run", "--out", reportFile.toAbsolutePath().toString());
        cli(environment, "report", "--since", "1d");
        if (!keepRunning) {
            return asExpected ? 0 : 1;
        }
        out.println();
        out.println("Still running (Ctrl-C to stop). To send more requests from another shell:");
        out.println("  export KAFKA_BOOTSTRAP_SERVERS=" + stack.broker.bootstrapServers() + " SCHEMA_REGISTRY_URL="
                + stack.registry.baseUri());
        out.println("  java -jar producer/target/offboarding-producer.jar send --tenant "
                + "<guid> --requested-by you");
        out.println("  java -jar producer/target/offboarding-producer.jar tail");
        out.println("  Partner Center simulator admin API: " + stack.simulator.baseUri() + "/admin/customers");
        new CountDownLatch(1).await();
        return 0;
    }

    private static long patches(Stack stack) {
        return stack.simulator.counters().patchesByCustomer().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each sample customer's preview against what it should say, from the rows {@code check --out} wrote. */
    private boolean previewsAsExpected(Path assessments, long patchesSent) throws IOException {
        Map<String, String> results = new LinkedHashMap<>();
        new ObjectMapper().readTree(assessments.toFile()).forEach(row -> results.put(row.path("tenant").asText(),
                row.path("result").asText()));
        long good = Samples.PREVIEWS.entrySet().stream().filter(e -> e.getValue().equals(results.get(e.getKey())))
                .count();
        out.println();
        out.printf("%d of %d previews assessed as expected; the previews sent %d PATCH%s.%n", good,
                Samples.PREVIEWS.size(), patchesSent, patchesSent == 1 ? "" : "es");
        return good == Samples.PREVIEWS.size() && patchesSent == 0;
    }

    /** What the consumer reads from its environment in production, here pointing at the embedded services. */
    private static Map<String, String> environment(Stack stack) {
        SimulatorSettings simulator = stack.simulator.settings();
        Map<String, String> env = new LinkedHashMap<>();
        env.put(SharedSettings.KAFKA_BOOTSTRAP_SERVERS.name(), stack.broker.bootstrapServers());
        env.put(SharedSettings.SCHEMA_REGISTRY_URL.name(), stack.registry.baseUri().toString());
        env.put(ServiceConfig.CONSUMER_INSTANCE_ID.name(), "devstack");
        env.putAll(SharedSettings.partnerCenterAppUser(stack.simulator.baseUri(), stack.simulator.baseUri(),
                simulator.partnerTenantId(), simulator.clientId(), simulator.clientSecret(), simulator.refreshToken()));
        env.put(ServiceConfig.HEALTH_PORT.name(), "-1");
        env.put(ServiceConfig.COMMIT_INTERVAL_MS.name(), "100");
        // the samples show a clean-up: legacy subscriptions may be suspended for requests that ask for it, and
        // after the removal the partner's GDAP access ended, on the simulator's Graph with the app it knows
        env.put(ServiceConfig.CLEANUP_LEGACY.name(), "suspend");
        env.put(ServiceConfig.CLEANUP_GDAP.name(), "terminate");
        env.put(ServiceConfig.GRAPH_BASE_URL.name(), stack.simulator.baseUri().toString());
        env.put(ServiceConfig.GRAPH_AUTHORITY.name(), stack.simulator.baseUri().toString());
        env.put(ServiceConfig.GRAPH_CLIENT_ID.name(), simulator.clientId());
        env.put(ServiceConfig.GRAPH_CLIENT_SECRET.name(), simulator.clientSecret());
        return env;
    }

    private void cli(Map<String, String> environment, String... args) {
        int exit = new OffboardCli(new CliContext(environment, indented(), indented(), Clock.systemUTC(), false))
                .execute(args);
        if (exit != 0 && exit != 3) {
            throw new IllegalStateException("offboard " + args[0] + " exited with " + exit);
        }
    }

    private PrintWriter indented() {
        return new PrintWriter(new java.io.Writer() {
            private boolean lineStart = true;

            @Override
            public void write(char[] buffer, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (lineStart) {
                        out.print("  ");
                    }
                    out.print(buffer[i]);
                    lineStart = buffer[i] == '\n';
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        }, true);
    }

    private boolean summarize(String bootstrap, String registryUrl) {
        Map<String, List<SpecificRecord>> outcomes = readOutcomes(bootstrap, registryUrl);
        out.println();
        out.printf("%-40s %-42s %-22s %s%n", "sample", "expected", "outcome", "as expected");
        int good = 0;
        for (Samples.Sample sample : Samples.ALL) {
            List<SpecificRecord> answers = outcomes.getOrDefault(sample.eventId(), List.of());
            boolean ok = answers.size() == 1 && sample.check().test(answers.get(0));
            good += ok ? 1 : 0;
            out.printf("%-40s %-42s %-22s %s%n", sample.name(), sample.expected(), describe(answers),
                    ok ? "yes" : "NO");
        }
        int duplicates = outcomes.getOrDefault(Samples.DUPLICATED_EVENT_ID, List.of()).size();
        out.println();
        out.printf("%d of %d samples answered as expected; the request published twice got %d outcome%s.%n", good,
                Samples.ALL.size(), duplicates, duplicates == 1 ? "" : "s");
        return good == Samples.ALL.size() && duplicates == 1;
    }

    private static String describe(List<SpecificRecord> answers) {
        if (answers.isEmpty()) {
            return "(none)";
        }
        if (answers.size() > 1) {
            return answers.size() + " outcomes!";
        }
        SpecificRecord outcome = answers.get(0);
        if (outcome instanceof RelationshipRemoved removed) {
            return removed.getAlreadyRemoved() ? "removed earlier" : "removed";
        }
        int reasons = ((OffboardBlocked) outcome).getReasons().size();
        return "blocked (" + reasons + " reason" + (reasons == 1 ? ")" : "s)");
    }

    private static Map<String, List<SpecificRecord>> readOutcomes(String bootstrap, String registryUrl) {
        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true), false);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<SpecificRecord>> byRequest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(REMOVED, BLOCKED)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    SpecificRecord outcome = (SpecificRecord) deserializer.deserialize(record.topic(), record.value());
                    String requestEventId = outcome instanceof RelationshipRemoved r ? r.getRequestEventId()
                            : ((OffboardBlocked) outcome).getRequestEventId();
                    byRequest.computeIfAbsent(requestEventId, k -> new ArrayList<>()).add(outcome);
                }
            }
        }
        return byRequest;
    }

    private static void publishInvalidRequest(Stack stack) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(Map.of("schema.registry.url", stack.registry.baseUri().toString()), false);
        CustomerOffboardRequested invalid = CustomerOffboardRequested.newBuilder()
                .setEventId(Samples.INVALID_EVENT_ID).setCustomerTenantId(Samples.INVALID_TENANT)
                .setRequestedAt(Instant.now()).setRequestedBy("legacy-crm-sync").setCorrelationId("crm-1007").build();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", stack.broker.bootstrapServers(), "acks", "all"), new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(REQUESTS, Samples.INVALID_TENANT, invalid)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the invalid sample", e);
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            KafkaTopics.create(admin, 3, REQUESTS, REMOVED, BLOCKED, ASSESSED, DEAD_LETTERS);
        }
    }

    private static List<SeedCustomer> readSamples(Path dir) {
        return PartnerCenterSimulator.readSeedFile(copyResource("samples/customers.json", dir));
    }

    private static Path copyResource(String name, Path dir) {
        try (InputStream in = DevStackMain.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            Path file = dir.resolve(Path.of(name).getFileName());
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What runs, in start order; closed in reverse. */
    private static final class Stack {
        EmbeddedKafkaBroker broker;
        SchemaRegistryServer registry;
        PartnerCenterSimulator simulator;
        OffboardingService consumer;
        private boolean closed;

        synchronized void close(Path dir) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(consumer);
            closeQuietly(simulator);
            closeQuietly(registry);
            closeQuietly(broker);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }

        private static void closeQuietly(AutoCloseable closeable) {
            if (closeable == null) {
                return;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
