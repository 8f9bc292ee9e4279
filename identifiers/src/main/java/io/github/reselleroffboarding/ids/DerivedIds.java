package io.github.reselleroffboarding.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * Ids computed from a request's {@code eventId} instead of drawn at random, so a retry, a replay or a restart
 * after a crash produces the same id again: the outcome's {@code eventId}, and the {@code MS-RequestId} that lets
 * Partner Center recognise a repeated call. Name-based UUIDs, version 5 (SHA-1), as in RFC 9562.
 */
public final class DerivedIds {

    /** Namespace of outcome event ids. Changing it would change every outcome id: never do. */
    public static final UUID OUTCOME_NAMESPACE = UUID.fromString("4b1f6f1e-2c55-5b7e-9d40-7f3a9c1e0a01");
    /** Namespace of Partner Center {@code MS-RequestId}s. */
    public static final UUID PARTNER_CENTER_REQUEST_NAMESPACE =
            UUID.fromString("9e0d2a6c-71b3-5f48-a2c9-3d5e8f1b7c02");

    private DerivedIds() {
    }

    /** The {@code eventId} of the one outcome that answers the request with {@code requestEventId}. */
    public static String outcomeEventId(String requestEventId) {
        return nameBased(OUTCOME_NAMESPACE, requestEventId).toString();
    }

    /**
     * The {@code MS-RequestId} of one Partner Center operation made on behalf of one request, e.g.
     * {@code ("e1", "remove-relationship")}. The same pair always gives the same id.
     */
    public static String partnerCenterRequestId(String requestEventId, String operation) {
        Objects.requireNonNull(operation, "operation");
        return nameBased(PARTNER_CENTER_REQUEST_NAMESPACE, requestEventId + '\n' + operation).toString();
    }

    /** RFC 9562 version 5 UUID of {@code name} (UTF-8) in {@code namespace}. */
    public static UUID nameBased(UUID namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
