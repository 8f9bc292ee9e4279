package io.github.reselleroffboarding.consumer.state;

import io.github.reselleroffboarding.ids.TenantId;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a tenant's requests, and so its state, belong: the partition Kafka's default partitioner gives its key
 * (murmur2, as every Java producer, the CLI and the consumer's own forwarding use). State written elsewhere was
 * written before partitions were added to the request topic, or for a request published under another key.
 */
public final class StatePlacement {

    private StatePlacement() {
    }

    /**
     * Whether the key is a canonical tenant id, whose requests are always forwarded to its partition. The state of
     * an invalid request whose tenant is no GUID stays in the partition it arrived in, which nothing else reads.
     */
    public static boolean isTenant(String key) {
        return TenantId.tryParse(key).map(t -> t.value().equals(key)).orElse(false);
    }

    public static int partitionFor(String tenantKey, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition");
        }
        return Utils.toPositive(Utils.murmur2(tenantKey.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
