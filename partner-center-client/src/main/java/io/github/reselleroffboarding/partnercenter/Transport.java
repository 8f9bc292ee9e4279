package io.github.reselleroffboarding.partnercenter;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import java.io.IOException;
import java.nio.channels.NotYetConnectedException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** Failures below HTTP (connect, read timeout, closed connection) and {@code Retry-After}. */
final class Transport {

    private Transport() {
    }

    /**
     * Whether the call failed below HTTP, so it may be tried again. Besides I/O errors and timeouts: a connection
     * that died while connecting or before the request went out (NIO's {@code NotYetConnectedException}, Reactor
     * Netty's {@code AbortedException}) are not {@code IOException}s, yet just as transient; a backend closing
     * connections under load produces them (seen as a dead-lettered request in a crash-recovery test).
     */
    static boolean isTransportFailure(Throwable t) {
        return t instanceof IOException || t instanceof TimeoutException || t instanceof ReadTimeoutException
                || t instanceof WriteTimeoutException || t instanceof ConnectTimeoutException
                || t instanceof PrematureCloseException || t instanceof NotYetConnectedException
                || t instanceof AbortedException
                || t.getClass().getName().startsWith("reactor.netty.internal.shaded.reactor.pool.");
    }

    /**
     * Whether the server closed the connection under this try in a way that says nothing about the call: before
     * the request went out (any call), or, for a call that may be repeated, before any answer (a stale pooled
     * connection the server had just closed, a reset). Such a try is sent again at once on a fresh connection.
     */
    static boolean closedUnderUs(Throwable t, Operation operation) {
        if (t instanceof AbortedException || t instanceof NotYetConnectedException) {
            return true;
        }
        if (!operation.repeatable()) {
            return false;
        }
        boolean reset = (t instanceof java.net.SocketException || t.getClass().getName().endsWith("NativeIoException"))
                && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset");
        return t instanceof PrematureCloseException || t instanceof java.nio.channels.ClosedChannelException || reset;
    }

    static PartnerCenterTransientException failure(Operation operation, String msRequestId, Throwable cause) {
        String what;
        if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
            what = "no response in time";
        } else if (cause instanceof PrematureCloseException) {
            what = "connection closed before the response";
        } else if (cause instanceof ConnectTimeoutException || cause instanceof java.net.ConnectException) {
            what = "cannot connect: " + cause.getMessage();
        } else {
            what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return new PartnerCenterTransientException(operation, 0, null, msRequestId, what, null, 1, cause);
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(RawResponse response) {
        String value = response.headers().get(HttpHeaderNames.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(java.time.ZoneOffset.UTC),
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
