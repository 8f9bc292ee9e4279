package io.github.reselleroffboarding.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks, before any record is sent or read, that the brokers answer and the topics exist, so the user gets
 * one clear sentence instead of a client that blocks for a minute and then times out with a stack trace.
 */
public final class KafkaPreflight {

    private KafkaPreflight() {
    }

    /** The partition count of each topic. */
    public static Map<String, Integer> requireTopics(Map<String, Object> clientProperties, Duration timeout,
            List<String> topics) {
        String bootstrap = String.valueOf(clientProperties.get("bootstrap.servers"));
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Admin admin;
        try {
            admin = Admin.create(adminOnly(props));
        } catch (KafkaException e) {
            throw new CliFailure("cannot use Kafka at '" + bootstrap + "': " + rootMessage(e), ExitCodes.USAGE);
        }
        try (admin) {
            Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics).topicNameValues();
            Map<String, Integer> partitions = new HashMap<>();
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
                try {
                    partitions.put(topic, futures.get(topic).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                            .partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw failure(e.getCause(), bootstrap, timeout, topics);
                    }
                    missing.add("'" + topic + "'");
                }
            }
            if (!missing.isEmpty()) {
                throw new CliFailure("topic " + String.join(", ", missing) + (missing.size() == 1 ? " does" : " do")
                        + " not exist on " + bootstrap);
            }
            return partitions;
        } catch (TimeoutException e) {
            throw unreachable(bootstrap, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private static CliFailure failure(Throwable cause, String bootstrap, Duration timeout, List<String> topics) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(bootstrap, timeout);
        }
        if (cause instanceof AuthenticationException) {
            return new CliFailure("Kafka at " + bootstrap + " refused to authenticate this client: "
                    + cause.getMessage());
        }
        if (cause instanceof AuthorizationException) {
            return new CliFailure("Kafka at " + bootstrap + " does not allow this client to describe " + topics + ": "
                    + cause.getMessage());
        }
        return new CliFailure("Kafka at " + bootstrap + ": " + rootMessage(cause));
    }

    private static CliFailure unreachable(String bootstrap, Duration timeout) {
        return new CliFailure("Kafka at " + bootstrap + " did not answer within " + human(timeout)
                + " (check --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS)");
    }

    /** Serde keys are not admin client keys; leaving them in only adds "unknown config" warnings. */
    private static Map<String, Object> adminOnly(Map<String, Object> props) {
        Map<String, Object> admin = new HashMap<>();
        props.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                admin.put(key, value);
            }
        });
        return admin;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
