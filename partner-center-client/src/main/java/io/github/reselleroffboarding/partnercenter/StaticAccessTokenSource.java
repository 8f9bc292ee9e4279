package io.github.reselleroffboarding.partnercenter;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** One fixed token, for development: when it is refused, there is no other. */
final class StaticAccessTokenSource implements AccessTokenSource {

    private final AccessToken token;

    StaticAccessTokenSource(Secret value) {
        this.token = new AccessToken(value, Instant.MAX);
    }

    @Override
    public Mono<AccessToken> token() {
        return Mono.just(token);
    }

    @Override
    public void rejected(AccessToken token) {
        // nothing to refresh
    }

    @Override
    public boolean canRefresh() {
        return false;
    }
}
