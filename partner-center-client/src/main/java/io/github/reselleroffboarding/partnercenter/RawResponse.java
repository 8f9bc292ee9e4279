package io.github.reselleroffboarding.partnercenter;

import io.netty.handler.codec.http.HttpHeaders;

/** A response as received, before it is judged: status, headers and the body as text. */
record RawResponse(int status, HttpHeaders headers, String body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
