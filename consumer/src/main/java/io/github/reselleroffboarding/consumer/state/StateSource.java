package io.github.reselleroffboarding.consumer.state;

import java.util.Collection;

/** Where the state of newly assigned partitions comes from: the state topic in production. */
@FunctionalInterface
public interface StateSource {

    /** Fills the store's {@code partitions} with their committed state. */
    void restore(Collection<Integer> partitions, TenantStateStore store);
}
