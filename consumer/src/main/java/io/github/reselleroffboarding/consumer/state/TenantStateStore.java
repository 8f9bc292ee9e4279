package io.github.reselleroffboarding.consumer.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The local copy of the state topic for the partitions this instance owns, on disk with a small page cache, so
 * the heap does not grow with the number of tenants ever handled. It is a cache: the state topic is the truth,
 * and every assignment rebuilds a partition from it ({@link StateRestorer}), so the file starts empty each run.
 * Used by the engine thread only.
 */
public final class TenantStateStore implements AutoCloseable {

    private static final int CACHE_MB = 8;

    private final MVStore store;
    private final Path directory;
    private final boolean temporary;
    private final TenantStateCodec codec = new TenantStateCodec();
    /** {@code openMap} by name on every call built a string and searched the store's maps: a profile hot spot. */
    private final java.util.Map<Integer, MVMap<String, byte[]>> maps = new java.util.HashMap<>();

    private TenantStateStore(MVStore store, Path directory, boolean temporary) {
        this.store = store;
        this.directory = directory;
        this.temporary = temporary;
    }

    /** Opens a fresh store in {@code directory}, or in a temporary directory removed on close. */
    public static TenantStateStore open(Optional<Path> directory) {
        try {
            Path dir = directory.isPresent() ? Files.createDirectories(directory.get())
                    : Files.createTempDirectory("offboarding-state-");
            Path file = dir.resolve("tenant-state.mv.db");
            Files.deleteIfExists(file);
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .cacheSize(CACHE_MB)
                    .autoCommitBufferSize(1024)
                    .open();
            return new TenantStateStore(store, dir, directory.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the state store: " + e.getMessage(), e);
        }
    }

    public Optional<TenantState> get(int partition, String tenantKey) {
        byte[] bytes = map(partition).get(tenantKey);
        return bytes == null ? Optional.empty() : Optional.of(codec.decode(bytes));
    }

    public void put(int partition, String tenantKey, byte[] encodedState) {
        if (encodedState == null) {
            map(partition).remove(tenantKey);
        } else {
            map(partition).put(tenantKey, encodedState);
        }
    }

    public void clear(int partition) {
        map(partition).clear();
    }

    public long size(int partition) {
        return map(partition).sizeAsLong();
    }

    private MVMap<String, byte[]> map(int partition) {
        return maps.computeIfAbsent(partition, p -> store.openMap("partition-" + p));
    }

    @Override
    public void close() {
        store.close();
        if (temporary) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
