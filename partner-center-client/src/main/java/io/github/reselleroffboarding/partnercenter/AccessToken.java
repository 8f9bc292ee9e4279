package io.github.reselleroffboarding.partnercenter;

import java.time.Instant;

/** A bearer token and when to stop using it (before it actually expires, to leave room for slow calls). */
record AccessToken(Secret value, Instant refreshAt) {
}
