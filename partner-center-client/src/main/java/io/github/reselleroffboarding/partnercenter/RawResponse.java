package io.github.reselleroffboarding.partnercenter;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A response as received, before it is judged: status, headers and the body as text, and the {@code MS-RequestId}
 * the request carried (null for the token endpoint).
 */
record RawResponse(int status, HttpHeaders headers, String body, String msRequestId) {

    RawResponse(int status, HttpHeaders headers, String body) {
        this(status, headers, body, null);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
