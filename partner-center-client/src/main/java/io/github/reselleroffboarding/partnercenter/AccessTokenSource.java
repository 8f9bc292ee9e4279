package io.github.reselleroffboarding.partnercenter;

import reactor.core.publisher.Mono;

/** Where bearer tokens come from. */
interface AccessTokenSource {

    /** A token valid for at least a while; fetched only when the cached one is due for refresh. */
    Mono<AccessToken> token();

    /** Partner Center refused {@code token} (401): forget it, so {@link #token()} fetches a new one. */
    void rejected(AccessToken token);

    /** Whether a new token can be fetched at all (a static token cannot). */
    boolean canRefresh();
}
